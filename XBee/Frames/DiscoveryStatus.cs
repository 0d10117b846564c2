namespace ZigBee.XBee.Frames;

/// <summary>Discovery status of the transmit status frame (0x8B): what the module had to discover before sending.</summary>
public enum DiscoveryStatus : byte
{
    NoDiscoveryOverhead = 0x00,
    AddressDiscovery = 0x01,
    RouteDiscovery = 0x02,
    AddressAndRouteDiscovery = 0x03,
    ExtendedTimeoutDiscovery = 0x40,
}
