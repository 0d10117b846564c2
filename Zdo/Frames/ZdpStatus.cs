namespace ZigBee.Zdo.Frames;

/// <summary>ZDP status values (R22 Table 2.138). Values R22 does not define are kept as they are.</summary>
public enum ZdpStatus : byte
{
    Success = 0x00,
    InvRequestType = 0x80,
    DeviceNotFound = 0x81,
    InvalidEp = 0x82,
    NotActive = 0x83,
    NotSupported = 0x84,
    Timeout = 0x85,
    NoMatch = 0x86,
    NoEntry = 0x88,
    NoDescriptor = 0x89,
    InsufficientSpace = 0x8A,
    NotPermitted = 0x8B,
    TableFull = 0x8C,
    NotAuthorized = 0x8D,
    DeviceBindingTableFull = 0x8E,
    InvalidIndex = 0x8F,
}

/// <summary>The request type of NWK_addr_req and IEEE_addr_req (R22 §2.4.3.1.1): one address, or also the associated devices.</summary>
public enum ZdpAddressRequestType : byte
{
    Single = 0x00,
    Extended = 0x01,
}

/// <summary>The destination address mode of a binding (R22 §2.4.3.2.2): a group, or a device's IEEE address and endpoint.</summary>
public enum ZdpBindAddressMode : byte
{
    Group = 0x01,
    Extended = 0x03,
}
