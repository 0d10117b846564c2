using ZigBee.Aps.Frames;
using ZigBee.Aps.Service;
using ZigBee.Aps.Service.Primitives;
using ZigBee.Aps.Tables;
using ZigBee.Nwk.Service;
using ZigBee.Nwk.Service.Primitives;
using ZigBee.Simulation.Topologies;

namespace ZigBee.Tests.Aps;

[TestClass]
public sealed class ApsDataTests
{
    private const ushort HomeAutomation = 0x0104;
    private const ushort OnOff = 0x0006;

    [TestMethod]
    public void Acknowledged_unicast_over_three_hops_arrives_once_and_confirms_success()
    {
        var bed = new ApsTestBed(Topology.Line(4), seed: 3);
        bed.Network.FormAndJoinAll();
        var asdu = new byte[] { 0x01, 0x02, 0x03 };
        var confirm = bed.Send(0, ApsdeDataRequest.ToShort(bed[3].NetworkAddress, 1, HomeAutomation, OnOff, 1, asdu, ApsTxOptions.Acknowledged));
        bed.Network.Scheduler.RunFor(TimeSpan.FromSeconds(5));

        Assert.AreEqual(ApsStatus.Success, confirm.Status);
        Assert.AreEqual(1, bed.CountReceived(3, asdu));
        var indication = bed.Received.Single(d => d.Node == 3).Indication;
        Assert.AreEqual(bed[0].NetworkAddress, indication.SrcAddress);
        Assert.AreEqual(bed[0].ExtendedAddress, indication.SrcIeeeAddress);
        Assert.AreEqual(OnOff, indication.ClusterId);
        Assert.AreEqual(HomeAutomation, indication.ProfileId);
        Assert.AreEqual(0, bed[0].Counters.Retries);
        Assert.AreEqual(1, bed[3].Counters.AcksSent);
    }

    [TestMethod]
    public void Acknowledged_unicast_to_a_silent_device_ends_with_no_ack_after_every_retry()
    {
        var bed = new ApsTestBed(Topology.Line(3), seed: 4);
        bed.Network.FormAndJoinAll();
        bed.Network.Medium.SwitchOff(2);
        var confirm = bed.Send(0, ApsdeDataRequest.ToShort(bed[2].NetworkAddress, 1, HomeAutomation, OnOff, 1, new byte[] { 9 }, ApsTxOptions.Acknowledged));

        Assert.AreEqual(ApsStatus.NoAck, confirm.Status);
        Assert.AreEqual(bed[0].Options.MaxFrameRetries, (int)bed[0].Counters.Retries);
        Assert.AreEqual(1, bed[0].Counters.NoAck);
        Assert.AreEqual(0, bed[0].PendingCount, "nothing is left waiting");
    }

    [TestMethod]
    public void A_repeated_frame_is_acknowledged_again_but_delivered_once()
    {
        var bed = new ApsTestBed(Topology.Line(2), seed: 5);
        bed.Network.FormAndJoinAll();
        var frame = new byte[16];
        var length = ApsFrame.Encode(ApsHeader.Unicast(1, OnOff, HomeAutomation, 1, counter: 77, ackRequest: true), new byte[] { 0xAA }, frame);
        for (var i = 0; i < 2; i++)
        {
            var copy = frame[..length];
            bed.Network.Run(async () => await bed.Network[0].DataRequestAsync(NldeDataRequest.To(bed[1].NetworkAddress, copy)));
        }

        bed.Network.Scheduler.RunFor(TimeSpan.FromSeconds(1));
        Assert.AreEqual(1, bed.CountReceived(1, new byte[] { 0xAA }));
        Assert.AreEqual(1, bed[1].Counters.DuplicatesRejected);
        Assert.AreEqual(2, bed[1].Counters.AcksSent);
    }

