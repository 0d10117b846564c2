namespace ZigBee.XBee.Frames;

/// <summary>Readable names and one-line summaries of API frames, for logs and the command line (these allocate; the codec does not).</summary>
public static class ApiFrameNames
{
    /// <summary>The frame's name as Digi's user guides give it.</summary>
    public static string Of(ApiFrameType type) => type switch
    {
        ApiFrameType.Tx64Request => "TX Request 64-bit",
        ApiFrameType.Tx16Request => "TX Request 16-bit",
        ApiFrameType.Rx64Indicator => "RX Packet 64-bit",
        ApiFrameType.Rx16Indicator => "RX Packet 16-bit",
        ApiFrameType.TxStatus => "TX Status",
        ApiFrameType.AtCommand => "AT Command",
        ApiFrameType.AtCommandQueue => "AT Command - Queue Parameter Value",
        ApiFrameType.RemoteAtCommand => "Remote AT Command Request",
        ApiFrameType.AtCommandResponse => "AT Command Response",
        ApiFrameType.ModemStatus => "Modem Status",
        ApiFrameType.RemoteAtCommandResponse => "Remote Command Response",
        ApiFrameType.TransmitRequest => "Transmit Request",
        ApiFrameType.ExplicitAddressingCommand => "Explicit Addressing Command",
        ApiFrameType.CreateSourceRoute => "Create Source Route",
        ApiFrameType.RegisterJoiningDevice => "Register Joining Device",
        ApiFrameType.TransmitStatus => "Transmit Status",
        ApiFrameType.ReceivePacket => "Receive Packet",
        ApiFrameType.ExplicitRxIndicator => "Explicit Rx Indicator",
        ApiFrameType.NodeIdentificationIndicator => "Node Identification Indicator",
        ApiFrameType.RouteRecordIndicator => "Route Record Indicator",
        ApiFrameType.RegisterJoiningDeviceStatus => "Register Joining Device Status",
        _ => $"API frame 0x{(byte)type:X2}",
    };

    /// <summary>The frame's name and its main fields; a frame that does not decode is shown as its name and length.</summary>
    public static string Describe(ReadOnlySpan<byte> frameData)
    {
        if (frameData.IsEmpty)
        {
            return "empty frame";
        }

        var type = (ApiFrameType)frameData[0];
        var name = Of(type);
        var fields = Fields(type, frameData);
        return fields is null ? $"{name} ({frameData.Length} bytes, malformed or unknown)" : $"{name}: {fields}";
    }

