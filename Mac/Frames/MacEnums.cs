namespace ZigBee.Mac.Frames;

/// <summary>Frame type subfield (§7.2.1.1.1); values 4–7 are reserved and kept as they are.</summary>
public enum MacFrameType : byte
{
    Beacon = 0,
    Data = 1,
    Acknowledgment = 2,
    Command = 3,
}

/// <summary>Addressing mode subfields (§7.2.1.1.6, §7.2.1.1.8); 1 is reserved and carries no address.</summary>
public enum MacAddressingMode : byte
{
    None = 0,
    Reserved = 1,
    Short = 2,
    Extended = 3,
}

/// <summary>Frame version subfield (§7.2.1.1.7).</summary>
public enum MacFrameVersion : byte
{
    Ieee2003 = 0,
    Ieee2006 = 1,
    Ieee2015 = 2,
    Reserved = 3,
}

/// <summary>MAC command frame identifiers (§7.3).</summary>
public enum MacCommandId : byte
{
    AssociationRequest = 0x01,
    AssociationResponse = 0x02,
    DisassociationNotification = 0x03,
    DataRequest = 0x04,
    PanIdConflictNotification = 0x05,
    OrphanNotification = 0x06,
    BeaconRequest = 0x07,
    CoordinatorRealignment = 0x08,
    GtsRequest = 0x09,
}
