using ZigBee.Mac.Frames;
using ZigBee.Nwk.Nib;
using ZigBee.Nwk.Service;
using ZigBee.Nwk.Service.Primitives;
using ZigBee.Simulation.Topologies;

namespace ZigBee.Tests.Nwk;

/// <summary>
/// Joining through a MAC that reports beacons without their payload (an XBee with 802.15.4 firmware): without
/// <see cref="NwkServiceOptions.MacOmitsBeaconPayload"/> no beacon is a ZigBee parent; with it, a coordinator that
/// permits association is one.
/// </summary>
[TestClass]
public sealed class NwkPayloadlessBeaconJoinTests
{
    private static readonly CapabilityInformation EndDevice = CapabilityInformation.Create(fullFunctionDevice: false, mainsPowered: false, receiverOnWhenIdle: true);

    private static NwkTestBed Bed(int seed, bool option, Action<PayloadlessBeaconMac> keep) =>
        new(Topology.Star(2), seed, options: i => i == 1 ? new NwkServiceOptions { MacOmitsBeaconPayload = option } : null,
            mac: (i, mac) =>
            {
                if (i != 1)
                {
                    return mac;
                }

                var stripped = new PayloadlessBeaconMac(mac);
                keep(stripped);
                return stripped;
            });

    private static NlmeJoinConfirm JoinNode1(NwkTestBed bed, ulong extendedPanId) =>
        bed.Run(() => bed[1].JoinAsync(new NlmeJoinRequest(extendedPanId, NwkRejoinNetwork.Association, EndDevice, 1u << bed.Channel, ScanDuration: 2)));

    [TestMethod]
    public void WithoutTheOption_BeaconsWithoutPayloadAreNoParents()
    {
        PayloadlessBeaconMac mac = null!;
        var bed = Bed(seed: 61, option: false, m => mac = m);
        var formed = bed.Form();

        var confirm = JoinNode1(bed, formed.ExtendedPanId);

        Assert.AreEqual(NwkStatus.NoNetworks, confirm.Status);
        Assert.IsGreaterThan(0, mac.BeaconsStripped, "the coordinator's beacons were heard, only without payload");
        Assert.IsFalse(bed[1].IsJoined);
        Assert.AreEqual(0, bed[0].ChildCount);
    }

    [TestMethod]
    public void WithTheOption_JoinsTheCoordinatorOfTheNamedNetworkAndExchangesData()
    {
        PayloadlessBeaconMac mac = null!;
        var bed = Bed(seed: 62, option: true, m => mac = m);
        var formed = bed.Form();

        var confirm = JoinNode1(bed, formed.ExtendedPanId);

        Assert.AreEqual(NwkStatus.Success, confirm.Status);
        Assert.IsGreaterThan(0, mac.BeaconsStripped);
        Assert.AreEqual((ushort)0x0000, bed[1].ParentAddress);
        Assert.AreEqual(formed.ExtendedPanId, bed[1].Nib.ExtendedPanId, "the extended PAN ID the join named");
        Assert.AreEqual(formed.PanId, bed[1].Nib.PanId);
        Assert.AreEqual((byte)1, bed[1].Depth, "a PAN coordinator is at depth 0");
        Assert.AreEqual(NwkDeviceRole.EndDevice, bed[1].Role);
        Assert.AreEqual(1, bed[0].ChildCount);

        byte[] up = [0x7E, 0x01, 0x02];
        byte[] down = [0x7D, 0x11, 0x13];
        Assert.AreEqual(NwkStatus.Success, bed.Send(1, 0, up).Status);
        Assert.AreEqual(NwkStatus.Success, bed.Send(0, 1, down).Status);
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(1));
        Assert.AreEqual(1, bed.CountReceived(0, up));
        Assert.AreEqual(1, bed.CountReceived(1, down));
    }

    [TestMethod]
    public void WithTheOption_ACoordinatorThatRefusesAssociationIsNoParent()
    {
        var bed = Bed(seed: 63, option: true, _ => { });
        var formed = bed.Form();
        Assert.AreEqual(NwkStatus.Success, bed.Run(() => bed[0].PermitJoiningAsync(0)));

        var confirm = JoinNode1(bed, formed.ExtendedPanId);

        Assert.AreNotEqual(NwkStatus.Success, confirm.Status);
        Assert.IsFalse(bed[1].IsJoined);
        Assert.AreEqual(0, bed[0].ChildCount);
    }

    [TestMethod]
    public void WithTheOption_DiscoveryListsThePanWithAnUnknownExtendedPanId()
    {
        var bed = Bed(seed: 64, option: true, _ => { });
        var formed = bed.Form();

        var confirm = bed.Run(() => bed[1].NetworkDiscoveryAsync(new NlmeNetworkDiscoveryRequest(1u << bed.Channel, 2)));

        Assert.AreEqual(NwkStatus.Success, confirm.Status);
        Assert.HasCount(1, confirm.NetworkDescriptors);
        Assert.AreEqual(0UL, confirm.NetworkDescriptors[0].ExtendedPanId, "no payload: not known");
        Assert.AreEqual(formed.PanId, confirm.NetworkDescriptors[0].PanId);
        Assert.IsTrue(confirm.NetworkDescriptors[0].PermitJoining);
    }
}