    [TestMethod]
    public void The_broadcast_endpoint_reaches_every_active_endpoint_and_an_inactive_one_nobody()
    {
        var bed = new ApsTestBed(Topology.Line(2), seed: 6);
        bed[1].RegisterEndpoint(2);
        bed[1].RegisterEndpoint(3);
        bed.Network.FormAndJoinAll();
        var asdu = new byte[] { 1 };
        Assert.AreEqual(ApsStatus.Success, bed.Send(0, ApsdeDataRequest.ToShort(bed[1].NetworkAddress, 0xFF, HomeAutomation, OnOff, 1, asdu)).Status);
        Assert.AreEqual(ApsStatus.Success, bed.Send(0, ApsdeDataRequest.ToShort(bed[1].NetworkAddress, 9, HomeAutomation, OnOff, 1, new byte[] { 2 })).Status);
        bed.Network.Scheduler.RunFor(TimeSpan.FromSeconds(1));

        CollectionAssert.AreEquivalent(new byte[] { 1, 2, 3 }, bed.Received.Where(d => d.Node == 1).Select(d => d.Indication.DstEndpoint).ToArray());
        Assert.AreEqual(1, bed[1].Counters.NoEndpointDropped);
    }

    [TestMethod]
    public void A_group_of_five_lights_in_a_thirty_node_mesh_gets_each_frame_once_and_nobody_else_any()
    {
        var bed = new ApsTestBed(Topology.Grid(30), seed: 7);
        bed.Network.FormAndJoinAll();
        var members = new[] { 5, 11, 17, 23, 29 };
        foreach (var node in members)
        {
            bed[node].RegisterEndpoint(2);
            Assert.AreEqual(ApsStatus.Success, bed[node].AddGroup(0x4001, 1));
        }

        for (var message = 0; message < 3; message++)
        {
            var asdu = new byte[] { 0x10, (byte)message };
            Assert.AreEqual(ApsStatus.Success, bed.Send(0, ApsdeDataRequest.ToGroup(0x4001, HomeAutomation, OnOff, 1, asdu)).Status);
            bed.Network.Scheduler.RunFor(TimeSpan.FromSeconds(3));
            for (var node = 0; node < 30; node++)
            {
                Assert.AreEqual(members.Contains(node) ? 1 : 0, bed.CountReceived(node, asdu), $"node {node}, message {message}");
            }
        }

        Assert.IsTrue(bed.Received.All(d => d.Indication.DstEndpoint == 1 && d.Indication.DstAddrMode == ApsAddressMode.Group && d.Indication.DstAddress == 0x4001));
    }

    [TestMethod]
    public void A_switch_bound_to_three_lights_reaches_each_light_once_per_frame()
    {
        var bed = new ApsTestBed(Topology.Grid(9), seed: 8);
        bed.Network.FormAndJoinAll();
        AnnounceAll(bed);
        var lights = new[] { 2, 6, 8 };
        const int Switch = 4;
        foreach (var light in lights)
        {
            Assert.AreEqual(ApsStatus.Success, bed[Switch].Bind(BindingEntry.ToDevice(bed[Switch].ExtendedAddress, 1, OnOff, bed[light].ExtendedAddress, 1)));
        }

        for (var press = 0; press < 4; press++)
        {
            var asdu = new byte[] { 0x01, (byte)press };
            var confirm = bed.Send(Switch, ApsdeDataRequest.ToBindings(HomeAutomation, OnOff, 1, asdu, ApsTxOptions.Acknowledged));
            Assert.AreEqual(ApsStatus.Success, confirm.Status);
            Assert.AreEqual(3, confirm.Deliveries);
            bed.Network.Scheduler.RunFor(TimeSpan.FromSeconds(2));
            for (var node = 0; node < 9; node++)
            {
                Assert.AreEqual(lights.Contains(node) ? 1 : 0, bed.CountReceived(node, asdu), $"node {node}, press {press}");
            }
        }
    }

    [TestMethod]
    public void A_request_through_an_empty_binding_table_is_no_bound_device()
    {
        var bed = new ApsTestBed(Topology.Line(2), seed: 9);
        bed.Network.FormAndJoinAll();
        var confirm = bed.Send(1, ApsdeDataRequest.ToBindings(HomeAutomation, OnOff, 1, new byte[] { 1 }));
        Assert.AreEqual(ApsStatus.NoBoundDevice, confirm.Status);
        Assert.AreEqual(0, confirm.Deliveries);
    }

