using ZigBee.Aps.Frames;
using ZigBee.Aps.Service;
using ZigBee.Mac.Frames;
using ZigBee.Nwk;
using ZigBee.Nwk.Frames;

namespace ZigBee.Tests.Aps.Frames;

/// <summary>
/// APS frames of every kind the codec knows — each frame type in each delivery mode it allows, data and command
/// acknowledgements, fragmented blocks, secured frames, inter-PAN frames — and one encoded payload of every command;
/// the corpus of the round-trip, hostile-input and tshark tests.
/// </summary>
internal static class ApsSamples
{
    public static readonly ApsKey Key = ApsKey.Read(Convert.FromHexString("5a6967426565416c6c69616e63653039"));

    /// <summary>An APS-layer auxiliary header as trust centers send transport key: key-transport key, extended nonce.</summary>
    public static readonly NwkAuxiliarySecurityHeader KeyTransportSecurity =
        new(NwkAuxiliarySecurityHeader.CreateSecurityControl(0, NwkKeyIdentifier.KeyTransportKey, extendedNonce: true), 0x01020304, 0x00124B0001020304);

    /// <summary>An APS-layer auxiliary header of a link-key (data key) secured frame without extended nonce.</summary>
    public static readonly NwkAuxiliarySecurityHeader LinkKeySecurity =
        new(NwkAuxiliarySecurityHeader.CreateSecurityControl(0, NwkKeyIdentifier.DataKey, extendedNonce: false), 77);

    private static readonly byte[] ZclToggle = [0x01, 0x05, 0x02];
    private static readonly byte[] EncryptedAndMic = [0xDE, 0xAD, 0xBE, 0xEF, 0x10, 0x20, 0x30, 0x40, 0x50];

    /// <summary>Named APS frames (header and payload; a secured one's payload is its ciphertext and MIC).</summary>
    public static IReadOnlyList<(string Name, ApsHeader Header, byte[] Payload)> Frames { get; } = BuildFrames();

    /// <summary>One encoded payload of every command (each key descriptor, both request-key layouts, a tunnel).</summary>
    public static IReadOnlyList<byte[]> Commands { get; } = BuildCommands();

    public static byte[] Encode(in ApsHeader header, ReadOnlySpan<byte> payload)
    {
        var buffer = new byte[header.Length + payload.Length];
        Assert.AreEqual(buffer.Length, ApsFrame.Encode(header, payload, buffer));
        return buffer;
    }

    /// <summary>
    /// An 802.15.4 data frame (with FCS) carrying an unsecured NWK frame whose payload is <paramref name="aps"/>; an
    /// inter-PAN frame is broadcast from an extended source address, as Wireshark's inter-PAN heuristic asks.
    /// </summary>
    public static byte[] InMacAndNwk(ReadOnlySpan<byte> aps, byte sequence, bool interPan = false)
    {
        var nwk = new byte[127];
        var nwkHeader = interPan ? NwkHeader.InterPan() : NwkHeader.Data(0x1234, 0x0000, 30, sequence);
        var nwkLength = NwkFrame.Encode(nwkHeader, aps, nwk);
        var psdu = new byte[127];
        var mac = interPan
            ? MacHeader.Data(sequence, 0x1A62, MacAddress.FromShort(0xFFFF), MacAddress.FromExtended(0x0102030405060708), ackRequest: false)
            : MacHeader.Data(sequence, 0x1A62, MacAddress.FromShort(0x1234), MacAddress.FromShort(0x0000), ackRequest: false);
        return psdu[..MacFrame.Encode(mac, nwk.AsSpan(0, nwkLength), psdu)];
    }

