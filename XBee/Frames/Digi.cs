namespace ZigBee.XBee.Frames;

/// <summary>Digi's own endpoints, clusters, profile and codes: what a 0x10 transmit request and the module's own traffic use.</summary>
public static class Digi
{
    /// <summary>Digi's profile for the module's own traffic (data endpoint, node identification, remote AT).</summary>
    public const ushort Profile = 0xC105;

    /// <summary>The data endpoint a 0x10 transmit request uses at both ends, and where 0x90 data is received.</summary>
    public const byte DataEndpoint = 0xE8;

    /// <summary>The Digi device object: remote AT commands go to this endpoint.</summary>
    public const byte DeviceObjectEndpoint = 0xE6;

    /// <summary>The cluster of a 0x10 transmit request's data.</summary>
    public const ushort DataCluster = 0x0011;

    /// <summary>The cluster a node identification travels in (the 0x95 frame's payload).</summary>
    public const ushort NodeIdentificationCluster = 0x0095;

    /// <summary>The cluster of a remote AT command request.</summary>
    public const ushort RemoteCommandCluster = 0x0021;

    /// <summary>Digi International's manufacturer code.</summary>
    public const ushort ManufacturerCode = 0x101E;
}

/// <summary>The addresses with a meaning of their own in API frames.</summary>
public static class XBeeAddress
{
    /// <summary>The 64-bit destination of a broadcast.</summary>
    public const ulong Broadcast64 = 0x000000000000FFFF;

    /// <summary>A 64-bit address not known (or not used: the 16-bit one counts).</summary>
    public const ulong Unknown64 = 0xFFFFFFFFFFFFFFFF;

    /// <summary>A 16-bit address not known: the module finds it from the 64-bit one.</summary>
    public const ushort Unknown16 = 0xFFFE;
}