    [TestMethod]
    public void A_binding_to_a_device_that_left_ends_with_no_bound_device()
    {
        var bed = new ApsTestBed(Topology.Line(3), seed: 10);
        bed.Network.FormAndJoinAll();
        AnnounceAll(bed);
        const int Switch = 1;
        const int Light = 2;
        Assert.AreEqual(ApsStatus.Success, bed[Switch].Bind(BindingEntry.ToDevice(bed[Switch].ExtendedAddress, 1, OnOff, bed[Light].ExtendedAddress, 1)));
        Assert.AreEqual(ApsStatus.Success, bed.Send(Switch, ApsdeDataRequest.ToBindings(HomeAutomation, OnOff, 1, new byte[] { 1 }, ApsTxOptions.Acknowledged)).Status);

        Assert.AreEqual(NwkStatus.Success, bed.Network.Run(() => bed.Network[Light].LeaveAsync(new NlmeLeaveRequest())));
        bed.Network.Scheduler.RunFor(TimeSpan.FromSeconds(2));
        Assert.AreEqual(0, bed[Switch].Bindings.Count, "the departed light's binding is gone");
        Assert.AreEqual(ApsStatus.NoBoundDevice, bed.Send(Switch, ApsdeDataRequest.ToBindings(HomeAutomation, OnOff, 1, new byte[] { 2 }, ApsTxOptions.Acknowledged)).Status);
    }

    [TestMethod]
    public void A_binding_to_a_device_that_vanished_without_leaving_ends_with_no_ack()
    {
        var bed = new ApsTestBed(Topology.Line(4), seed: 11);
        bed.Network.FormAndJoinAll();
        AnnounceAll(bed);
        Assert.AreEqual(ApsStatus.Success, bed[0].Bind(BindingEntry.ToDevice(bed[0].ExtendedAddress, 1, OnOff, bed[3].ExtendedAddress, 1)));
        bed.Network.Medium.SwitchOff(3);
        var confirm = bed.Send(0, ApsdeDataRequest.ToBindings(HomeAutomation, OnOff, 1, new byte[] { 1 }, ApsTxOptions.Acknowledged));
        Assert.AreEqual(ApsStatus.NoAck, confirm.Status);
        Assert.AreEqual(1, confirm.Deliveries);
    }

    [TestMethod]
    public void A_sleeping_end_device_receives_acknowledged_data_through_its_parent()
    {
        var bed = new ApsTestBed(Topology.Line(3), seed: 12);
        bed.Network.FormAndJoinAll(sleepy: new HashSet<int> { 2 });
        Assert.IsFalse(bed.Network.Macs[2].Pib.MacRxOnWhenIdle);
        for (var i = 0; i < 3; i++)
        {
            var asdu = new byte[] { 0x42, (byte)i };
            var confirm = bed.Send(0, ApsdeDataRequest.ToShort(bed[2].NetworkAddress, 1, HomeAutomation, OnOff, 1, asdu, ApsTxOptions.Acknowledged));
            Assert.AreEqual(ApsStatus.Success, confirm.Status, $"message {i}");
            bed.Network.Scheduler.RunFor(TimeSpan.FromSeconds(2));
            Assert.AreEqual(1, bed.CountReceived(2, asdu));
        }
    }

    [TestMethod]
    public void Extended_addressing_resolves_through_the_address_map_or_is_no_short_address()
    {
        var bed = new ApsTestBed(Topology.Line(3), seed: 13);
        bed.Network.FormAndJoinAll();
        AnnounceAll(bed);
        var asdu = new byte[] { 7 };
        Assert.AreEqual(ApsStatus.Success, bed.Send(0, ApsdeDataRequest.ToExtended(bed[2].ExtendedAddress, 1, HomeAutomation, OnOff, 1, asdu, ApsTxOptions.Acknowledged)).Status);
        Assert.AreEqual(1, bed.CountReceived(2, asdu));
        Assert.AreEqual(ApsStatus.NoShortAddress, bed.Send(0, ApsdeDataRequest.ToExtended(0x1122334455667788, 1, HomeAutomation, OnOff, 1, asdu)).Status);
    }

