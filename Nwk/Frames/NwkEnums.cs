namespace ZigBee.Nwk.Frames;

/// <summary>NWK frame type, bits 0–1 of the frame control (§3.3.1.1.1); 2 is reserved and kept.</summary>
public enum NwkFrameType : byte
{
    Data = 0,
    Command = 1,
    Reserved = 2,
    InterPan = 3,
}

/// <summary>The discover route subfield, bits 6–7 (§3.3.1.1.3): 2 and 3 are reserved (3 was "force" in ZigBee 2004).</summary>
public enum NwkDiscoverRoute : byte
{
    Suppress = 0,
    Enable = 1,
}

/// <summary>Multicast mode of the multicast control field (§3.3.1.8.1); 2 and 3 are reserved.</summary>
public enum NwkMulticastMode : byte
{
    NonMember = 0,
    Member = 1,
}

/// <summary>NWK command identifiers (§3.4, table 3.40); other values are reserved and kept as they are.</summary>
public enum NwkCommandId : byte
{
    RouteRequest = 0x01,
    RouteReply = 0x02,
    NetworkStatus = 0x03,
    Leave = 0x04,
    RouteRecord = 0x05,
    RejoinRequest = 0x06,
    RejoinResponse = 0x07,
    LinkStatus = 0x08,
    NetworkReport = 0x09,
    NetworkUpdate = 0x0A,
    EndDeviceTimeoutRequest = 0x0B,
    EndDeviceTimeoutResponse = 0x0C,
    LinkPowerDelta = 0x0D,
}

/// <summary>Status codes of the network status command (§3.4.3.3.1, table 3.43); other values are reserved.</summary>
public enum NwkStatusCode : byte
{
    NoRouteAvailable = 0x00,
    TreeLinkFailure = 0x01,
    NonTreeLinkFailure = 0x02,
    LowBatteryLevel = 0x03,
    NoRoutingCapacity = 0x04,
    NoIndirectCapacity = 0x05,
    IndirectTransactionExpiry = 0x06,
    TargetDeviceUnavailable = 0x07,
    TargetAddressUnallocated = 0x08,
    ParentLinkFailure = 0x09,
    ValidateRoute = 0x0A,
    SourceRouteFailure = 0x0B,
    ManyToOneRouteFailure = 0x0C,
    AddressConflict = 0x0D,
    VerifyAddresses = 0x0E,
    PanIdentifierUpdate = 0x0F,
    NetworkAddressUpdate = 0x10,
    BadFrameCounter = 0x11,
    BadKeySequenceNumber = 0x12,
    UnknownCommand = 0x13,
}

/// <summary>Many-to-one subfield of the route request options (§3.4.1.3.1.1); 3 is reserved.</summary>
public enum ManyToOneMode : byte
{
    None = 0,
    RouteRecordSupported = 1,
    RouteRecordNotSupported = 2,
}

/// <summary>Key identifier of the NWK/APS auxiliary security header (§4.5.1.1.2).</summary>
public enum NwkKeyIdentifier : byte
{
    DataKey = 0,
    NetworkKey = 1,
    KeyTransportKey = 2,
    KeyLoadKey = 3,
}

/// <summary>Report command identifier of the network report command (§3.4.9.3.1); others reserved.</summary>
public enum NetworkReportType : byte
{
    PanIdentifierConflict = 0,
}

/// <summary>Update command identifier of the network update command (§3.4.10.3.1); others reserved.</summary>
public enum NetworkUpdateType : byte
{
    PanIdentifierUpdate = 0,
}

/// <summary>Status of the end device timeout response (§3.4.12.3.1); others reserved.</summary>
public enum EndDeviceTimeoutStatus : byte
{
    Success = 0,
    IncorrectValue = 1,
}

/// <summary>Type of a link power delta command (§3.4.13.3.1); 3 is reserved.</summary>
public enum LinkPowerDeltaType : byte
{
    Notification = 0,
    Request = 1,
    Response = 2,
}

/// <summary>Status of a rejoin response (§3.4.7.3.2): MAC association status values.</summary>
public enum RejoinStatus : byte
{
    Success = 0x00,
    PanAtCapacity = 0x01,
    PanAccessDenied = 0x02,
}
