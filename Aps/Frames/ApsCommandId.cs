namespace ZigBee.Aps.Frames;

/// <summary>
/// APS command identifiers of ZigBee PRO R22 (§4.4.10). 0x01–0x04 (SKKE) and 0x0A–0x0D (entity
/// authentication) belonged to high security and are reserved since R21; other values are kept as they arrive.
/// </summary>
public enum ApsCommandId : byte
{
    TransportKey = 0x05,
    UpdateDevice = 0x06,
    RemoveDevice = 0x07,
    RequestKey = 0x08,
    SwitchKey = 0x09,
    Tunnel = 0x0E,
    VerifyKey = 0x0F,
    ConfirmKey = 0x10,
}

/// <summary>
/// Key types of the transport-key, verify-key and confirm-key commands (§4.4.10.1). 0x00 (trust-center
/// master key), 0x02 (application master key) and 0x05 (high-security network key) are reserved since R21.
/// </summary>
public enum ApsKeyType : byte
{
    StandardNetworkKey = 0x01,
    ApplicationLinkKey = 0x03,
    TrustCenterLinkKey = 0x04,
}

/// <summary>Key types of the request-key command (§4.4.10.4): another numbering than <see cref="ApsKeyType"/>.</summary>
public enum ApsRequestKeyType : byte
{
    ApplicationLinkKey = 0x02,
    TrustCenterLinkKey = 0x04,
}

/// <summary>Status of the update-device command (§4.4.10.2); 0x04–0x07 are reserved.</summary>
public enum ApsUpdateDeviceStatus : byte
{
    StandardDeviceSecuredRejoin = 0x00,
    StandardDeviceUnsecuredJoin = 0x01,
    DeviceLeft = 0x02,
    StandardDeviceTrustCenterRejoin = 0x03,
}
