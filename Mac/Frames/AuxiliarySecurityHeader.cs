using System.Buffers.Binary;

namespace ZigBee.Mac.Frames;

/// <summary>
/// The MAC auxiliary security header (§7.6.2): security control, frame counter, key identifier. ZigBee does not use
/// MAC security, but a sniffer sees such frames and must parse them. Present only in secured frames of version 1 or
/// later; 802.15.4-2003 frames put their security fields in the payload.
/// </summary>
public readonly record struct AuxiliarySecurityHeader(
    byte SecurityControl,
    uint FrameCounter,
    ulong KeySource,
    byte KeyIndex)
{
    /// <summary>Security level, bits 0–2 (0 none … 7 ENC-MIC-128).</summary>
    public int SecurityLevel => SecurityControl & 0x7;

    /// <summary>Key identifier mode, bits 3–4 (0 implicit, 1 index, 2 4-byte source + index, 3 8-byte source + index).</summary>
    public int KeyIdentifierMode => (SecurityControl >> 3) & 0x3;

    /// <summary>Bits 5–7, reserved in 802.15.4-2006 (802.15.4-2015 uses bits 5 and 6 in version 2 frames).</summary>
    public int ReservedBits => SecurityControl >> 5;

    /// <summary>
    /// True when the frame counter is not sent: bit 5 of a version 2 frame (802.15.4-2015 §9.4.2.3). The decoder
    /// sets it; it is false for frames of 802.15.4-2006, where bit 5 is reserved.
    /// </summary>
    public bool FrameCounterSuppressed { get; init; }

    /// <summary>Length of the message integrity code that ends the payload at this level (§7.6.2.2.1, table 95).</summary>
    public int MicLength => (SecurityLevel & 0x3) switch
    {
        1 => 4,
        2 => 8,
        3 => 16,
        _ => 0,
    };

    /// <summary>True for levels 4–7, where the payload is encrypted.</summary>
    public bool Encrypted => (SecurityLevel & 0x4) != 0;

    /// <summary>Bytes this header takes on air.</summary>
    public int Length => (FrameCounterSuppressed ? 1 : 5) + KeyIdentifierLength(KeyIdentifierMode);

    /// <summary>Bytes of the key identifier field for a key identifier mode (§7.6.2.4).</summary>
    public static int KeyIdentifierLength(int mode) => mode switch
    {
        1 => 1,
        2 => 5,
        3 => 9,
        _ => 0,
    };

    internal static bool TryRead(ReadOnlySpan<byte> data, MacFrameVersion version, out AuxiliarySecurityHeader header, out int length)
    {
        header = default;
        length = 0;
        if (data.Length < 1)
        {
            return false;
        }

        var control = data[0];
        var suppressed = version == MacFrameVersion.Ieee2015 && (control & 0x20) != 0;
        var mode = (control >> 3) & 0x3;
        var at = suppressed ? 1 : 5;
        length = at + KeyIdentifierLength(mode);
        if (data.Length < length)
        {
            return false;
        }

        var counter = suppressed ? 0u : BinaryPrimitives.ReadUInt32LittleEndian(data[1..]);
        ulong source = mode switch
        {
            2 => BinaryPrimitives.ReadUInt32LittleEndian(data[at..]),
            3 => BinaryPrimitives.ReadUInt64LittleEndian(data[at..]),
            _ => 0,
        };
        var index = mode == 0 ? (byte)0 : data[length - 1];
        header = new AuxiliarySecurityHeader(control, counter, source, index) { FrameCounterSuppressed = suppressed };
        return true;
    }

    internal int Write(Span<byte> destination)
    {
        destination[0] = SecurityControl;
        var at = 1;
        if (!FrameCounterSuppressed)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(destination[1..], FrameCounter);
            at = 5;
        }

        var mode = KeyIdentifierMode;
        if (mode == 2)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(destination[at..], (uint)KeySource);
        }
        else if (mode == 3)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(destination[at..], KeySource);
        }

        var length = Length;
        if (mode != 0)
        {
            destination[length - 1] = KeyIndex;
        }

        return length;
    }
}
