namespace ZigBee.XBee.Frames;

/// <summary>Device type of the node identification indicator (0x95).</summary>
public enum XBeeDeviceType : byte
{
    Coordinator = 0,
    Router = 1,
    EndDevice = 2,
}

/// <summary>What made a node send its node identification (0x95).</summary>
public enum NodeIdentificationEvent : byte
{
    PushButton = 1,
    Joined = 2,
    PowerCycle = 3,
}

/// <summary>Status of the 802.15.4 firmware's transmit status frame (0x89).</summary>
public enum TxStatus : byte
{
    Success = 0,

    /// <summary>All retries ran out without a MAC acknowledgement.</summary>
    NoAck = 1,
    CcaFailure = 2,

    /// <summary>An indirect transmission timed out at the coordinator.</summary>
    Purged = 3,
}
