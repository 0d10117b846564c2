namespace ZigBee.XBee.Frames;

/// <summary>Status of the modem status frame (0x8A), as the ZigBee and 802.15.4 user guides list them.</summary>
public enum ModemStatus : byte
{
    HardwareReset = 0x00,
    WatchdogReset = 0x01,

    /// <summary>ZigBee: a router or end device joined. 802.15.4: an end device associated.</summary>
    JoinedNetwork = 0x02,
    Disassociated = 0x03,

    /// <summary>802.15.4 firmware with beacons.</summary>
    SynchronizationLost = 0x04,

    /// <summary>802.15.4 firmware.</summary>
    CoordinatorRealignment = 0x05,
    CoordinatorStarted = 0x06,
    NetworkSecurityKeyUpdated = 0x07,

    /// <summary>PRO modules: the supply voltage is too high to transmit.</summary>
    VoltageSupplyLimitExceeded = 0x0D,
    ModemConfigChangedWhileJoining = 0x11,

    // XBee 3 Zigbee guide additions.
    BleConnect = 0x32,
    BleDisconnect = 0x33,
    NoSecureSession = 0x34,
    SecureSessionEstablished = 0x3B,
    SecureSessionEnded = 0x3C,
    SecureSessionAuthenticationFailed = 0x3D,
    PanIdConflictDetected = 0x3E,
    PanIdChangedByConflict = 0x3F,
    RouterPanIdChangedByCoordinator = 0x40,
    NetworkWatchdogExpired = 0x42,

    /// <summary>The first of 0x80–0xFF: an error of the module's ZigBee stack (the value minus 0x80 is the stack's code).</summary>
    StackError = 0x80,
}
