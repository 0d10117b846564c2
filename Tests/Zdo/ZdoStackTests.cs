using ZigBee.Aps.Service;
using ZigBee.Aps.Service.Primitives;
using ZigBee.Simulation.Topologies;
using ZigBee.Stack.Zdo;
using ZigBee.Tests.Aps;
using ZigBee.Zdo.Frames;
using ZigBee.Zdo.Service;

namespace ZigBee.Tests.Zdo;

/// <summary>
/// ZDO on three real nodes (MAC, NWK, APS on the simulated medium): a coordinator, a router and the router's sleepy end
/// device child in a line, so the coordinator reaches the child only through its parent.
/// </summary>
[TestClass]
public sealed class ZdoStackTests
{
    private const ushort HomeAutomation = 0x0104;
    private const ushort OnOff = 0x0006;

    private sealed class Line
    {
        public Line(int seed)
        {
            Bed = new ApsTestBed(Topology.Line(3), seed);
            Zdos = new ZdoService[3];
            for (var i = 0; i < 3; i++)
            {
                var node = i;
                Zdos[i] = new ZdoService(Bed[i], new StackZdoNode(Bed.Network[i], Bed[i]), Bed.Network.Scheduler.Time);
                Zdos[i].RegisterEndpoint(new ZdoEndpoint(1, HomeAutomation, (ushort)(0x0100 + i), 1, [0x0000, OnOff], i == 0 ? [OnOff] : []));
                Zdos[i].DeviceAnnounced += (_, announce) => Heard.Add((node, announce.NwkAddress, announce.IeeeAddress));
            }

            Bed.Network.FormAndJoinAll(sleepy: new HashSet<int> { 2 });
        }

        public ApsTestBed Bed { get; }

        public ZdoService[] Zdos { get; }

        public List<(int Node, ushort NwkAddress, ulong IeeeAddress)> Heard { get; } = [];

        public ushort Address(int node) => Bed[node].NetworkAddress;

        public T Run<T>(Func<Task<T>> operation) => Bed.Network.Run(operation, TimeSpan.FromMinutes(1));
    }

    [TestMethod]
    public void JoinersAnnounceThemselvesAndTheParentAnswersForItsSleepyChild()
    {
        var line = new Line(seed: 21);
        var coordinator = line.Zdos[0];

        CollectionAssert.AreEquivalent(
            new[] { (0, line.Address(1), line.Bed[1].ExtendedAddress), (0, line.Address(2), line.Bed[2].ExtendedAddress) },
            line.Heard.Where(h => h.Node == 0).Distinct().ToList(), "the coordinator heard both joiners' Device_annce");
        Assert.AreEqual(0, line.Zdos[2].Counters.AnnouncementsHeard, "a sleepy device hears no rx-on broadcast");

        var child = line.Run(() => coordinator.NetworkAddressAsync(line.Bed[2].ExtendedAddress));
        Assert.AreEqual(ZdpStatus.Success, child.Status);
        Assert.AreEqual(line.Address(1), child.Source, "the parent answered for its sleeping child");
        Assert.AreEqual(line.Address(2), child.Value!.NetworkAddress);

        var parent = line.Run(() => coordinator.IeeeAddressAsync(line.Address(1), extended: true));
        Assert.AreEqual(line.Bed[1].ExtendedAddress, parent.Value!.IeeeAddress);
        CollectionAssert.Contains(parent.Value.Children.ToList(), line.Address(2));

        var descriptor = line.Run(() => coordinator.NodeDescriptorAsync(line.Address(2)));
        Assert.AreEqual(ZdpStatus.Success, descriptor.Status, "the sleepy device answers at its next poll");
        Assert.AreEqual(ZdpLogicalType.EndDevice, descriptor.Value.LogicalType);
        Assert.IsFalse(descriptor.Value.MacCapability.ReceiverOnWhenIdle);
        var router = line.Run(() => coordinator.NodeDescriptorAsync(line.Address(1)));
        Assert.AreEqual(ZdpLogicalType.Router, router.Value.LogicalType);

        var simple = line.Run(() => coordinator.SimpleDescriptorAsync(line.Address(1), 1));
        Assert.AreEqual((ushort)0x0101, simple.Value!.DeviceId);
        var matches = line.Run(() => coordinator.MatchDescriptorAsync(HomeAutomation, [OnOff], []));
        CollectionAssert.Contains(matches.Select(m => m.NetworkAddress).ToList(), line.Address(1));
    }

