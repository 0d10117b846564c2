namespace ZigBee.XBee.Frames;

/// <summary>Delivery status of the ZigBee firmware's transmit status frame (0x8B).</summary>
public enum DeliveryStatus : byte
{
    Success = 0x00,
    MacAckFailure = 0x01,
    CcaFailure = 0x02,
    InvalidDestinationEndpoint = 0x15,
    NetworkAckFailure = 0x21,
    NotJoinedToNetwork = 0x22,
    SelfAddressed = 0x23,
    AddressNotFound = 0x24,
    RouteNotFound = 0x25,
    BroadcastSourceFailedToHearNeighborRelay = 0x26,
    InvalidBindingTableIndex = 0x2B,

    /// <summary>Lack of free buffers, timers and so forth.</summary>
    ResourceError = 0x2C,
    AttemptedBroadcastWithApsTransmission = 0x2D,
    AttemptedUnicastWithApsTransmissionButEeIsZero = 0x2E,

    /// <summary>The guides describe it in the same words as 0x2C (no free buffers, timers and so forth); its own name keeps the codes apart.</summary>
    ResourceErrorNoBuffers = 0x32,
    DataPayloadTooLarge = 0x74,

    /// <summary>S2C guide: an indirect message was not requested by the end device in time.</summary>
    IndirectMessageUnrequested = 0x75,
}
