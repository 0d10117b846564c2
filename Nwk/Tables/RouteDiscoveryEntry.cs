namespace ZigBee.Nwk.Tables;

/// <summary>One route discovery table entry (§3.6.4.3, Table 3-66).</summary>
public sealed class RouteDiscoveryEntry
{
    public byte RouteRequestId { get; internal set; }

    /// <summary>The originator of the route request.</summary>
    public ushort SourceAddress { get; internal set; }

    /// <summary>The neighbour the best route request came from: where the route reply goes.</summary>
    public ushort SenderAddress { get; internal set; }

    /// <summary>The destination the request looks for.</summary>
    public ushort DestinationAddress { get; internal set; }

    /// <summary>Path cost from the originator to this device.</summary>
    public byte ForwardCost { get; internal set; }

    /// <summary>Path cost from this device to the destination (0xFF until a reply came).</summary>
    public byte ResidualCost { get; internal set; } = 0xFF;

    /// <summary>When the entry expires (nwkcRouteDiscoveryTime after creation).</summary>
    public DateTimeOffset Expiry { get; internal set; }
}
