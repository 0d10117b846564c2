namespace ZigBee.Nwk.Service;

/// <summary>Status values of NWK confirms and indications (ZigBee specification R22 §3.7, Table 3-73).</summary>
public enum NwkStatus : byte
{
    Success = 0x00,
    InvalidParameter = 0xC1,
    InvalidRequest = 0xC2,
    NotPermitted = 0xC3,
    StartupFailure = 0xC4,
    AlreadyPresent = 0xC5,
    SyncFailure = 0xC6,
    NeighborTableFull = 0xC7,
    UnknownDevice = 0xC8,
    UnsupportedAttribute = 0xC9,
    NoNetworks = 0xCA,
    MaxFrmCounter = 0xCC,
    NoKey = 0xCD,
    BadCcmOutput = 0xCE,
    RouteDiscoveryFailed = 0xD0,
    RouteError = 0xD1,
    BtTableFull = 0xD2,
    FrameNotBuffered = 0xD3,

    /// <summary>A MAC failure passed up unchanged (the confirm then carries the MAC status in <c>MacStatus</c>).</summary>
    MacFailure = 0xFF,
}
