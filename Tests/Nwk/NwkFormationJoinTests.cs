using ZigBee.Mac.Frames;
using ZigBee.Nwk.Nib;
using ZigBee.Nwk.Service;
using ZigBee.Nwk.Service.Primitives;
using ZigBee.Nwk.Tables;
using ZigBee.Simulation.Topologies;

namespace ZigBee.Tests.Nwk;

[TestClass]
public sealed class NwkFormationJoinTests
{
    [TestMethod]
    public void Formation_PicksTheQuietestChannelAndAPanIdNoNeighbourUses()
    {
        var bed = new NwkTestBed(Topology.Line(2), seed: 3);
        // Node 1 runs a network on channel 20 (the quietest); 11–19 and 21–26 are noisy.
        for (byte channel = 11; channel <= 26; channel++)
        {
            bed.Medium.SetChannelEnergy(channel, channel == 20 || channel == 25 ? (byte)0 : (byte)200);
        }

        var other = bed.Run(() => bed[1].NetworkFormationAsync(new NlmeNetworkFormationRequest(1u << 25, 2, PanId: 0x1234)));
        Assert.AreEqual(NwkStatus.Success, other.Status);
        var confirm = bed.Run(() => bed[0].NetworkFormationAsync(new NlmeNetworkFormationRequest(0x07FFF800, 2)));

        Assert.AreEqual(NwkStatus.Success, confirm.Status);
        Assert.AreEqual((byte)20, confirm.LogicalChannel, "quiet, and no network on it (25 has one)");
        Assert.AreNotEqual((ushort)0x1234, confirm.PanId);
        Assert.IsTrue(confirm.PanId is > 0 and <= 0x3FFF);
        Assert.AreEqual(bed[0].ExtendedAddress, confirm.ExtendedPanId);
        Assert.AreEqual(NwkDeviceRole.Coordinator, bed[0].Role);
        Assert.AreEqual((ushort)0x0000, bed[0].NetworkAddress);
        Assert.AreEqual(confirm.PanId, bed.Macs[0].Pib.MacPanId);
    }

    [TestMethod]
    public void Formation_RefusesAPanIdInUse()
    {
        var bed = new NwkTestBed(Topology.Line(2), seed: 4);
        Assert.AreEqual(NwkStatus.Success, bed.Run(() => bed[1].NetworkFormationAsync(new NlmeNetworkFormationRequest(1u << 15, 2, PanId: 0x0777))).Status);
        var confirm = bed.Run(() => bed[0].NetworkFormationAsync(new NlmeNetworkFormationRequest(1u << 15, 2, PanId: 0x0777)));
        Assert.AreEqual(NwkStatus.StartupFailure, confirm.Status);
        Assert.IsFalse(bed[0].IsJoined);
    }

    [TestMethod]
    public void Discovery_ListsTheNetworkAndFillsTheNeighborTableWithPotentialParents()
    {
        var bed = new NwkTestBed(Topology.Star(3), seed: 5);
        var formed = bed.Form();
        var confirm = bed.Run(() => bed[1].NetworkDiscoveryAsync(new NlmeNetworkDiscoveryRequest(0x07FFF800, 2)));

        Assert.AreEqual(NwkStatus.Success, confirm.Status);
        Assert.HasCount(1, confirm.NetworkDescriptors);
        var network = confirm.NetworkDescriptors[0];
        Assert.AreEqual(formed.ExtendedPanId, network.ExtendedPanId);
        Assert.AreEqual(formed.LogicalChannel, network.LogicalChannel);
        Assert.AreEqual((byte)2, network.StackProfile);
        Assert.IsTrue(network.PermitJoining && network.RouterCapacity && network.EndDeviceCapacity);
        var parent = bed[1].NeighborTable.Find(0x0000);
        Assert.IsNotNull(parent);
        Assert.IsTrue(parent.PotentialParent);
        Assert.AreEqual((byte)0, parent.Depth);
        Assert.AreEqual(NwkDeviceRole.Coordinator, parent.DeviceType);
    }

    [TestMethod]
    public void JoiningThroughRouters_OnALineOfSix_DepthGrowsHopByHop()
    {
        var bed = new NwkTestBed(Topology.Line(6), seed: 6);
        var joins = new List<NlmeJoinIndication>();
        foreach (var node in bed.Nodes)
        {
            node.JoinIndication += (in NlmeJoinIndication j) => joins.Add(j);
        }

        bed.FormAndJoinAll();

        for (var i = 1; i < 6; i++)
        {
            Assert.IsTrue(bed[i].IsJoined, $"node {i}");
            Assert.AreEqual(NwkDeviceRole.Router, bed[i].Role);
            Assert.AreEqual((byte)i, bed[i].Depth, $"depth of node {i}");
            Assert.AreEqual(bed[i - 1].NetworkAddress, bed[i].ParentAddress, $"parent of node {i}");
            Assert.AreEqual(bed[0].Nib.PanId, bed[i].Nib.PanId);
            Assert.IsTrue(bed[i].NetworkAddress is not 0 and < 0xFFF8);
        }

        Assert.HasCount(5, joins);
        Assert.AreEqual(6, bed.Nodes.Select(n => n.NetworkAddress).Distinct().Count(), "addresses are unique");
        // After link status, each router knows its line neighbours with costs both ways.
        var middle = bed[3].NeighborTable.Find(bed[4].NetworkAddress);
        Assert.IsNotNull(middle);
        Assert.AreEqual((byte)1, middle.IncomingCost);
        Assert.AreEqual((byte)1, middle.OutgoingCost);
    }

    [TestMethod]
    public void PermitJoiningExpiry_RefusesLaterAssociation()
    {
        var bed = new NwkTestBed(Topology.Star(3), seed: 7);
        bed.Form();
        Assert.AreEqual(NwkStatus.Success, bed.Run(() => bed[0].PermitJoiningAsync(5)));
        bed.Join(1, router: false);
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(6));

        Assert.IsFalse(bed[0].PermitJoining);
        var capability = CapabilityInformation.Create(false, false, true);
        var confirm = bed.Run(() => bed[2].JoinAsync(new NlmeJoinRequest(bed[0].Nib.ExtendedPanId, NwkRejoinNetwork.Association, capability, 1u << bed.Channel, 2)));
        Assert.AreNotEqual(NwkStatus.Success, confirm.Status);
        Assert.IsFalse(bed[2].IsJoined);
        Assert.AreEqual(1, bed[0].ChildCount);
    }

    [TestMethod]
    public void EndDevice_JoinsTheBestParentInRange()
    {
        // Node 2 hears node 1 well and node 0 poorly.
        var bed = new NwkTestBed(Topology.FromLinks(3, [new TopologyLink(0, 1, 255), new TopologyLink(1, 0, 255), new TopologyLink(0, 2, 60), new TopologyLink(2, 0, 60), new TopologyLink(1, 2, 250), new TopologyLink(2, 1, 250)]), seed: 8);
        bed.Form();
        bed.Join(1);
        bed.Join(2, router: false);
        Assert.AreEqual(bed[1].NetworkAddress, bed[2].ParentAddress);
        Assert.AreEqual(NwkDeviceRole.EndDevice, bed[2].Role);
        Assert.AreEqual(NeighborRelationship.Child, bed[1].NeighborTable.Find(bed[2].NetworkAddress)!.Relationship);
    }
}
