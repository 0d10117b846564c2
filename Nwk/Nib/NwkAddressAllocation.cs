namespace ZigBee.Nwk.Nib;

/// <summary>nwkAddrAlloc (§3.5.2, Table 3-58): how this device hands out network addresses.</summary>
public enum NwkAddressAllocation : byte
{
    Distributed = 0x00,
    Reserved = 0x01,

    /// <summary>ZigBee PRO: a random address, with conflict detection (§3.6.1.7.2).</summary>
    Stochastic = 0x02,
}
