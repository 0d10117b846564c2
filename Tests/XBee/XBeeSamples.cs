using ZigBee.XBee.Frames;

namespace ZigBee.Tests.XBee;

/// <summary>One frame of every type whose fields and payload are full of the bytes escaped mode must escape.</summary>
internal static class XBeeSamples
{
    private const ulong Address64 = 0x7E7D1113007E7D11;
    private const ushort Address16 = 0x7D13;

    /// <summary>0x7E, 0x7D, 0x11 and 0x13 over and over, with a few ordinary bytes between.</summary>
    public static readonly byte[] Payload = [0x7E, 0x7D, 0x11, 0x13, 0x7E, 0x7E, 0x00, 0x7D, 0x5E, 0x13, 0x11, 0xFF, 0x7D, 0x7D, 0x31];

    private static readonly ushort[] Hops = [0x7E7D, 0x1113, 0x7D7E, 0x0011];

    /// <summary>The frame data of each sample, by type.</summary>
    public static IReadOnlyList<(ApiFrameType Type, byte[] FrameData)> All()
    {
        var buffer = new byte[256];
        var special = AtCommandName.Parse("}~");
        return
        [
            (ApiFrameType.AtCommand, buffer[..new AtCommandFrame(0x7E, special, Payload).Encode(buffer)]),
            (ApiFrameType.AtCommandQueue, buffer[..new AtCommandFrame(0x7D, AtCommandName.NI, Payload, Queued: true).Encode(buffer)]),
            (ApiFrameType.AtCommandResponse, buffer[..new AtCommandResponseFrame(0x11, special, AtCommandStatus.InvalidParameter, Payload).Encode(buffer)]),
            (ApiFrameType.RemoteAtCommand, buffer[..new RemoteAtCommandFrame(0x13, Address64, Address16, RemoteAtOptions.ApplyChanges | RemoteAtOptions.ApsEncryption, special, Payload).Encode(buffer)]),
            (ApiFrameType.RemoteAtCommandResponse, buffer[..new RemoteAtCommandResponseFrame(0x7E, Address64, Address16, special, AtCommandStatus.TxFailure, Payload).Encode(buffer)]),
            (ApiFrameType.ModemStatus, buffer[..new ModemStatusFrame((ModemStatus)0x7E).Encode(buffer)]),
            (ApiFrameType.TransmitRequest, buffer[..new TransmitRequestFrame(0x7D, Address64, Address16, 0x11, (TransmitOptions)0x13, Payload).Encode(buffer)]),
            (ApiFrameType.ExplicitAddressingCommand, buffer[..new ExplicitAddressingCommandFrame(0x7E, Address64, Address16, 0x7D, 0x7E, 0x1113, 0x7E7D, 0x13, TransmitOptions.ExtendedTimeout, Payload).Encode(buffer)]),
            (ApiFrameType.CreateSourceRoute, buffer[..new CreateSourceRouteFrame(0x11, Address64, Address16, 0x7E, new XBeeAddressList(Hops)).Encode(buffer)]),
            (ApiFrameType.RegisterJoiningDevice, buffer[..new RegisterJoiningDeviceFrame(0x13, Address64, 0xFFFE, 0x01, Payload).Encode(buffer)]),
            (ApiFrameType.RegisterJoiningDeviceStatus, buffer[..new RegisterJoiningDeviceStatusFrame(0x7E, 0x7D).Encode(buffer)]),
            (ApiFrameType.TransmitStatus, buffer[..new TransmitStatusFrame(0x7E, Address16, 0x11, DeliveryStatus.AddressNotFound, (DiscoveryStatus)0x13).Encode(buffer)]),
            (ApiFrameType.ReceivePacket, buffer[..new ReceivePacketFrame(Address64, Address16, ReceiveOptions.ApsEncrypted | ReceiveOptions.Broadcast, Payload).Encode(buffer)]),
            (ApiFrameType.ExplicitRxIndicator, buffer[..new ExplicitRxIndicatorFrame(Address64, Address16, 0x11, 0x13, 0x7E7E, 0x7D7D, ReceiveOptions.FromEndDevice, Payload).Encode(buffer)]),
            (ApiFrameType.NodeIdentificationIndicator, buffer[..new NodeIdentificationFrame(
                Address64, Address16, ReceiveOptions.Acknowledged, 0x1113, 0x137E7D11, [0x7E, 0x7D, 0x11, 0x13, 0x41], 0x7E11, XBeeDeviceType.EndDevice, NodeIdentificationEvent.Joined, 0x7D7E, 0x1311)
            {
                DeviceTypeIdentifier = 0x7E7D1113,
                Rssi = 0x7E,
            }.Encode(buffer)]),
            (ApiFrameType.RouteRecordIndicator, buffer[..new RouteRecordFrame(Address64, Address16, ReceiveOptions.Acknowledged, new XBeeAddressList(Hops)).Encode(buffer)]),
            (ApiFrameType.Tx64Request, buffer[..new Tx64RequestFrame(0x7E, Address64, Tx154Options.BroadcastPanId, Payload).Encode(buffer)]),
            (ApiFrameType.Tx16Request, buffer[..new Tx16RequestFrame(0x7D, Address16, Tx154Options.DisableAck, Payload).Encode(buffer)]),
            (ApiFrameType.Rx64Indicator, buffer[..new Rx64Frame(Address64, 0x7E, Rx154Options.PanBroadcast, Payload).Encode(buffer)]),
            (ApiFrameType.Rx16Indicator, buffer[..new Rx16Frame(Address16, 0x7D, Rx154Options.AddressBroadcast, Payload).Encode(buffer)]),
            (ApiFrameType.TxStatus, buffer[..new TxStatusFrame(0x13, ZigBee.XBee.Frames.TxStatus.Purged).Encode(buffer)]),
        ];
    }
}
