using ZigBee.XBee.Frames;

namespace ZigBee.XBee.Link;

/// <summary>A local AT command's answer (frame 0x88), its value copied out of the receive buffer.</summary>
public sealed record AtResponse(AtCommandName Command, AtCommandStatus Status, byte[] Data)
{
    public bool IsOk => Status == AtCommandStatus.Ok;

    /// <summary>The value as a big-endian unsigned number (how the firmware sends numeric parameters).</summary>
    public ulong Number => AtValue.TryRead(Data.AsSpan(0, Math.Min(8, Data.Length)), 8, out var value) ? value : 0;

    /// <summary>Throws <see cref="XBeeCommandException"/> unless the status is OK; returns this response.</summary>
    public AtResponse EnsureOk() => IsOk ? this : throw new XBeeCommandException(Command, Status);
}

/// <summary>A remote AT command's answer (frame 0x97).</summary>
public sealed record RemoteAtResponse(ulong Source64, ushort Source16, AtCommandName Command, AtCommandStatus Status, byte[] Data)
{
    public bool IsOk => Status == AtCommandStatus.Ok;
}

/// <summary>The dongle refused an AT command.</summary>
public sealed class XBeeCommandException(AtCommandName command, AtCommandStatus status)
    : InvalidOperationException($"the XBee answered AT{command} with {status}")
{
    public AtCommandName Command { get; } = command;

    public AtCommandStatus Status { get; } = status;
}
