using ZigBee.Mac.Frames;
using ZigBee.Mac.Service;
using ZigBee.Nwk.Nib;
using ZigBee.Nwk.Service;
using ZigBee.Nwk.Service.Primitives;
using ZigBee.Simulation.Medium;
using ZigBee.Simulation.Scheduling;
using ZigBee.XBee.Frames;

namespace ZigBee.Tests.XBee;

/// <summary>
/// Our NWK on the PC, over the 802.15.4-firmware module, joins a simulated ZigBee network (our coordinator on the
/// medium, unsecured: no network key anywhere) and exchanges NWK data with its coordinator. In virtual time.
/// </summary>
[TestClass]
public sealed class MacNwkJoinTests
{
    private const ulong CoordinatorAddress = 0x00124B0003000001;

    internal static readonly CapabilityInformation EndDevice = CapabilityInformation.Create(fullFunctionDevice: false, mainsPowered: false, receiverOnWhenIdle: true);

    /// <summary>Our coordinator on <paramref name="medium"/>, network formed on channel 15 and open for joining.</summary>
    internal static (NwkService Nwk, NlmeNetworkFormationConfirm Formed, int Node) FormCoordinator(SimulationScheduler scheduler, SimulatedMedium medium, int seed)
    {
        var radio = medium.AddNode(CoordinatorAddress);
        var mac = new MacService(radio, scheduler.Time, new Random(seed));
        var nwk = new NwkService(mac, scheduler.Time, new Random(seed + 1));
        var formed = scheduler.Run(() => nwk.NetworkFormationAsync(new NlmeNetworkFormationRequest(1u << 15, 2))).GetAwaiter().GetResult();
        Assert.AreEqual(NwkStatus.Success, formed.Status, "formation");
        Assert.AreEqual(NwkStatus.Success, scheduler.Run(() => nwk.PermitJoiningAsync(0xFF)).GetAwaiter().GetResult());
        return (nwk, formed, radio.Index);
    }

    [TestMethod]
    [DataRow(ApiMode.Unescaped)]
    [DataRow(ApiMode.Escaped)]
    public void OurNwk_JoinsThroughTheModule_AndExchangesDataWithTheCoordinator(ApiMode mode)
    {
        var scheduler = new SimulationScheduler();
        var medium = new SimulatedMedium(scheduler, seed: 41);
        var (coordinator, formed, coordinatorNode) = FormCoordinator(scheduler, medium, seed: 41);
        var joins = new List<NlmeJoinIndication>();
        coordinator.JoinIndication += (in NlmeJoinIndication j) => joins.Add(j);
        var atCoordinator = new List<byte[]>();
        coordinator.DataIndication += (in NldeDataIndication _, ReadOnlySpan<byte> nsdu) => atCoordinator.Add(nsdu.ToArray());
        var bed = new MacTestBed(seed: 41, mode, scheduler, medium);
        medium.Link(coordinatorNode, bed.ModuleNode, 220);
        bed.Start();
        var host = new NwkService(bed.Mac, scheduler.Time, new Random(42), new NwkServiceOptions { MacOmitsBeaconPayload = true });
        var atHost = new List<(NldeDataIndication Indication, byte[] Nsdu)>();
        host.DataIndication += (in NldeDataIndication i, ReadOnlySpan<byte> nsdu) => atHost.Add((i, nsdu.ToArray()));

        var joined = bed.Run(() => host.JoinAsync(new NlmeJoinRequest(formed.ExtendedPanId, NwkRejoinNetwork.Association, EndDevice, 1u << 15, ScanDuration: 2)));

        Assert.AreEqual(NwkStatus.Success, joined.Status);
        Assert.AreEqual((ushort)0x0000, host.ParentAddress);
        Assert.AreEqual(formed.ExtendedPanId, host.Nib.ExtendedPanId);
        Assert.AreEqual(formed.PanId, host.Nib.PanId);
        Assert.AreEqual(NwkDeviceRole.EndDevice, host.Role);
        Assert.AreEqual(host.NetworkAddress, bed.Firmware.Mac.Pib.MacShortAddress, "the module took the address our coordinator gave");
        Assert.AreEqual(MacTestBed.ModuleAddress, joins.Single().ExtendedAddress);
        Assert.AreEqual(host.NetworkAddress, joins.Single().NetworkAddress);

        byte[] up = [0x7E, 0x7D, 0x11, 0x13, 0x55];
        byte[] down = [0x13, 0x7E, 0x00, 0x7D];
        var sent = bed.Run(async () => await host.DataRequestAsync(new NldeDataRequest(NwkAddressMode.Unicast, 0x0000, up, 1, 0)));
        Assert.AreEqual(NwkStatus.Success, sent.Status);
        var back = bed.Run(async () => await coordinator.DataRequestAsync(new NldeDataRequest(NwkAddressMode.Unicast, host.NetworkAddress, down, 2, 0)));
        Assert.AreEqual(NwkStatus.Success, back.Status);
        scheduler.RunFor(TimeSpan.FromSeconds(1));

        Assert.AreEqual(1, atCoordinator.Count(n => n.AsSpan().SequenceEqual(up)));
        var received = atHost.Single(d => d.Nsdu.AsSpan().SequenceEqual(down));
        Assert.AreEqual((ushort)0x0000, received.Indication.SrcAddr);
        Assert.IsGreaterThan(200, received.Indication.LinkQuality, "the module's RSSI, as LQI");
    }

    [TestMethod]
    public void OurNwk_WithoutTheOption_FindsNoParentThroughTheModule()
    {
        var scheduler = new SimulationScheduler();
        var medium = new SimulatedMedium(scheduler, seed: 43);
        var (coordinator, formed, coordinatorNode) = FormCoordinator(scheduler, medium, seed: 43);
        var bed = new MacTestBed(seed: 43, scheduler: scheduler, medium: medium);
        medium.Link(coordinatorNode, bed.ModuleNode, 220);
        bed.Start();
        var host = new NwkService(bed.Mac, scheduler.Time, new Random(44));

        var joined = bed.Run(() => host.JoinAsync(new NlmeJoinRequest(formed.ExtendedPanId, NwkRejoinNetwork.Association, EndDevice, 1u << 15, ScanDuration: 2)));

        Assert.AreEqual(NwkStatus.NoNetworks, joined.Status, "descriptors without payload are no ZigBee parents by default");
        Assert.AreEqual(0, coordinator.ChildCount);
    }
}
