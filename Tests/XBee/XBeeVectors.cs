namespace ZigBee.Tests.XBee;

/// <summary>
/// Whole API frames (AP = 1) from the published examples of Digi's user guides, each with its source; a few written by
/// hand from a guide's field table where no example is published, and said so.
/// </summary>
internal static class XBeeVectors
{
    // XBee/XBee-PRO S2C ZigBee guide (90002002), AT Command frame 0x08 example: query NJ, frame ID 'R'; checksum computed.
    public const string AtCommandQueryNj = "7E 00 04 08 52 4E 4A 0D";

    // Digi XBee 3 Zigbee guide (90001539), AT Command frame 0x08 example: set BD to 0x04B0.
    public const string AtCommandSetBd = "7E 00 06 08 01 42 44 04 B0 BC";

    // By hand from the 0x09 field table (same as 0x08): queue BD = 7.
    public const string AtCommandQueueBd = "7E 00 05 09 01 42 44 07 68";

    // XBee/XBee-PRO ZigBee RF Modules guide (90000976), AT Command Response 0x88 example: BD set, OK.
    public const string AtCommandResponseBd = "7E 00 05 88 01 42 44 00 F0";

    // 90000976, Remote AT Command Request 0x17 example: set BH = 1 on 0013A200 40401122, apply changes.
    public const string RemoteAtCommandBh = "7E 00 10 17 01 00 13 A2 00 40 40 11 22 FF FE 02 42 48 01 F5";

    // 90000976, Remote Command Response 0x97 example: SL of 0013A200 40522BAA / 0x7D84, frame ID 0x55.
    public const string RemoteAtCommandResponseSl = "7E 00 13 97 55 00 13 A2 00 40 52 2B AA 7D 84 53 4C 00 40 52 2B AA F0";

    // 90000976, Modem Status 0x8A example: coordinator started.
    public const string ModemStatusCoordinatorStarted = "7E 00 02 8A 06 6F";

    // 90000976, ZigBee Transmit Request 0x10 example: "TxData0A" to 0013A200 400A0127.
    public const string TransmitRequest = "7E 00 16 10 01 00 13 A2 00 40 0A 01 27 FF FE 00 00 54 78 44 61 74 61 30 41 13";

    // Digi XBee3 802.15.4 guide (90002273), Transmit Request 0x10 example with AP = 2: the 0x13s of the address and checksum escaped.
    public const string TransmitRequestEscaped = "7E 00 16 10 01 00 7D 33 A2 00 40 0A 01 27 FF FE 00 00 54 78 44 61 74 61 30 41 7D 33";

    // Digi XBee 3 Zigbee guide (90001539), Explicit Addressing Command 0x11 example: "TxData" to the coordinator, endpoints A0→A1, cluster 0x1554, profile 0xC105 (length 0x1A as in 90000976).
    public const string ExplicitAddressing = "7E 00 1A 11 01 00 00 00 00 00 00 00 00 FF FE A0 A1 15 54 C1 05 00 00 54 78 44 61 74 61 3A";

    // 90000976, ZigBee Transmit Status 0x8B example: delivered to 0x7D84 after address discovery.
    public const string TransmitStatus = "7E 00 07 8B 01 7D 84 00 00 01 71";

    // 90000976, ZigBee Receive Packet 0x90 example: "RxData" from 0013A200 40522BAA / 0x7D84, acknowledged. The guide's table
    // prints length 0x11, but 18 bytes follow it (the XBee 3 Zigbee guide prints 0x12); the checksum 0x0D matches.
    public const string ReceivePacket = "7E 00 12 90 00 13 A2 00 40 52 2B AA 7D 84 01 52 78 44 61 74 61 0D";

    // 90000976, ZigBee Explicit Rx Indicator 0x91 example: broadcast "RxData", endpoints E0→E0, cluster 0x2211, profile 0xC105.
    public const string ExplicitRx = "7E 00 18 91 00 13 A2 00 40 52 2B AA 7D 84 E0 E0 22 11 C1 05 02 52 78 44 61 74 61 52";

