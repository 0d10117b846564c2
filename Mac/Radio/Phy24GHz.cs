namespace ZigBee.Mac.Radio;

/// <summary>Constants of the 2.4 GHz O-QPSK PHY (IEEE 802.15.4-2006 §6.5, §6.4.1).</summary>
public static class Phy24GHz
{
    /// <summary>Symbol period: 62.5 ksymbol/s.</summary>
    public static readonly TimeSpan SymbolTime = TimeSpan.FromTicks(160); // 16 µs

    /// <summary>Two symbols per octet: 32 µs per byte at 250 kbit/s.</summary>
    public static readonly TimeSpan ByteTime = TimeSpan.FromTicks(320);

    /// <summary>Synchronisation header (preamble 4 + SFD 1) and PHY header (length 1).</summary>
    public const int ShrPhrBytes = 6;

    /// <summary>aMaxPHYPacketSize.</summary>
    public const int MaxPhyPacketSize = 127;

    /// <summary>aTurnaroundTime: 12 symbols = 192 µs.</summary>
    public const int TurnaroundSymbols = 12;

    public static readonly TimeSpan TurnaroundTime = TimeSpan.FromTicks(12 * 160);

    public const byte FirstChannel = 11;
    public const byte LastChannel = 26;

    /// <summary>Time on air of a PSDU of <paramref name="psduLength"/> bytes, including SHR and PHR.</summary>
    public static TimeSpan Airtime(int psduLength) => TimeSpan.FromTicks((ShrPhrBytes + psduLength) * ByteTime.Ticks);

    public static TimeSpan Symbols(int count) => TimeSpan.FromTicks(count * SymbolTime.Ticks);
}
