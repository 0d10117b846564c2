namespace ZigBee.Mac.Frames;

/// <summary>A MAC address of any addressing mode: none, 16-bit short, or 64-bit extended.</summary>
public readonly record struct MacAddress
{
    /// <summary>The broadcast short address 0xFFFF.</summary>
    public const ushort BroadcastShort = 0xFFFF;

    /// <summary>macShortAddress of a device that has an extended address only (0xFFFE).</summary>
    public const ushort NoShortAddress = 0xFFFE;

    /// <summary>The broadcast PAN identifier 0xFFFF.</summary>
    public const ushort BroadcastPan = 0xFFFF;

    private MacAddress(MacAddressingMode mode, ulong value)
    {
        Mode = mode;
        Value = value;
    }

    public static MacAddress None => default;

    public MacAddressingMode Mode { get; }

    /// <summary>The address as a number: 16 bits for short, 64 bits for extended, 0 otherwise.</summary>
    public ulong Value { get; }

    public ushort Short => Mode == MacAddressingMode.Short ? (ushort)Value : NoShortAddress;

    public ulong Extended => Mode == MacAddressingMode.Extended ? Value : 0;

    public bool IsBroadcast => Mode == MacAddressingMode.Short && Value == BroadcastShort;

    /// <summary>Bytes this address takes on air.</summary>
    public int Length => LengthOf(Mode);

    public static MacAddress FromShort(ushort address) => new(MacAddressingMode.Short, address);

    public static MacAddress FromExtended(ulong address) => new(MacAddressingMode.Extended, address);

    /// <summary>An address field with the reserved mode 1: it carries no bytes (kept so a sniffer can show it).</summary>
    public static MacAddress FromReservedMode() => new(MacAddressingMode.Reserved, 0);

    public static int LengthOf(MacAddressingMode mode) => mode switch
    {
        MacAddressingMode.Short => 2,
        MacAddressingMode.Extended => 8,
        _ => 0,
    };

    /// <summary>"0x1a62" for short addresses, "00:12:4b:00:01:02:03:04" (most significant byte first) for extended.</summary>
    public override string ToString() => Mode switch
    {
        MacAddressingMode.Short => $"0x{Value:x4}",
        MacAddressingMode.Extended => FormatExtended(Value),
        MacAddressingMode.Reserved => "reserved",
        _ => "none",
    };

    /// <summary>Formats a 64-bit address the way Wireshark prints it.</summary>
    public static string FormatExtended(ulong address)
    {
        Span<char> text = stackalloc char[23];
        for (var i = 0; i < 8; i++)
        {
            var b = (byte)(address >> (8 * (7 - i)));
            text[i * 3] = HexDigit(b >> 4);
            text[(i * 3) + 1] = HexDigit(b & 0xF);
            if (i < 7)
            {
                text[(i * 3) + 2] = ':';
            }
        }

        return new string(text);
    }

    private static char HexDigit(int nibble) => (char)(nibble < 10 ? '0' + nibble : 'a' + nibble - 10);
}