    // 90000976, Node Identification Indicator 0x95 example: router 0013A200 40522BAA / 0x7D84, NI " ", push button.
    public const string NodeIdentification = "7E 00 20 95 00 13 A2 00 40 52 2B AA 7D 84 02 7D 84 00 13 A2 00 40 52 2B AA 20 00 FF FE 01 01 C1 05 10 1E 1B";

    // XBee-PRO 900HP guide, Node Identification Indicator 0x95 example with the optional DD value (0x000C0000) and RSSI (0x2E).
    public const string NodeIdentificationWithExtras =
        "7E 00 25 95 00 13 A2 00 40 74 02 AC FF FE C2 FF FE 00 13 A2 00 40 74 02 AC 20 00 FF FE 01 01 C1 05 10 1E 00 0C 00 00 2E 33";

    // 90000976, Route Record Indicator 0xA1 example: E (0013A200 40401122 / 0x3344) via D, C, B = 0xEEFF, 0xCCDD, 0xAABB.
    public const string RouteRecord = "7E 00 13 A1 00 13 A2 00 40 40 11 22 33 44 01 03 EE FF CC DD AA BB 80";

    // 90000976, Create Source Route 0x21 example: the same route to E; checksum computed (the stored page cuts off before it).
    public const string CreateSourceRoute = "7E 00 14 21 00 00 13 A2 00 40 40 11 22 33 44 00 03 EE FF CC DD AA BB 01";

    // By hand from the Register Joining Device 0x24 field table (XBee 3 Zigbee guide): link key "ZigBeeAlliance09" for 0013A200 12345678.
    public const string RegisterJoiningDevice = "7E 00 1D 24 01 00 13 A2 00 12 34 56 78 FF FE 00 5A 69 67 42 65 65 41 6C 6C 69 61 6E 63 65 30 39 5C";

    // By hand from the Register Joining Device Status 0xA4 field table: success.
    public const string RegisterJoiningDeviceStatus = "7E 00 03 A4 01 00 5A";

    // By hand from the TX Request 64-bit 0x00 field table (XBee 802.15.4 guide 90000982): "TxData" to 0013A200 40522BAA.
    public const string Tx64Request = "7E 00 11 00 01 00 13 A2 00 40 52 2B AA 00 54 78 44 61 74 61 9C";

    // By hand from the TX Request 16-bit 0x01 field table (90000982): "TxData" to 0x1234.
    public const string Tx16Request = "7E 00 0B 01 01 12 34 00 54 78 44 61 74 61 71";

    // XBee/XBee-PRO S2C 802.15.4 guide (90001500), RX Packet 64-bit 0x80 example: "TxData" at −94 dBm, acknowledged.
    public const string Rx64 = "7E 00 11 80 00 13 A2 00 12 34 56 78 5E 01 54 78 44 61 74 61 11";

    // 90001500, RX Packet 16-bit 0x81 example: "TxData" from 0x1234 at −94 dBm.
    public const string Rx16 = "7E 00 0B 81 12 34 5E 01 54 78 44 61 74 61 93";

    // 90001500, TX Status 0x89 example: success.
    public const string Tx154Status = "7E 00 03 89 01 00 75";

    /// <summary>Every unescaped vector, for the round-trip and hostile tests.</summary>
    public static readonly string[] All =
    [
        AtCommandQueryNj, AtCommandSetBd, AtCommandQueueBd, AtCommandResponseBd, RemoteAtCommandBh, RemoteAtCommandResponseSl,
        ModemStatusCoordinatorStarted, TransmitRequest, ExplicitAddressing, TransmitStatus, ReceivePacket, ExplicitRx,
        NodeIdentification, NodeIdentificationWithExtras, RouteRecord, CreateSourceRoute, RegisterJoiningDevice,
        RegisterJoiningDeviceStatus, Tx64Request, Tx16Request, Rx64, Rx16, Tx154Status,
    ];

    public static byte[] Bytes(string hex) => Convert.FromHexString(hex.Replace(" ", string.Empty, StringComparison.Ordinal));

    /// <summary>The frame data of an unescaped whole frame: after the length, before the checksum.</summary>
    public static byte[] FrameData(string hex)
    {
        var bytes = Bytes(hex);
        return bytes[3..^1];
    }
}