    private static string? Fields(ApiFrameType type, ReadOnlySpan<byte> frameData) => type switch
    {
        ApiFrameType.AtCommand or ApiFrameType.AtCommandQueue when AtCommandFrame.TryDecode(frameData, out var f) =>
            $"id {f.FrameId} {f.Command} {Hex(f.Parameter)}",
        ApiFrameType.AtCommandResponse when AtCommandResponseFrame.TryDecode(frameData, out var f) =>
            $"id {f.FrameId} {f.Command} {f.Status} {Hex(f.Data)}",
        ApiFrameType.RemoteAtCommand when RemoteAtCommandFrame.TryDecode(frameData, out var f) =>
            $"id {f.FrameId} to {f.Destination64:X16}/{f.Destination16:X4} {f.Command} {Hex(f.Parameter)} options {f.Options}",
        ApiFrameType.RemoteAtCommandResponse when RemoteAtCommandResponseFrame.TryDecode(frameData, out var f) =>
            $"id {f.FrameId} from {f.Source64:X16}/{f.Source16:X4} {f.Command} {f.Status} {Hex(f.Data)}",
        ApiFrameType.ModemStatus when ModemStatusFrame.TryDecode(frameData, out var f) => f.Status.ToString(),
        ApiFrameType.TransmitRequest when TransmitRequestFrame.TryDecode(frameData, out var f) =>
            $"id {f.FrameId} to {f.Destination64:X16}/{f.Destination16:X4} radius {f.BroadcastRadius} options {f.Options}, {f.Data.Length} bytes",
        ApiFrameType.ExplicitAddressingCommand when ExplicitAddressingCommandFrame.TryDecode(frameData, out var f) =>
            $"id {f.FrameId} to {f.Destination64:X16}/{f.Destination16:X4} ep {f.SourceEndpoint}->{f.DestinationEndpoint} cluster {f.ClusterId:X4} profile {f.ProfileId:X4} options {f.Options}, {f.Data.Length} bytes",
        ApiFrameType.CreateSourceRoute when CreateSourceRouteFrame.TryDecode(frameData, out var f) =>
            $"id {f.FrameId} to {f.Destination64:X16}/{f.Destination16:X4} via {Hops(f.Addresses)}",
        ApiFrameType.RegisterJoiningDevice when RegisterJoiningDeviceFrame.TryDecode(frameData, out var f) =>
            $"id {f.FrameId} device {f.Destination64:X16} options {f.Options}, {f.Key.Length}-byte key",
        ApiFrameType.RegisterJoiningDeviceStatus when RegisterJoiningDeviceStatusFrame.TryDecode(frameData, out var f) =>
            $"id {f.FrameId} status 0x{f.Status:X2}",
        ApiFrameType.TransmitStatus when TransmitStatusFrame.TryDecode(frameData, out var f) =>
            $"id {f.FrameId} to {f.Destination16:X4} {f.DeliveryStatus} after {f.RetryCount} retries, {f.DiscoveryStatus}",
        ApiFrameType.ReceivePacket when ReceivePacketFrame.TryDecode(frameData, out var f) =>
            $"from {f.Source64:X16}/{f.Source16:X4} options {f.Options}, {f.Data.Length} bytes",
        ApiFrameType.ExplicitRxIndicator when ExplicitRxIndicatorFrame.TryDecode(frameData, out var f) =>
            $"from {f.Source64:X16}/{f.Source16:X4} ep {f.SourceEndpoint}->{f.DestinationEndpoint} cluster {f.ClusterId:X4} profile {f.ProfileId:X4} options {f.Options}, {f.Data.Length} bytes",
        ApiFrameType.NodeIdentificationIndicator when NodeIdentificationFrame.TryDecode(frameData, out var f) =>
            $"{f.DeviceType} {f.Remote64:X16}/{f.Remote16:X4} \"{System.Text.Encoding.ASCII.GetString(f.NodeIdentifier)}\" parent {f.Parent16:X4} on {f.SourceEvent}",
        ApiFrameType.RouteRecordIndicator when RouteRecordFrame.TryDecode(frameData, out var f) =>
            $"from {f.Source64:X16}/{f.Source16:X4} via {Hops(f.Addresses)}",
        ApiFrameType.Tx64Request when Tx64RequestFrame.TryDecode(frameData, out var f) =>
            $"id {f.FrameId} to {f.Destination64:X16} options {f.Options}, {f.Data.Length} bytes",
        ApiFrameType.Tx16Request when Tx16RequestFrame.TryDecode(frameData, out var f) =>
            $"id {f.FrameId} to {f.Destination16:X4} options {f.Options}, {f.Data.Length} bytes",
        ApiFrameType.Rx64Indicator when Rx64Frame.TryDecode(frameData, out var f) =>
            $"from {f.Source64:X16} at {f.RssiDbm} dBm options {f.Options}, {f.Data.Length} bytes",
        ApiFrameType.Rx16Indicator when Rx16Frame.TryDecode(frameData, out var f) =>
            $"from {f.Source16:X4} at {f.RssiDbm} dBm options {f.Options}, {f.Data.Length} bytes",
        ApiFrameType.TxStatus when TxStatusFrame.TryDecode(frameData, out var f) => $"id {f.FrameId} {f.Status}",
        _ => null,
    };

    private static string Hex(ReadOnlySpan<byte> bytes) => bytes.IsEmpty ? "(none)" : Convert.ToHexString(bytes);

    private static string Hops(XBeeAddressList addresses) => addresses.Count == 0 ? "no hops" : string.Join(' ', addresses.ToArray().Select(hop => hop.ToString("X4", System.Globalization.CultureInfo.InvariantCulture)));
}
