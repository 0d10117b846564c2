namespace ZigBee.Nwk.Tables;

/// <summary>One routing table entry (§3.6.4.2, Table 3-64).</summary>
public sealed class RouteEntry
{
    public ushort DestinationAddress { get; internal set; } = 0xFFFF;

    public RouteStatus Status { get; internal set; } = RouteStatus.Inactive;

    /// <summary>No route cache: the destination is a concentrator that keeps no route record table.</summary>
    public bool NoRouteCache { get; internal set; }

    /// <summary>The destination is a concentrator reached by a many-to-one route.</summary>
    public bool ManyToOne { get; internal set; }

    /// <summary>A route record must go to the destination before the next data frame.</summary>
    public bool RouteRecordRequired { get; internal set; }

    public bool GroupIdFlag { get; internal set; }

    public ushort NextHopAddress { get; internal set; } = 0xFFFF;

    /// <summary>Path cost to the destination learned with the route (for many-to-one routes: from the request).</summary>
    public byte PathCost { get; internal set; }

    /// <summary>When the entry was last used or refreshed (eviction picks the oldest).</summary>
    public DateTimeOffset LastUsed { get; internal set; }

    internal void Reset()
    {
        DestinationAddress = 0xFFFF;
        Status = RouteStatus.Inactive;
        NoRouteCache = false;
        ManyToOne = false;
        RouteRecordRequired = false;
        GroupIdFlag = false;
        NextHopAddress = 0xFFFF;
        PathCost = 0;
        LastUsed = default;
    }

    public override string ToString() => $"0x{DestinationAddress:x4} via 0x{NextHopAddress:x4} {Status}{(ManyToOne ? " many-to-one" : string.Empty)}";
}
