using System.Buffers.Binary;

namespace ZigBee.Mac.Frames;

/// <summary>
/// The MAC auxiliary security header (§7.6.2): security control, frame counter, key identifier. ZigBee does not use
/// MAC security, but a sniffer sees such frames and must parse them.
/// </summary>
public readonly record struct AuxiliarySecurityHeader(
    byte SecurityControl,
    uint FrameCounter,
    ulong KeySource,
    byte KeyIndex)
{
    /// <summary>Security level, bits 0–2 (0 none … 7 ENC-MIC-128).</summary>
    public int SecurityLevel => SecurityControl & 0x7;

    /// <summary>Key identifier mode, bits 3–4.</summary>
    public int KeyIdentifierMode => (SecurityControl >> 3) & 0x3;

    /// <summary>Length of the message integrity code that ends the payload at this level.</summary>
    public int MicLength => (SecurityLevel & 0x3) switch
    {
        1 => 4,
        2 => 8,
        3 => 16,
        _ => 0,
    };

    /// <summary>Bytes this header takes on air.</summary>
    public int Length => 5 + KeyIdentifierLength(KeyIdentifierMode);

    private static int KeyIdentifierLength(int mode) => mode switch
    {
        1 => 1,
        2 => 5,
        3 => 9,
        _ => 0,
    };

    internal static bool TryRead(ReadOnlySpan<byte> data, out AuxiliarySecurityHeader header, out int length)
    {
        header = default;
        length = 0;
        if (data.Length < 5)
        {
            return false;
        }

        var control = data[0];
        var counter = BinaryPrimitives.ReadUInt32LittleEndian(data[1..]);
        var mode = (control >> 3) & 0x3;
        length = 5 + KeyIdentifierLength(mode);
        if (data.Length < length)
        {
            return false;
        }

        ulong source = mode switch
        {
            2 => BinaryPrimitives.ReadUInt32LittleEndian(data[5..]),
            3 => BinaryPrimitives.ReadUInt64LittleEndian(data[5..]),
            _ => 0,
        };
        var index = mode == 0 ? (byte)0 : data[length - 1];
        header = new AuxiliarySecurityHeader(control, counter, source, index);
        return true;
    }

    internal int Write(Span<byte> destination)
    {
        destination[0] = SecurityControl;
        BinaryPrimitives.WriteUInt32LittleEndian(destination[1..], FrameCounter);
        var mode = KeyIdentifierMode;
        if (mode == 2)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(destination[5..], (uint)KeySource);
        }
        else if (mode == 3)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(destination[5..], KeySource);
        }

        var length = Length;
        if (mode != 0)
        {
            destination[length - 1] = KeyIndex;
        }

        return length;
    }
}
