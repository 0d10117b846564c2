namespace ZigBee.Mac.Service;

/// <summary>
/// Status of MAC confirms and indications (IEEE 802.15.4-2006 Table 78), plus the two association status values of
/// §7.3.2.3 that MLME-ASSOCIATE.confirm and MLME-ASSOCIATE.response carry.
/// </summary>
public enum MacStatus : byte
{
    Success = 0x00,

    /// <summary>Association status (§7.3.2.3): the coordinator cannot take another device.</summary>
    PanAtCapacity = 0x01,

    /// <summary>Association status (§7.3.2.3): the coordinator refuses this device.</summary>
    PanAccessDenied = 0x02,

    CounterError = 0xDB,
    ImproperKeyType = 0xDC,
    ImproperSecurityLevel = 0xDD,
    UnsupportedLegacy = 0xDE,
    UnsupportedSecurity = 0xDF,
    BeaconLoss = 0xE0,
    ChannelAccessFailure = 0xE1,
    Denied = 0xE2,
    DisableTrxFailure = 0xE3,
    SecurityError = 0xE4,
    FrameTooLong = 0xE5,
    InvalidGts = 0xE6,
    InvalidHandle = 0xE7,
    InvalidParameter = 0xE8,
    NoAck = 0xE9,
    NoBeacon = 0xEA,
    NoData = 0xEB,
    NoShortAddress = 0xEC,
    OutOfCap = 0xED,
    PanIdConflict = 0xEE,
    Realignment = 0xEF,
    TransactionExpired = 0xF0,
    TransactionOverflow = 0xF1,
    TxActive = 0xF2,
    UnavailableKey = 0xF3,
    UnsupportedAttribute = 0xF4,
    InvalidAddress = 0xF5,
    OnTimeTooLong = 0xF6,
    PastTime = 0xF7,
    TrackingOff = 0xF8,
    InvalidIndex = 0xF9,
    LimitReached = 0xFA,
    ReadOnly = 0xFB,
    ScanInProgress = 0xFC,
    SuperframeOverlap = 0xFD,
}
