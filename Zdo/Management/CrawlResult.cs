using ZigBee.Zdo.Frames;

namespace ZigBee.Zdo.Management;

/// <summary>A topology crawl: the map of devices and links, each router's routing table, and the routers that did not answer.</summary>
public sealed record CrawlResult(NetworkMap Map, IReadOnlyDictionary<ushort, IReadOnlyList<ZdpRoutingTableEntry>> Routes, IReadOnlyList<ushort> Unreachable);
