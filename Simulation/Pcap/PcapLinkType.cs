namespace ZigBee.Simulation.Pcap;

/// <summary>The pcap link-layer header types this project reads and writes (tcpdump.org link-layer header types).</summary>
public static class PcapLinkType
{
    /// <summary>LINKTYPE_IEEE802_15_4_WITHFCS: an 802.15.4 PSDU whose last two bytes are the FCS.</summary>
    public const uint Ieee802154WithFcs = 195;

    /// <summary>LINKTYPE_IEEE802_15_4_NOFCS: an 802.15.4 MPDU without its FCS.</summary>
    public const uint Ieee802154NoFcs = 230;

    /// <summary>True for the link types whose records are 802.15.4 frames.</summary>
    public static bool IsIeee802154(uint linkType) => linkType is Ieee802154WithFcs or Ieee802154NoFcs;
}
