namespace ZigBee.Nwk;

/// <summary>NWK layer constants of ZigBee PRO (ZigBee specification R22, §3.5.1).</summary>
public static class NwkConstants
{
    /// <summary>nwkcProtocolVersion: 2 for ZigBee 2006 and later (PRO).</summary>
    public const byte ProtocolVersion = 2;

    /// <summary>The ZigBee PRO stack profile carried in beacons (2).</summary>
    public const byte StackProfilePro = 2;

    /// <summary>Broadcast to every device.</summary>
    public const ushort BroadcastAll = 0xFFFF;

    /// <summary>Broadcast to every device whose receiver is on when idle.</summary>
    public const ushort BroadcastRxOnWhenIdle = 0xFFFD;

    /// <summary>Broadcast to routers and the coordinator.</summary>
    public const ushort BroadcastRouters = 0xFFFC;

    /// <summary>Broadcast to low-power routers.</summary>
    public const ushort BroadcastLowPowerRouters = 0xFFFB;

    /// <summary>The coordinator's network address.</summary>
    public const ushort CoordinatorAddress = 0x0000;

    /// <summary>nwkcUnicastRetries: a unicast frame the MAC could not deliver is sent again this many times.</summary>
    public const int UnicastRetries = 3;

    /// <summary>nwkcUnicastRetryDelay: the pause before each of those retries.</summary>
    public static readonly TimeSpan UnicastRetryDelay = TimeSpan.FromMilliseconds(50);
}