    [TestMethod]
    public void ABindingMadeOverTheAirCarriesTheRoutersFrames()
    {
        var line = new Line(seed: 22);
        var coordinator = line.Zdos[0];
        var router = line.Address(1);
        var binding = ZdpBinding.ToDevice(line.Bed[1].ExtendedAddress, 1, OnOff, line.Bed[0].ExtendedAddress, 1);

        Assert.AreEqual(ZdpStatus.Success, line.Run(() => coordinator.BindAsync(router, binding)));
        Assert.AreEqual(1, line.Bed[1].Bindings.Count);
        var table = line.Run(() => coordinator.BindingTableAsync(router));
        Assert.AreEqual(1, table.Value!.TotalEntries);
        Assert.AreEqual(binding, table.Value.Entries.Single());

        var payload = new byte[] { 0x01, 0x22, 0x02 };
        var confirm = line.Bed.Send(1, ApsdeDataRequest.ToBindings(HomeAutomation, OnOff, 1, payload, ApsTxOptions.Acknowledged));
        Assert.AreEqual(ApsStatus.Success, confirm.Status);
        line.Bed.Network.Scheduler.RunFor(TimeSpan.FromSeconds(1));
        Assert.AreEqual(1, line.Bed.CountReceived(0, payload, endpoint: 1));

        var foreign = ZdpBinding.ToDevice(line.Bed[0].ExtendedAddress, 1, OnOff, line.Bed[1].ExtendedAddress, 1);
        Assert.AreEqual(ZdpStatus.NotSupported, line.Run(() => coordinator.BindAsync(router, foreign)));
        Assert.AreEqual(ZdpStatus.Success, line.Run(() => coordinator.UnbindAsync(router, binding)));
        Assert.AreEqual(ZdpStatus.NoEntry, line.Run(() => coordinator.UnbindAsync(router, binding)));
        Assert.AreEqual(0, line.Bed[1].Bindings.Count);
    }

    [TestMethod]
    public void TheRoutersBindingTableFillsUpOverTheAirAndPagesBack()
    {
        var line = new Line(seed: 25);
        var coordinator = line.Zdos[0];
        var router = line.Address(1);
        var capacity = line.Bed[1].Bindings.Capacity;
        var bindings = Enumerable.Range(1, capacity + 1)
            .Select(i => ZdpBinding.ToDevice(line.Bed[1].ExtendedAddress, 1, (ushort)i, line.Bed[0].ExtendedAddress, 1)).ToList();

        foreach (var binding in bindings.Take(capacity))
        {
            Assert.AreEqual(ZdpStatus.Success, line.Run(() => coordinator.BindAsync(router, binding)));
        }

        Assert.AreEqual(ZdpStatus.TableFull, line.Run(() => coordinator.BindAsync(router, bindings[^1])));
        Assert.AreEqual(ZdpStatus.InvalidEp, line.Run(() => coordinator.BindAsync(router, bindings[0] with { SourceEndpoint = 0 })));
        var table = line.Run(() => coordinator.WholeTableAsync(coordinator.BindingTableAsync, router));
        Assert.AreEqual(ZdpStatus.Success, table.Status);
        CollectionAssert.AreEquivalent(bindings.Take(capacity).ToList(), table.Value!.ToList());
    }

    [TestMethod]
    public void TheRoutersTablesReadOverTheAirAreItsOwn()
    {
        var line = new Line(seed: 23);
        var coordinator = line.Zdos[0];
        var router = line.Address(1);

        var neighbors = line.Run(() => coordinator.WholeTableAsync(coordinator.NeighborTableAsync, router));
        Assert.AreEqual(ZdpStatus.Success, neighbors.Status);
        CollectionAssert.AreEquivalent(
            line.Zdos[1].LocalNeighborTable().Select(n => (n.NetworkAddress, n.ExtendedAddress, n.Relationship)).ToList(),
            neighbors.Value!.Select(n => (n.NetworkAddress, n.ExtendedAddress, n.Relationship)).ToList());
        Assert.AreEqual(ZdpNeighborRelationship.Child, neighbors.Value!.Single(n => n.NetworkAddress == line.Address(2)).Relationship);
        Assert.AreEqual(ZdpNeighborRelationship.Parent, neighbors.Value!.Single(n => n.NetworkAddress == 0x0000).Relationship);

        var routes = line.Run(() => coordinator.WholeTableAsync(coordinator.RoutingTableAsync, router));
        Assert.AreEqual(ZdpStatus.Success, routes.Status);
        CollectionAssert.AreEqual(line.Zdos[1].LocalRoutingTable().ToList(), routes.Value!.ToList());

        Assert.AreEqual(ZdpStatus.Success, line.Run(() => coordinator.PermitJoiningAsync(router, 0)));
    }

    [TestMethod]
    public void AChannelChangeMovesTheRoutersAndTheyStillTalk()
    {
        var line = new Line(seed: 24);
        var coordinator = line.Zdos[0];
        var before = line.Bed.Network[0].Nib.LogicalChannel;
        var target = (byte)(before == 20 ? 21 : 20);

        Assert.AreEqual(ZdpStatus.Success, line.Run(() => coordinator.ChangeChannelAsync(target)));
        line.Bed.Network.Scheduler.RunFor(TimeSpan.FromSeconds(5));

        Assert.AreEqual(target, line.Bed.Network[0].Nib.LogicalChannel);
        Assert.AreEqual(target, line.Bed.Network[1].Nib.LogicalChannel);
        Assert.AreEqual(target, line.Bed.Network[2].Nib.LogicalChannel, "the sleepy child got the broadcast from its parent's queue");
        var descriptor = line.Run(() => coordinator.NodeDescriptorAsync(line.Address(1)));
        Assert.AreEqual(ZdpStatus.Success, descriptor.Status, "the router answers on the new channel");
    }
}
