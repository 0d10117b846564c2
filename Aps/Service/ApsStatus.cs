namespace ZigBee.Aps.Service;

/// <summary>APS status values (ZigBee R22 §2.2.4, Table 2-27), with the spec's names.</summary>
public enum ApsStatus : byte
{
    Success = 0x00,
    AsduTooLong = 0xA0,
    DefragDeferred = 0xA1,
    DefragUnsupported = 0xA2,
    IllegalRequest = 0xA3,
    InvalidBinding = 0xA4,
    InvalidGroup = 0xA5,
    InvalidParameter = 0xA6,
    NoAck = 0xA7,
    NoBoundDevice = 0xA8,
    NoShortAddress = 0xA9,
    NotSupported = 0xAA,
    SecuredLinkKey = 0xAB,
    SecuredNwkKey = 0xAC,
    SecurityFail = 0xAD,
    TableFull = 0xAE,
    Unsecured = 0xAF,
    UnsupportedAttribute = 0xB0,
}