    private static List<(string, ApsHeader, byte[])> BuildFrames()
    {
        var list = new List<(string, ApsHeader, byte[])>();
        byte counter = 0;
        foreach (var ackRequest in new[] { false, true })
        {
            list.Add(($"unicast data ack_req={ackRequest}", ApsHeader.Unicast(1, 0x0006, 0x0104, 2, counter++, ackRequest), ZclToggle));
            list.Add(($"broadcast data ack_req={ackRequest}", ApsHeader.Broadcast(0xFF, 0x0006, 0x0104, 2, counter++) with
            {
                FrameControl = ApsFrameControl.Create(ApsFrameType.Data, ApsDeliveryMode.Broadcast, ackRequest: ackRequest),
            }, ZclToggle));
            list.Add(($"group data ack_req={ackRequest}", ApsHeader.Group(0x4321, 0x0006, 0x0104, 2, counter++) with
            {
                FrameControl = ApsFrameControl.Create(ApsFrameType.Data, ApsDeliveryMode.Group, ackRequest: ackRequest),
            }, ZclToggle));
        }

        list.Add(("ZDP data", ApsHeader.Unicast(0, 0x0005, 0x0000, 0, counter++), [0x07, 0x34, 0x12]));
        list.Add(("extended header without fragmentation", ApsHeader.Unicast(1, 0x0006, 0x0104, 2, counter++) with
        {
            FrameControl = ApsFrameControl.Create(ApsFrameType.Data, extendedHeader: true),
        }, ZclToggle));
        list.Add(("first block", ApsHeader.Unicast(1, 0x0019, 0x0104, 2, 40, ackRequest: true).AsBlock(ApsFragmentation.First, 3), [0x11, 0x22, 0x33, 0x44]));
        list.Add(("subsequent block", ApsHeader.Unicast(1, 0x0019, 0x0104, 2, 40, ackRequest: true).AsBlock(ApsFragmentation.Subsequent, 2), [0x55, 0x66]));
        list.Add(("data ack", ApsHeader.DataAck(2, 0x0006, 0x0104, 1, 9), []));
        list.Add(("data ack of a block", ApsHeader.DataAck(2, 0x0019, 0x0104, 1, 40).AsBlock(ApsFragmentation.First, 0) with { AckBitfield = 0x03 }, []));
        list.Add(("data ack of a subsequent block", ApsHeader.DataAck(2, 0x0019, 0x0104, 1, 40).AsBlock(ApsFragmentation.Subsequent, 2) with { AckBitfield = 0x04 }, []));
        list.Add(("command ack", ApsHeader.CommandAck(12), []));
        list.Add(("command ack with extended header", ApsHeader.CommandAck(13).AsBlock(ApsFragmentation.Subsequent, 1) with { AckBitfield = 0x01 }, []));
        foreach (var command in BuildCommands())
        {
            list.Add(($"command 0x{command[0]:x2} ({command.Length} bytes)", ApsHeader.Command(counter++, ackRequest: command[0] != (byte)ApsCommandId.TransportKey), command));
        }

        list.Add(("broadcast command", ApsHeader.Command(counter++, deliveryMode: ApsDeliveryMode.Broadcast), [0x09, 0x01]));
        list.Add(("secured command", ApsHeader.Command(counter++) with { Security = KeyTransportSecurity }, EncryptedAndMic));
        list.Add(("secured data", ApsHeader.Unicast(1, 0x0006, 0x0104, 2, counter++, ackRequest: true) with { Security = LinkKeySecurity }, EncryptedAndMic));
        list.Add(("secured first block", ApsHeader.Unicast(1, 0x0019, 0x0104, 2, counter++).AsBlock(ApsFragmentation.First, 2) with { Security = LinkKeySecurity }, EncryptedAndMic));
        return list;
    }

    /// <summary>Inter-PAN APS frames (stub NWK header below): cluster, profile and group only — no endpoints, no counter.</summary>
    public static IReadOnlyList<(string Name, ApsHeader Header, byte[] Payload)> InterPanFrames { get; } =
    [
        ("inter-PAN unicast", new(ApsFrameControl.Create(ApsFrameType.InterPan, ApsDeliveryMode.Unicast), 0, 0, 0x1000, 0xC05E, 0, 0), [0x11, 0x01, 0x00]),
        ("inter-PAN broadcast", new(ApsFrameControl.Create(ApsFrameType.InterPan, ApsDeliveryMode.Broadcast), 0, 0, 0x1000, 0xC05E, 0, 0), [0x11, 0x02, 0x00]),
        ("inter-PAN group", new(ApsFrameControl.Create(ApsFrameType.InterPan, ApsDeliveryMode.Group), 0, 0x0102, 0x1000, 0xC05E, 0, 0), [0x11, 0x03, 0x00]),
    ];

    private static List<byte[]> BuildCommands()
    {
        var list = new List<byte[]>();
        var buffer = new byte[100];
        void Add(int length) => list.Add(buffer[..length]);
        Add(TransportKeyCommand.NetworkKey(Key, 1, 0x00124B0001020304, 0x00124B00AABBCCDD).Encode(buffer));
        Add(TransportKeyCommand.TrustCenterLinkKey(Key, 0x00124B0001020304, 0x00124B00AABBCCDD).Encode(buffer));
        Add(TransportKeyCommand.ApplicationLinkKey(Key, 0x1122334455667788, initiator: true).Encode(buffer));
        Add(new UpdateDeviceCommand(0x00124B0001020304, 0x796F, ApsUpdateDeviceStatus.StandardDeviceUnsecuredJoin).Encode(buffer));
        Add(new RemoveDeviceCommand(0x00124B0001020304).Encode(buffer));
        Add(RequestKeyCommand.TrustCenterLinkKey().Encode(buffer));
        Add(RequestKeyCommand.ApplicationLinkKey(0x1122334455667788).Encode(buffer));
        Add(new SwitchKeyCommand(2).Encode(buffer));
        var tunnelledHeader = ApsHeader.Command(33) with { Security = KeyTransportSecurity };
        Add(TunnelCommand.Encode(0x00124B0001020304, tunnelledHeader, EncryptedAndMic, buffer));
        Add(new VerifyKeyCommand(ApsKeyType.TrustCenterLinkKey, 0x00124B0001020304, new ApsKey(0x0706050403020100, 0x0F0E0D0C0B0A0908)).Encode(buffer));
        Add(new ConfirmKeyCommand(ApsStatus.Success, ApsKeyType.TrustCenterLinkKey, 0x00124B0001020304).Encode(buffer));
        return list;
    }
}
