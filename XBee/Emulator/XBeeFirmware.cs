using System.Buffers.Binary;
using System.Text;
using ZigBee.Simulation.Scheduling;
using ZigBee.XBee.Frames;
using ZigBee.XBee.Link;

namespace ZigBee.XBee.Emulator;

/// <summary>
/// The firmware of an emulated XBee: takes API frames from the host and answers them as the real firmware does.
/// This base handles what both firmwares share — AT command frames (0x08, and 0x09 whose values wait for AC), the
/// common commands AP, VR, HV, SH, SL, NI, AC, WR, FR — and leaves the rest to the firmware. Runs on the simulator's
/// scheduler thread; frames for the host leave through <see cref="FrameToHost"/>.
/// </summary>
public abstract class XBeeFirmware
{
    private const int MaxValueLength = 256;
    private readonly List<(AtCommandName Command, byte[] Parameter)> _queued = [];
    private readonly byte[] _frame = new byte[1024];
    private readonly byte[] _value = new byte[MaxValueLength];
    private ApiMode? _pendingApiMode;

    protected XBeeFirmware(SimulationScheduler scheduler, ulong extendedAddress)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        Scheduler = scheduler;
        ExtendedAddress = extendedAddress;
    }

    public SimulationScheduler Scheduler { get; }

    /// <summary>SH and SL: the module's IEEE address.</summary>
    public ulong ExtendedAddress { get; }

    /// <summary>AP: how frames to and from the host are framed. A change by AT AP takes effect after its response.</summary>
    public ApiMode ApiMode { get; set; } = ApiMode.Escaped;

    /// <summary>AP = 0: the module is in transparent mode and only "+++" command mode reaches its settings.</summary>
    public bool Transparent { get; set; }

    /// <summary>NI: up to 20 printable characters.</summary>
    public string NodeIdentifier { get; set; } = " ";

    /// <summary>VR.</summary>
    public abstract ushort FirmwareVersion { get; }

    /// <summary>HV.</summary>
    public abstract ushort HardwareVersion { get; }

    /// <summary>A hung module (a fault to inject): frames from the host go unanswered.</summary>
    public bool Unresponsive { get; set; }

    /// <summary>API frames from the host this firmware did not know (ignored, as the firmware does).</summary>
    public long UnknownFrames { get; protected set; }

    /// <summary>A frame for the host (frame data, API identifier onwards); the emulator frames it in <see cref="ApiMode"/>.</summary>
    public event XBeeFrameHandler? FrameToHost;

    /// <summary>Power-up: modem status "hardware reset", then whatever the firmware does when it starts.</summary>
    public abstract void PowerOn();

    /// <summary>An API frame from the host.</summary>
    public void ReceiveFromHost(ReadOnlySpan<byte> frameData)
    {
        if (frameData.IsEmpty || Unresponsive)
        {
            return;
        }

        switch ((ApiFrameType)frameData[0])
        {
            case ApiFrameType.AtCommand or ApiFrameType.AtCommandQueue:
                if (AtCommandFrame.TryDecode(frameData, out var at))
                {
                    OnAtCommand(at);
                }

                break;
            case ApiFrameType.RemoteAtCommand:
                if (RemoteAtCommandFrame.TryDecode(frameData, out var remote))
                {
                    HandleRemoteAtCommand(remote);
                }

                break;
            default:
                HandleFrame(frameData);
                break;
        }
    }

    /// <summary>
    /// Runs an AT command from command mode or an API frame: the common ones here, the rest by the firmware.
    /// An empty parameter reads; the value read is written to <paramref name="value"/>.
    /// </summary>
    public AtCommandStatus Execute(AtCommandName command, ReadOnlySpan<byte> parameter, Span<byte> value, out int valueLength)
    {
        valueLength = 0;
        if (command == AtCommandName.AP)
        {
            if (parameter.IsEmpty)
            {
                value[0] = Transparent ? (byte)0 : (byte)ApiMode;
                valueLength = 1;
                return AtCommandStatus.Ok;
            }

            if (parameter.Length != 1 || parameter[0] > 2)
            {
                return AtCommandStatus.InvalidParameter;
            }

            if (parameter[0] == 0)
            {
                Transparent = true;
            }
            else
            {
                _pendingApiMode = (ApiMode)parameter[0];
            }

            return AtCommandStatus.Ok;
        }

        if (command == AtCommandName.VR || command == AtCommandName.HV)
        {
            if (!parameter.IsEmpty)
            {
                return AtCommandStatus.InvalidParameter;
            }

            BinaryPrimitives.WriteUInt16BigEndian(value, command == AtCommandName.VR ? FirmwareVersion : HardwareVersion);
            valueLength = 2;
            return AtCommandStatus.Ok;
        }

        if (command == AtCommandName.SH || command == AtCommandName.SL)
        {
            if (!parameter.IsEmpty)
            {
                return AtCommandStatus.InvalidParameter;
            }

            BinaryPrimitives.WriteUInt32BigEndian(value, (uint)(command == AtCommandName.SH ? ExtendedAddress >> 32 : ExtendedAddress));
            valueLength = 4;
            return AtCommandStatus.Ok;
        }

        if (command == AtCommandName.NI)
        {
            if (parameter.IsEmpty)
            {
                valueLength = Encoding.ASCII.GetBytes(NodeIdentifier, value);
                return AtCommandStatus.Ok;
            }

            if (parameter.Length > 20)
            {
                return AtCommandStatus.InvalidParameter;
            }

            NodeIdentifier = Encoding.ASCII.GetString(parameter);
            return AtCommandStatus.Ok;
        }

        if (command == AtCommandName.AC)
        {
            ApplyQueued();
            ApplyChanges();
            return AtCommandStatus.Ok;
        }

        if (command == AtCommandName.WR)
        {
            // Settings live as long as the emulator: writing them to "flash" has nothing more to do.
            return AtCommandStatus.Ok;
        }

        if (command == AtCommandName.FR)
        {
            // The module answers first, then restarts (§ software reset: modem status "watchdog timer reset").
            Scheduler.Schedule(TimeSpan.FromMilliseconds(100), () =>
            {
                Reset();
                SendModemStatus(ModemStatus.WatchdogReset);
            });
            return AtCommandStatus.Ok;
        }

        return ExecuteAtCommand(command, parameter, value, out valueLength);
    }

    /// <summary>
    /// A numeric setting, as both firmwares keep most of theirs: an empty parameter reads it in <paramref name="size"/>
    /// big-endian bytes; a set takes 1 to <paramref name="size"/> bytes within [<paramref name="min"/>, <paramref name="max"/>]
    /// and hands the number to <paramref name="set"/>; anything else is "invalid parameter".
    /// </summary>
    protected static AtCommandStatus NumericSetting(ReadOnlySpan<byte> parameter, int size, ulong current, Action<ulong> set, Span<byte> value, out int valueLength,
        ulong min = 0, ulong max = ulong.MaxValue)
    {
        if (parameter.IsEmpty)
        {
            valueLength = AtValue.Write(current, size, value);
            return AtCommandStatus.Ok;
        }

        valueLength = 0;
        if (!AtValue.TryRead(parameter, size, out var number) || number < min || number > max)
        {
            return AtCommandStatus.InvalidParameter;
        }

        set(number);
        return AtCommandStatus.Ok;
    }

    /// <summary>A firmware-specific AT command; an empty parameter reads. Unknown → <see cref="AtCommandStatus.InvalidCommand"/>.</summary>
    protected abstract AtCommandStatus ExecuteAtCommand(AtCommandName command, ReadOnlySpan<byte> parameter, Span<byte> value, out int valueLength);

    /// <summary>
    /// An AT command frame whose answer takes time (a scan): return true to answer it later with
    /// <see cref="SendAtResponse"/> (once, or once per result as AS does); false runs it through <see cref="Execute"/> now.
    /// </summary>
    protected virtual bool BeginDeferredAtCommand(byte frameId, AtCommandName command, ReadOnlySpan<byte> parameter) => false;

    /// <summary>An AT command response (0x88) to the host; nothing when <paramref name="frameId"/> is 0 (no answer asked).</summary>
    protected void SendAtResponse(byte frameId, AtCommandName command, AtCommandStatus status, ReadOnlySpan<byte> value) =>
        Respond(frameId, command, status, value);

    /// <summary>AC: apply the settings changed since the last apply.</summary>
    protected abstract void ApplyChanges();

    /// <summary>FR: restart as after power-up (settings kept).</summary>
    protected abstract void Reset();

    /// <summary>Every API frame that is not an AT command frame.</summary>
    protected abstract void HandleFrame(ReadOnlySpan<byte> frameData);

    /// <summary>A remote AT command (0x17); by default no remote node answers, so the status is "transmission failure".</summary>
    protected virtual void HandleRemoteAtCommand(in RemoteAtCommandFrame frame)
    {
        if (frame.FrameId != 0)
        {
            SendToHost(new RemoteAtCommandResponseFrame(frame.FrameId, frame.Destination64, frame.Destination16, frame.Command, AtCommandStatus.TxFailure, default));
        }
    }

    /// <summary>Sends frame data to the host.</summary>
    protected void SendToHost(ReadOnlySpan<byte> frameData) => FrameToHost?.Invoke(frameData);

    protected void SendToHost(in RemoteAtCommandResponseFrame frame) => SendToHost(_frame.AsSpan(0, frame.Encode(_frame)));

    protected void SendModemStatus(ModemStatus status) => SendToHost(_frame.AsSpan(0, new ModemStatusFrame(status).Encode(_frame)));

    private void OnAtCommand(in AtCommandFrame frame)
    {
        if (frame.Queued)
        {
            // 0x09: the value waits for AC or the next 0x08 (a read is answered now).
            if (!frame.Parameter.IsEmpty)
            {
                _queued.Add((frame.Command, frame.Parameter.ToArray()));
                Respond(frame.FrameId, frame.Command, AtCommandStatus.Ok, default);
                return;
            }
        }
        else
        {
            ApplyQueued();
        }

        if (BeginDeferredAtCommand(frame.FrameId, frame.Command, frame.Parameter))
        {
            return;
        }

        var status = Execute(frame.Command, frame.Parameter, _value, out var length);
        Respond(frame.FrameId, frame.Command, status, _value.AsSpan(0, length));

        // The response still goes out in the old mode; the new one holds from the next frame.
        ApplyApiMode();
    }

    /// <summary>An API mode set by AP takes effect: after the AT response, or when command mode is left.</summary>
    public void ApplyApiMode()
    {
        if (_pendingApiMode is { } mode)
        {
            _pendingApiMode = null;
            ApiMode = mode;
            Transparent = false;
        }
    }

    private void ApplyQueued()
    {
        foreach (var (command, parameter) in _queued)
        {
            Execute(command, parameter, _value, out _);
        }

        _queued.Clear();
    }

    private void Respond(byte frameId, AtCommandName command, AtCommandStatus status, ReadOnlySpan<byte> value)
    {
        if (frameId == 0)
        {
            return;
        }

        var length = new AtCommandResponseFrame(frameId, command, status, value).Encode(_frame);
        SendToHost(_frame.AsSpan(0, length));
    }
}
