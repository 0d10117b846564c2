namespace ZigBee.XBee.Frames;

/// <summary>The API identifier: the first byte of every API frame's data, naming what follows.</summary>
public enum ApiFrameType : byte
{
    // 802.15.4 firmware (the dongle is a MAC radio).
    Tx64Request = 0x00,
    Tx16Request = 0x01,
    Rx64Indicator = 0x80,
    Rx16Indicator = 0x81,
    TxStatus = 0x89,

    // Both firmwares.
    AtCommand = 0x08,
    AtCommandQueue = 0x09,
    RemoteAtCommand = 0x17,
    AtCommandResponse = 0x88,
    ModemStatus = 0x8A,
    RemoteAtCommandResponse = 0x97,

    // ZigBee firmware (the dongle runs its own ZigBee stack).
    TransmitRequest = 0x10,
    ExplicitAddressingCommand = 0x11,
    CreateSourceRoute = 0x21,
    RegisterJoiningDevice = 0x24,
    TransmitStatus = 0x8B,
    ReceivePacket = 0x90,
    ExplicitRxIndicator = 0x91,
    NodeIdentificationIndicator = 0x95,
    RouteRecordIndicator = 0xA1,
    RegisterJoiningDeviceStatus = 0xA4,
}