    [TestMethod]
    public void Too_long_without_fragmentation_or_to_a_group_is_asdu_too_long()
    {
        var bed = new ApsTestBed(Topology.Line(2), seed: 14);
        bed.Network.FormAndJoinAll();
        var big = new byte[bed[0].MaxAsduLength + 1];
        Assert.AreEqual(ApsStatus.AsduTooLong, bed.Send(0, ApsdeDataRequest.ToShort(bed[1].NetworkAddress, 1, HomeAutomation, OnOff, 1, big, ApsTxOptions.Acknowledged)).Status);
        Assert.AreEqual(ApsStatus.AsduTooLong, bed.Send(0, ApsdeDataRequest.ToShort(bed[1].NetworkAddress, 1, HomeAutomation, OnOff, 1, big, ApsTxOptions.FragmentationPermitted)).Status);
        Assert.AreEqual(ApsStatus.AsduTooLong, bed.Send(0, ApsdeDataRequest.ToGroup(1, HomeAutomation, OnOff, 1, big)).Status);
        var exact = new byte[bed[0].MaxAsduLength];
        Assert.AreEqual(ApsStatus.Success, bed.Send(0, ApsdeDataRequest.ToShort(bed[1].NetworkAddress, 1, HomeAutomation, OnOff, 1, exact, ApsTxOptions.Acknowledged)).Status);
        Assert.AreEqual(1, bed.CountReceived(1, exact));
    }

    [TestMethod]
    public void Out_of_range_addresses_and_endpoints_are_invalid_parameters()
    {
        var bed = new ApsTestBed(Topology.Line(2), seed: 18);
        bed.Network.FormAndJoinAll();
        var asdu = new byte[] { 1 };
        Assert.AreEqual(ApsStatus.InvalidParameter, bed.Send(0, ApsdeDataRequest.ToShort(0xFFF9, 1, HomeAutomation, OnOff, 1, asdu)).Status, "reserved broadcast address");
        Assert.AreEqual(ApsStatus.InvalidParameter, bed.Send(0, new ApsdeDataRequest(ApsAddressMode.Short, 0x1_0000, 1, HomeAutomation, OnOff, 1, asdu)).Status);
        Assert.AreEqual(ApsStatus.InvalidParameter, bed.Send(0, new ApsdeDataRequest(ApsAddressMode.Group, 0x1_0001, 0, HomeAutomation, OnOff, 1, asdu)).Status);
        Assert.AreEqual(ApsStatus.InvalidParameter, bed.Send(0, ApsdeDataRequest.ToShort(bed[1].NetworkAddress, 0xF5, HomeAutomation, OnOff, 1, asdu)).Status, "reserved endpoint");
        Assert.AreEqual(ApsStatus.InvalidParameter, bed.Send(0, ApsdeDataRequest.ToShort(bed[1].NetworkAddress, 1, HomeAutomation, OnOff, 0xFF, asdu)).Status, "no source endpoint 0xFF");
        Assert.AreEqual(ApsStatus.InvalidParameter, bed.Send(0, new ApsdeDataRequest((ApsAddressMode)7, 1, 1, HomeAutomation, OnOff, 1, asdu)).Status);
        Assert.IsEmpty(bed.Received);
    }

    [TestMethod]
    public void Requests_before_joining_are_illegal()
    {
        var bed = new ApsTestBed(Topology.Line(2), seed: 15);
        Assert.AreEqual(ApsStatus.IllegalRequest, bed.Send(0, ApsdeDataRequest.ToShort(1, 1, HomeAutomation, OnOff, 1, new byte[] { 1 })).Status);
        Assert.AreEqual(ApsStatus.IllegalRequest, bed[0].Bind(BindingEntry.ToDevice(bed[0].ExtendedAddress, 1, OnOff, 2, 1)));
    }

