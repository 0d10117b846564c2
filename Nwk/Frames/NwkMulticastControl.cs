namespace ZigBee.Nwk.Frames;

/// <summary>
/// The multicast control field (§3.3.1.8): multicast mode (bits 0–1), non-member radius (bits 2–4), max non-member
/// radius (bits 5–7).
/// </summary>
public readonly record struct NwkMulticastControl(byte Value)
{
    /// <summary>Bits 0–1; values 2 and 3 are reserved and kept.</summary>
    public NwkMulticastMode Mode => (NwkMulticastMode)(Value & 0x3);

    public int NonMemberRadius => (Value >> 2) & 0x7;

    public int MaxNonMemberRadius => (Value >> 5) & 0x7;

    public static NwkMulticastControl Create(NwkMulticastMode mode, int nonMemberRadius, int maxNonMemberRadius)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)nonMemberRadius, 7u, nameof(nonMemberRadius));
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)maxNonMemberRadius, 7u, nameof(maxNonMemberRadius));
        return new((byte)(((int)mode & 0x3) | (nonMemberRadius << 2) | (maxNonMemberRadius << 5)));
    }
}
