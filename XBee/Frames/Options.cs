namespace ZigBee.XBee.Frames;

/// <summary>Transmit options of 0x10 and 0x11.</summary>
[Flags]
public enum TransmitOptions : byte
{
    None = 0x00,
    DisableRetries = 0x01,

    /// <summary>Multicast (XBee 3 Zigbee guide 90002002): the 16-bit destination is a group, the 64-bit one all ones.</summary>
    Multicast = 0x08,
    ApsEncryption = 0x20,
    ExtendedTimeout = 0x40,
}

/// <summary>Receive options of 0x90, 0x91, 0x95 and 0xA1.</summary>
[Flags]
public enum ReceiveOptions : byte
{
    None = 0x00,
    Acknowledged = 0x01,
    Broadcast = 0x02,
    ApsEncrypted = 0x20,
    FromEndDevice = 0x40,
}

/// <summary>Remote command options of 0x17.</summary>
[Flags]
public enum RemoteAtOptions : byte
{
    None = 0x00,
    DisableAck = 0x01,

    /// <summary>Apply the change at once; without it the remote needs an AC command.</summary>
    ApplyChanges = 0x02,
    ApsEncryption = 0x20,
    ExtendedTimeout = 0x40,
}

/// <summary>Options of the 802.15.4 firmware's transmit requests (0x00, 0x01).</summary>
[Flags]
public enum Tx154Options : byte
{
    None = 0x00,
    DisableAck = 0x01,

    /// <summary>Send with the broadcast PAN ID (0xFFFF).</summary>
    BroadcastPanId = 0x04,
}

/// <summary>Options of the 802.15.4 firmware's receive indicators (0x80, 0x81).</summary>
[Flags]
public enum Rx154Options : byte
{
    None = 0x00,
    AddressBroadcast = 0x02,
    PanBroadcast = 0x04,
}