    [TestMethod]
    public void Tables_refuse_past_their_capacity_with_the_spec_status()
    {
        var bed = new ApsTestBed(Topology.Line(2), seed: 16, options: _ => new ApsServiceOptions { BindingTableCapacity = 2, GroupTableCapacity = 2 });
        bed.Network.FormAndJoinAll();
        var me = bed[0].ExtendedAddress;
        Assert.AreEqual(ApsStatus.Success, bed[0].Bind(BindingEntry.ToDevice(me, 1, OnOff, 0x10, 1)));
        Assert.AreEqual(ApsStatus.Success, bed[0].Bind(BindingEntry.ToGroup(me, 1, OnOff, 0x0007)));
        Assert.AreEqual(ApsStatus.TableFull, bed[0].Bind(BindingEntry.ToDevice(me, 1, OnOff, 0x11, 1)));
        Assert.AreEqual(ApsStatus.InvalidBinding, bed[0].Unbind(BindingEntry.ToDevice(me, 1, OnOff, 0x12, 1)));
        Assert.AreEqual(ApsStatus.IllegalRequest, bed[0].Bind(BindingEntry.ToDevice(me + 1, 1, OnOff, 0x11, 1)), "only this device's endpoints are bound here");

        Assert.AreEqual(ApsStatus.Success, bed[0].AddGroup(1, 1));
        Assert.AreEqual(ApsStatus.Success, bed[0].AddGroup(2, 1));
        Assert.AreEqual(ApsStatus.TableFull, bed[0].AddGroup(3, 1));
        Assert.AreEqual(ApsStatus.InvalidParameter, bed[0].AddGroup(3, 5), "endpoint 5 is not active");
        Assert.AreEqual(ApsStatus.InvalidGroup, bed[0].RemoveGroup(9, 1));
        Assert.AreEqual(ApsStatus.Success, bed[0].RemoveAllGroups(1));
        Assert.AreEqual(0, bed[0].Groups.Count);
    }

    [TestMethod]
    public void Hostile_frames_are_counted_and_change_nothing()
    {
        var bed = new ApsTestBed(Topology.Line(2), seed: 17);
        bed.Network.FormAndJoinAll();
        var to = bed[1].NetworkAddress;
        byte[][] hostile =
        [
            [],
            [0x00],
            [0x00, 0x01, 0x06],
            [0x04, 0x01, 0x06, 0x00, 0x04, 0x01, 0x01, 0x00], // indirect delivery: reserved
            [0x20, 0x01, 0x06, 0x00, 0x04, 0x01, 0x01, 0x00, 0x00], // secured, truncated aux header
            [0x02, 0x01, 0x06, 0x00, 0x04, 0x01, 0x01, 0x99], // ack nobody waits for
            [0xC0, 0x01, 0x06, 0x00, 0x04, 0x01, 0x01, 0x05, 0x01, 0x00, 0xEE], // first block announcing 0 blocks
            [0xC0, 0x01, 0x06, 0x00, 0x04, 0x01, 0x01, 0x06, 0x03, 0x07, 0xEE], // reserved fragmentation value
        ];
        foreach (var nsdu in hostile)
        {
            bed.Network.Run(async () => await bed.Network[0].DataRequestAsync(NldeDataRequest.To(to, nsdu)));
        }

        bed.Network.Scheduler.RunFor(TimeSpan.FromSeconds(1));
        Assert.IsEmpty(bed.Received);
        Assert.AreEqual(5, bed[1].Counters.MalformedDropped);
        Assert.AreEqual(1, bed[1].Counters.UnmatchedAcks);
        Assert.AreEqual(2, bed[1].Counters.ReassemblyRefused);
        Assert.AreEqual(0, bed[1].ReassemblyCount);
    }

    /// <summary>What ZDO's Device_annce does once it exists: every node learns every other's two addresses.</summary>
    internal static void AnnounceAll(ApsTestBed bed)
    {
        foreach (var listener in bed.Network.Nodes)
        {
            foreach (var device in bed.Network.Nodes)
            {
                listener.NoteDeviceAnnounce(device.NetworkAddress, device.ExtendedAddress);
            }
        }
    }
}
