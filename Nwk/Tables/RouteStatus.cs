namespace ZigBee.Nwk.Tables;

/// <summary>Status of a routing table entry (§3.6.4.2, Table 3-65).</summary>
public enum RouteStatus : byte
{
    Active = 0x0,
    DiscoveryUnderway = 0x1,
    DiscoveryFailed = 0x2,
    Inactive = 0x3,
    ValidationUnderway = 0x4,
}
