namespace ZigBee.XBee.Frames;

/// <summary>The two ASCII characters naming an AT command, as they go on the wire (e.g. "NJ").</summary>
public readonly record struct AtCommandName
{
    public static readonly AtCommandName AP = new('A', 'P');
    public static readonly AtCommandName AO = new('A', 'O');
    public static readonly AtCommandName VR = new('V', 'R');
    public static readonly AtCommandName HV = new('H', 'V');
    public static readonly AtCommandName SH = new('S', 'H');
    public static readonly AtCommandName SL = new('S', 'L');
    public static readonly AtCommandName MY = new('M', 'Y');
    public static readonly AtCommandName OP = new('O', 'P');
    public static readonly AtCommandName OI = new('O', 'I');
    public static readonly AtCommandName CH = new('C', 'H');
    public static readonly AtCommandName AI = new('A', 'I');
    public static readonly AtCommandName ID = new('I', 'D');
    public static readonly AtCommandName ZS = new('Z', 'S');
    public static readonly AtCommandName SC = new('S', 'C');
    public static readonly AtCommandName EE = new('E', 'E');
    public static readonly AtCommandName EO = new('E', 'O');
    public static readonly AtCommandName NK = new('N', 'K');
    public static readonly AtCommandName KY = new('K', 'Y');
    public static readonly AtCommandName NJ = new('N', 'J');
    public static readonly AtCommandName CE = new('C', 'E');
    public static readonly AtCommandName WR = new('W', 'R');
    public static readonly AtCommandName AC = new('A', 'C');
    public static readonly AtCommandName CN = new('C', 'N');
    public static readonly AtCommandName FR = new('F', 'R');
    public static readonly AtCommandName NR = new('N', 'R');
    public static readonly AtCommandName NI = new('N', 'I');
    public static readonly AtCommandName ND = new('N', 'D');
    public static readonly AtCommandName MM = new('M', 'M');
    public static readonly AtCommandName A1 = new('A', '1');
    public static readonly AtCommandName A2 = new('A', '2');
    public static readonly AtCommandName ED = new('E', 'D');
    public static readonly AtCommandName AS = new('A', 'S');
    public static readonly AtCommandName RE = new('R', 'E');
    public static readonly AtCommandName BD = new('B', 'D');
    public static readonly AtCommandName NP = new('N', 'P');
    public static readonly AtCommandName DB = new('D', 'B');

    public const int Length = 2;

    /// <summary>A command name from two ASCII characters.</summary>
    public AtCommandName(char first, char second)
    {
        if (first > 0x7F || second > 0x7F)
        {
            throw new ArgumentException($"AT command names are two ASCII characters, not U+{(int)first:X4} U+{(int)second:X4}");
        }

        First = (byte)first;
        Second = (byte)second;
    }

    private AtCommandName(byte first, byte second)
    {
        First = first;
        Second = second;
    }

    public byte First { get; }

    public byte Second { get; }

    /// <summary>Both characters in one number, first in the high byte, as they go on the wire.</summary>
    public ushort Value => (ushort)((First << 8) | Second);

    /// <summary>Parses exactly two ASCII characters, e.g. "NJ" (case is kept: the wire carries what it is given).</summary>
    public static AtCommandName Parse(string text) =>
        TryParse(text, out var name) ? name : throw new FormatException($"'{text}' is not an AT command name (two ASCII characters)");

    public static bool TryParse(string? text, out AtCommandName name)
    {
        name = default;
        if (text is not { Length: Length } || text[0] > 0x7F || text[1] > 0x7F)
        {
            return false;
        }

        name = new AtCommandName((byte)text[0], (byte)text[1]);
        return true;
    }

    /// <summary>Reads the two bytes of a command name; any byte is kept as received.</summary>
    public static AtCommandName Read(ReadOnlySpan<byte> source) => new(source[0], source[1]);

    public void CopyTo(Span<byte> destination)
    {
        destination[0] = First;
        destination[1] = Second;
    }

    public override string ToString() => string.Create(Length, this, static (chars, name) =>
    {
        chars[0] = (char)name.First;
        chars[1] = (char)name.Second;
    });
}
