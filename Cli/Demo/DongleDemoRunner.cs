using System.Text;
using ZigBee.Aps.Service;
using ZigBee.Aps.Service.Primitives;
using ZigBee.Mac.Frames;
using ZigBee.XBee.Coordinator;
using ZigBee.Zdo.Service;
using ZigBee.XBee.Frames;

namespace ZigBee.Cli.Demo;

/// <summary>
/// `zigbee demo --port`: the demo through an XBee with ZigBee firmware (a real dongle or `zigbee xbee-emulator`) —
/// the dongle forms a network, devices join and are reported, our ZDO interviews each over the dongle, and a message
/// goes to every device (the emulator's devices send it back).
/// </summary>
internal sealed class DongleDemoRunner(TextWriter output, int expectedDevices, TimeSpan joinWindow)
{
    public async Task<int> RunAsync(XBeeCoordinator dongle, CancellationToken cancellationToken)
    {
        var identity = await dongle.ReadIdentityAsync(cancellationToken);
        output.WriteLine($"dongle on {dongle.Link.PortName} at {dongle.Link.BaudRate} bit/s, API mode {(int)dongle.Link.ApiMode}: firmware {identity.FirmwareVersion:X4}, IEEE {MacAddress.FormatExtended(identity.ExtendedAddress)}");
        var formed = await dongle.FormNetworkAsync(new XBeeNetworkSettings { PermitJoinSeconds = 0 }, cancellationToken);
        output.WriteLine($"network formed by the dongle: PAN 0x{formed.OperatingPanId:x4}, extended PAN {MacAddress.FormatExtended(formed.OperatingExtendedPanId)}, channel {formed.Channel}, secured, the dongle is trust center");

        var joined = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        dongle.DeviceJoined += device =>
        {
            output.WriteLine($"  joined: {MacAddress.FormatExtended(device.ExtendedAddress)} as 0x{device.NetworkAddress:x4}{(device.NodeIdentifier is { } ni ? $" \"{ni}\"" : "")}");
            if (dongle.Devices.Count >= expectedDevices)
            {
                joined.TrySetResult();
            }
        };
        var replies = new List<string>();
        dongle.DataIndication += (in ApsdeDataIndication indication) =>
        {
            if (indication.DstEndpoint == Digi.DataEndpoint)
            {
                replies.Add($"  0x{indication.SrcAddress:x4} answered \"{Encoding.ASCII.GetString(indication.Asdu.Span)}\"");
            }
        };

        var window = (byte)Math.Clamp(joinWindow.TotalSeconds, 1, 254);
        await dongle.PermitJoiningAsync(window, cancellationToken);
        output.WriteLine($"joining open for {window} s, waiting for {expectedDevices} device(s)...");
        await Task.WhenAny(joined.Task, Task.Delay(joinWindow, cancellationToken));
        await dongle.PermitJoiningAsync(0, cancellationToken);
        var devices = dongle.Devices.ToList();
        output.WriteLine($"{devices.Count} device(s) in the network; joining closed");

        // Our own ZDO, as a client over the dongle: the module answers requests addressed to it itself.
        using var zdo = new ZdoService(dongle, new XBeeZdoNode(dongle), TimeProvider.System, new ZdoServiceOptions { ServeRequests = false });
        var interviewed = 0;
        foreach (var device in devices)
        {
            var node = await zdo.NodeDescriptorAsync(device.NetworkAddress, cancellationToken);
            var endpoints = await zdo.ActiveEndpointsAsync(device.NetworkAddress, cancellationToken);
            if (!node.IsSuccess || !endpoints.IsSuccess || endpoints.Value is null)
            {
                output.WriteLine($"  0x{device.NetworkAddress:x4}: no answer to the interview ({node.Status}, {endpoints.Status}); a sleeping device answers at its next poll");
                continue;
            }

            var described = new List<string>();
            foreach (var endpoint in endpoints.Value)
            {
                var simple = await zdo.SimpleDescriptorAsync(device.NetworkAddress, endpoint, cancellationToken);
                if (simple.Value is { } e)
                {
                    described.Add($"endpoint {e.Endpoint}: profile 0x{e.ProfileId:x4} device 0x{e.DeviceId:x4} in [{string.Join(" ", e.InputClusters.Select(c => $"0x{c:x4}"))}]");
                }
            }

            interviewed++;
            output.WriteLine($"  0x{device.NetworkAddress:x4}: {node.Value.LogicalType}, manufacturer 0x{node.Value.ManufacturerCode:x4}; {string.Join("; ", described)}");
        }

        var delivered = 0;
        foreach (var device in devices)
        {
            var confirm = await dongle.DataRequestAsync(ApsdeDataRequest.ToExtended(device.ExtendedAddress, Digi.DataEndpoint, Digi.Profile,
                Digi.DataCluster, Digi.DataEndpoint, Encoding.ASCII.GetBytes($"hello 0x{device.NetworkAddress:x4}"), ApsTxOptions.Acknowledged), cancellationToken);
            delivered += confirm.Status == ApsStatus.Success ? 1 : 0;
            output.WriteLine($"  hello to 0x{device.NetworkAddress:x4}: {confirm.Status}");
        }

        await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
        foreach (var reply in replies)
        {
            output.WriteLine(reply);
        }

        output.WriteLine($"{devices.Count} joined, {interviewed} interviewed, {delivered} delivered, {replies.Count} replies");
        return devices.Count > 0 && interviewed == devices.Count && delivered == devices.Count ? 0 : 1;
    }
}
