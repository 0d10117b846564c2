namespace ZigBee.XBee.Coordinator;

/// <summary>What the dongle says about itself and its network (VR, HV, SH/SL, MY, OP, OI, CH, AI).</summary>
public sealed record XBeeIdentity(
    ushort FirmwareVersion,
    ushort HardwareVersion,
    ulong ExtendedAddress,
    ushort NetworkAddress,
    ulong OperatingExtendedPanId,
    ushort OperatingPanId,
    byte Channel,
    byte AssociationIndication)
{
    /// <summary>AI = 0: the coordinator formed its network (a router or end device: joined one).</summary>
    public bool IsInNetwork => AssociationIndication == 0;
}
