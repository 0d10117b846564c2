using ZigBee.Aps.Service;
using ZigBee.Aps.Service.Primitives;
using ZigBee.Nwk.Nib;
using ZigBee.Stack.Scenarios;
using ZigBee.Zdo.Frames;
using ZigBee.Zdo.Management;
using ZigBee.Zdo.Service;

namespace ZigBee.Tests.Zdo;

/// <summary>ZDO over a simulated 30-node mesh (routers, rx-on and sleeping end devices), fixed seeds, virtual time.</summary>
[TestClass]
public sealed class ZdoNetworkTests
{
    private const int Nodes = 30;
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);

    internal static NwkScenarioOptions Mesh(int seed) => new()
    {
        Nodes = Nodes, EndDevices = 6, Sleepy = 3, Seed = seed, Zdo = true, Duration = TimeSpan.FromMinutes(4), Interval = TimeSpan.FromSeconds(60),
    };

    [TestMethod]
    public void EveryDeviceIsInterviewedWithTheDescriptorsOfItsKind()
    {
        var (scenario, result) = RunMesh(3);

        Assert.AreEqual(Nodes - 1, result.Joined);
        Assert.AreEqual(Nodes - 1, result.Interviewed, $"interview failures {scenario.NetworkManager!.FailedInterviews}");
        for (var i = 1; i < Nodes; i++)
        {
            var nwk = scenario.Nodes[i];
            Assert.IsTrue(scenario.NetworkManager!.Devices.TryGetValue(nwk.ExtendedAddress, out var device), $"node {i} not interviewed");
            Assert.AreEqual(nwk.NetworkAddress, device.NetworkAddress, $"node {i}");
            Assert.AreEqual(scenario.IsRouter(i) ? ZdpLogicalType.Router : ZdpLogicalType.EndDevice, device.NodeDescriptor.LogicalType, $"node {i}");
            Assert.AreEqual(!scenario.IsSleepy(i), device.NodeDescriptor.MacCapability.ReceiverOnWhenIdle, $"node {i}");
            Assert.IsNotNull(device.PowerDescriptor, $"node {i}");
            Assert.AreEqual(scenario.IsSleepy(i) ? ZdpPowerMode.Periodic : ZdpPowerMode.ReceiverOnWhenIdle, device.PowerDescriptor.Value.CurrentPowerMode, $"node {i}");

            var expected = scenario.EndpointOf(i);
            Assert.HasCount(1, device.Endpoints, $"node {i}");
            AssertSameEndpoint(expected, device.Endpoints[0], $"node {i}");
        }
    }

    [TestMethod]
    public void ADeviceWhoseAnnouncementWasLostIsInterviewedOnceTheCrawlFindsIt()
    {
        // Seed 1 with 2 % loss on every link: one Device_annce (an unacknowledged broadcast) never reaches the coordinator.
        var options = Mesh(1) with { Loss = 0.02 };
        var scenario = new NwkScenario(options);
        var result = scenario.Run();
        var crawlStart = scenario.Scheduler.Epoch + options.Duration;
        var manager = scenario.NetworkManager!;

        var late = manager.Devices.Values.Where(d => d.InterviewedAt >= crawlStart).ToList();
        Assert.HasCount(1, late);
        Assert.AreEqual(Nodes - 1, result.Interviewed);
        Assert.AreEqual(0, manager.FailedInterviews);
        Assert.AreEqual(0, manager.PendingInterviews);
        var node = Enumerable.Range(1, Nodes - 1).Single(i => scenario.Nodes[i].ExtendedAddress == late[0].IeeeAddress);
        AssertSameEndpoint(scenario.EndpointOf(node), late[0].Endpoints.Single(), $"node {node}");
    }

    [TestMethod]
    public void TheCrawlFindsExactlyTheSimulatorsLinks()
    {
        var (scenario, result) = RunMesh(3);

        Assert.IsNotNull(scenario.Crawl);
        Assert.IsEmpty(scenario.Crawl.Unreachable);
        Assert.AreEqual(0, result.CrawlUnreachable);
        Assert.IsGreaterThan(Nodes - 1, result.LinksTrue);
        Assert.AreEqual(result.LinksTrue, result.LinksFound);
        Assert.AreEqual(result.LinksTrue, result.LinksMatched);
        CollectionAssert.AreEquivalent(scenario.TrueLinks().ToList(), LinkSet(scenario.Crawl.Map).ToList());

        // Every device is on the map with its role, the sleepers with their receiver off.
        Assert.AreEqual(Nodes, scenario.Crawl.Map.NodeCount);
        for (var i = 0; i < Nodes; i++)
        {
            var node = scenario.Crawl.Map.Find(scenario.Nodes[i].NetworkAddress);
            Assert.IsNotNull(node, $"node {i}");
            Assert.AreEqual(scenario.Nodes[i].ExtendedAddress, node.IeeeAddress, $"node {i}");
            Assert.AreEqual(i == 0 ? MapNodeRole.Coordinator : scenario.IsRouter(i) ? MapNodeRole.Router : MapNodeRole.EndDevice, node.Role, $"node {i}");
            Assert.AreEqual(!scenario.IsSleepy(i), node.RxOnWhenIdle, $"node {i}");
        }
    }

    [TestMethod]
    public void ACrawlAfterARouterIsSwitchedOffReportsItUnreachable()
    {
        // The router goes dark 20 s before the crawl: its neighbors still list it, so the crawl asks it and hears nothing.
        var options = Mesh(3) with { Kill = 1, KillAt = TimeSpan.FromMinutes(4) - TimeSpan.FromSeconds(20) };
        var scenario = new NwkScenario(options);
        var result = scenario.Run();

        var dead = Enumerable.Range(1, Nodes - 1).Single(i => !scenario.Medium[i].IsPowered);
        Assert.IsNotNull(scenario.Crawl);
        CollectionAssert.Contains(scenario.Crawl.Unreachable.ToList(), scenario.Nodes[dead].NetworkAddress);
        Assert.IsGreaterThanOrEqualTo(1, result.CrawlUnreachable);
        Assert.IsFalse(LinkSet(scenario.Crawl.Map).SetEquals(scenario.TrueLinks()), "the stale links to the dead router are no true links");
    }

    [TestMethod]
    public void MatchDescBroadcastFindsTheLightsAndTheSwitches()
    {
        var (scenario, _) = RunMesh(3);
        var coordinator = scenario.ZdoNodes[0];

        var lights = Run(scenario, () => coordinator.MatchDescriptorAsync(NwkScenario.HomeAutomation, [NwkScenario.OnOffCluster], []));
        var switches = Run(scenario, () => coordinator.MatchDescriptorAsync(NwkScenario.HomeAutomation, [], [NwkScenario.OnOffCluster]));
        var wrongProfile = Run(scenario, () => coordinator.MatchDescriptorAsync(0x0109, [NwkScenario.OnOffCluster], []));

        CollectionAssert.AreEquivalent(AddressesWhere(scenario, i => scenario.IsRouter(i)), lights.Select(m => m.NetworkAddress).ToList());
        CollectionAssert.AreEquivalent(AddressesWhere(scenario, i => !scenario.IsRouter(i) && !scenario.IsSleepy(i)), switches.Select(m => m.NetworkAddress).ToList());
        Assert.IsTrue(lights.Concat(switches).All(m => m.Endpoints.SequenceEqual(new byte[] { 1 })));
        Assert.IsEmpty(wrongProfile);

        // Sleepers do not hear a broadcast to 0xFFFD and their parents cache no descriptors (R22 §2.4.4.2.7), so a
        // broadcast finds no temperature sensor; asked directly, each answers at its next poll.
        var sensors = Run(scenario, () => coordinator.MatchDescriptorAsync(NwkScenario.HomeAutomation, [NwkScenario.TemperatureMeasurementCluster], []));
        Assert.IsEmpty(sensors);
        foreach (var sleeper in Enumerable.Range(1, Nodes - 1).Where(scenario.IsSleepy))
        {
            var address = scenario.Nodes[sleeper].NetworkAddress;
            var direct = Run(scenario, () => coordinator.MatchDescriptorAsync(NwkScenario.HomeAutomation, [NwkScenario.TemperatureMeasurementCluster], [], address));
            Assert.HasCount(1, direct, $"sleeper {sleeper}");
            Assert.AreEqual(address, direct[0].NetworkAddress);
        }
    }

    [TestMethod]
    public void ARemoteBindSendsTheSwitchsFramesToTheLightAndUnbindStopsThem()
    {
        var (scenario, _) = RunMesh(3);
        var coordinator = scenario.ZdoNodes[0];
        var sw = Enumerable.Range(1, Nodes - 1).First(i => !scenario.IsRouter(i) && !scenario.IsSleepy(i));
        var light = Enumerable.Range(1, Nodes - 1).Last(scenario.IsRouter);
        var switchAddress = scenario.Nodes[sw].NetworkAddress;
        var binding = ZdpBinding.ToDevice(scenario.Nodes[sw].ExtendedAddress, 1, NwkScenario.OnOffCluster, scenario.Nodes[light].ExtendedAddress, 1);
        var received = 0;
        scenario.ApsNodes[light].DataIndication += (in ApsdeDataIndication indication) =>
        {
            if (indication.ProfileId == NwkScenario.HomeAutomation && indication.ClusterId == NwkScenario.OnOffCluster && indication.SrcAddress == switchAddress)
            {
                received++;
            }
        };

        Assert.AreEqual(ApsStatus.NoBoundDevice, Toggle(scenario, sw).Status, "no binding yet");
        Assert.AreEqual(ZdpStatus.Success, Run(scenario, () => coordinator.BindAsync(switchAddress, binding)));
        var table = Run(scenario, () => coordinator.BindingTableAsync(switchAddress));
        Assert.AreEqual(ZdpStatus.Success, table.Status);
        Assert.HasCount(1, table.Value!.Entries);
        Assert.AreEqual(binding, table.Value.Entries[0]);

        for (var k = 0; k < 3; k++)
        {
            Assert.AreEqual(ApsStatus.Success, Toggle(scenario, sw).Status);
        }

        Assert.AreEqual(3, received);

        Assert.AreEqual(ZdpStatus.Success, Run(scenario, () => coordinator.UnbindAsync(switchAddress, binding)));
        Assert.AreEqual(ZdpStatus.NoEntry, Run(scenario, () => coordinator.UnbindAsync(switchAddress, binding)), "unbound twice");
        Assert.AreEqual(ApsStatus.NoBoundDevice, Toggle(scenario, sw).Status);
        scenario.Scheduler.RunFor(TimeSpan.FromSeconds(10));
        Assert.AreEqual(3, received);
    }

    [TestMethod]
    public void AChannelChangeMovesEveryNodeAndDeliveryResumes()
    {
        var (scenario, result) = RunMesh(3);
        var target = (byte)(result.Channel == 20 ? 25 : 20);
        var rejoinsBefore = scenario.Nodes.Sum(n => n.Counters.Rejoins);

        Assert.AreEqual(ZdpStatus.Success, Run(scenario, () => scenario.ZdoNodes[0].ChangeChannelAsync(target)));
        // Every device moves after the same delay; sleepers get the broadcast from their parent at a poll before that,
        // so none has to look for its parent and rejoin.
        scenario.Scheduler.RunFor(TimeSpan.FromSeconds(30));
        Assert.AreEqual(rejoinsBefore, scenario.Nodes.Sum(n => n.Counters.Rejoins));
        for (var i = 0; i < Nodes; i++)
        {
            Assert.AreEqual(target, scenario.Nodes[i].Nib.LogicalChannel, $"node {i} stayed behind");
            Assert.AreEqual(target, scenario.Medium[i].Channel, $"node {i}'s radio");
            Assert.IsTrue(scenario.Nodes[i].IsJoined, $"node {i}");
        }

        // Each device reaches the coordinator on the new channel, acknowledged end to end.
        var heard = new HashSet<ushort>();
        scenario.ApsNodes[0].DataIndication += (in ApsdeDataIndication indication) =>
        {
            if (indication.ClusterId == NwkScenario.OnOffCluster)
            {
                heard.Add(indication.SrcAddress);
            }
        };
        for (var i = 1; i < Nodes; i++)
        {
            var aps = scenario.ApsNodes[i];
            var confirm = Run(scenario, () => aps.DataRequestAsync(ApsdeDataRequest.ToShort(0x0000, 1, NwkScenario.HomeAutomation, NwkScenario.OnOffCluster, 1, new byte[] { 1, 2, 3 }, ApsTxOptions.Acknowledged)));
            Assert.AreEqual(ApsStatus.Success, confirm.Status, $"node {i}");
        }

        Assert.HasCount(Nodes - 1, heard);
    }

    [TestMethod]
    public void MgmtLeaveRemovesARouterAndAnEndDeviceThroughItsParent()
    {
        var (scenario, _) = RunMesh(3);
        var coordinator = scenario.ZdoNodes[0];
        // A router with no children, so leaving takes nobody else with it.
        var router = Enumerable.Range(1, Nodes - 1).Last(i => scenario.IsRouter(i) && scenario.Nodes[i].ChildCount == 0);
        var device = Enumerable.Range(1, Nodes - 1).First(i => !scenario.IsRouter(i) && !scenario.IsSleepy(i));
        var routerAddress = scenario.Nodes[router].NetworkAddress;
        var deviceAddress = scenario.Nodes[device].NetworkAddress;
        var parent = Enumerable.Range(0, Nodes).Single(i => scenario.Nodes[i].NetworkAddress == scenario.Nodes[device].ParentAddress);

        Assert.AreEqual(ZdpStatus.Success, Run(scenario, () => coordinator.LeaveAsync(routerAddress, 0)));
        Assert.AreEqual(ZdpStatus.Success, Run(scenario, () => coordinator.LeaveAsync(scenario.Nodes[parent].NetworkAddress, scenario.Nodes[device].ExtendedAddress)));
        Assert.AreEqual(ZdpStatus.DeviceNotFound, Run(scenario, () => coordinator.LeaveAsync(scenario.Nodes[parent].NetworkAddress, scenario.Nodes[device].ExtendedAddress)), "no longer its child");
        scenario.Scheduler.RunFor(TimeSpan.FromSeconds(5));

        Assert.IsFalse(scenario.Nodes[router].IsJoined);
        Assert.IsFalse(scenario.Nodes[device].IsJoined);
        Assert.IsFalse(scenario.Nodes[parent].NeighborTable.FindExtended(scenario.Nodes[device].ExtendedAddress) is { IsChild: true }, "still the parent's child");
        for (var i = 0; i < Nodes; i++)
        {
            if (i != router && scenario.Nodes[i].NeighborTable.FindExtended(scenario.Nodes[router].ExtendedAddress) is { } stale)
            {
                Assert.Fail($"node {i} still lists the router that left as {stale.Relationship}");
            }
        }

        var crawl = Run(scenario, () => scenario.StartCrawl());
        Assert.IsNull(crawl.Map.Find(routerAddress));
        Assert.IsNull(crawl.Map.Find(deviceAddress));
        Assert.IsEmpty(crawl.Unreachable);
        CollectionAssert.AreEquivalent(scenario.TrueLinks().ToList(), LinkSet(crawl.Map).ToList());
    }

    [TestMethod]
    public void MalformedAndUnsupportedRequestsOverTheAirGetTheSpecsStatus()
    {
        var (scenario, _) = RunMesh(3);
        var aps = scenario.ApsNodes[0];
        var responses = new List<(ushort Source, ushort Cluster, byte[] Frame)>();
        aps.DataIndication += (in ApsdeDataIndication indication) =>
        {
            if (indication.DstEndpoint == 0 && (indication.ClusterId & 0x8000) != 0)
            {
                responses.Add((indication.SrcAddress, indication.ClusterId, indication.Asdu.ToArray()));
            }
        };
        var router = Enumerable.Range(1, Nodes - 1).First(scenario.IsRouter);
        var sleeper = Enumerable.Range(1, Nodes - 1).First(scenario.IsSleepy);
        var routerAddress = scenario.Nodes[router].NetworkAddress;
        var sleeperAddress = scenario.Nodes[sleeper].NetworkAddress;

        // A request cluster no ZDP defines, and one defined that these devices do not serve (Complex_Desc_req).
        Send(scenario, routerAddress, 0x0055, [0x41]);
        Send(scenario, sleeperAddress, 0x0010, [0x42, (byte)sleeperAddress, (byte)(sleeperAddress >> 8)]);
        // Node_Desc_req with one octet of its two-octet NWKAddrOfInterest.
        Send(scenario, routerAddress, (ushort)ZdpClusterId.NodeDescRequest, [0x43, 0x01]);
        scenario.Scheduler.RunFor(TimeSpan.FromSeconds(15));

        CollectionAssert.Contains(responses.Select(r => (r.Source, r.Cluster, Hex(r.Frame))).ToList(), (routerAddress, (ushort)0x8055, "4184"));
        CollectionAssert.Contains(responses.Select(r => (r.Source, r.Cluster, Hex(r.Frame))).ToList(), (sleeperAddress, (ushort)0x8010, "4284"));
        CollectionAssert.Contains(responses.Select(r => (r.Source, r.Cluster, Hex(r.Frame))).ToList(), (routerAddress, (ushort)0x8002, "4380"));
        Assert.HasCount(3, responses);

        // The same malformed request broadcast reaches every rx-on device, and none answers.
        var malformedBefore = scenario.ZdoNodes.Sum(z => z.Counters.MalformedRequests);
        Send(scenario, ZdpBroadcast.RxOnWhenIdle, (ushort)ZdpClusterId.NodeDescRequest, [0x44, 0x01]);
        Send(scenario, ZdpBroadcast.RxOnWhenIdle, 0x0055, [0x45]);
        scenario.Scheduler.RunFor(TimeSpan.FromSeconds(15));
        Assert.HasCount(3, responses);
        var rxOn = Enumerable.Range(1, Nodes - 1).Count(i => !scenario.IsSleepy(i));
        Assert.AreEqual(rxOn, scenario.ZdoNodes.Sum(z => z.Counters.MalformedRequests) - malformedBefore);

        // Whatever came, every device still answers.
        Assert.IsTrue(Run(scenario, () => scenario.ZdoNodes[0].NodeDescriptorAsync(routerAddress)).IsSuccess);
    }

    [TestMethod]
    public void EveryRequestClusterWithNoFieldsIsAnsweredInvalidRequestTypeOrNotSupported()
    {
        var (scenario, _) = RunMesh(3);
        var responses = new Dictionary<byte, (ushort Cluster, byte[] Frame)>();
        scenario.ApsNodes[0].DataIndication += (in ApsdeDataIndication indication) =>
        {
            if (indication.DstEndpoint == 0 && (indication.ClusterId & 0x8000) != 0 && indication.Asdu.Length > 0)
            {
                responses.Add(indication.Asdu.Span[0], (indication.ClusterId, indication.Asdu.ToArray()));
            }
        };
        var router = Enumerable.Range(1, Nodes - 1).First(scenario.IsRouter);
        var address = scenario.Nodes[router].NetworkAddress;
        var requests = Enum.GetValues<ZdpClusterId>().Where(c => (ushort)c < 0x8000 && c != ZdpClusterId.DeviceAnnce).ToList();

        byte sequence = 0x60;
        foreach (var cluster in requests)
        {
            Send(scenario, address, (ushort)cluster, [sequence++]);
        }

        scenario.Scheduler.RunFor(TimeSpan.FromSeconds(10));
        sequence = 0x60;
        foreach (var cluster in requests)
        {
            var status = cluster == ZdpClusterId.EndDeviceBindRequest ? ZdpStatus.NotSupported : ZdpStatus.InvRequestType;
            Assert.IsTrue(responses.TryGetValue(sequence, out var response), $"{cluster} unanswered");
            Assert.AreEqual((ushort)ZdpFrame.ResponseFor(cluster), response.Cluster, $"{cluster}");
            CollectionAssert.AreEqual(new[] { sequence++, (byte)status }, response.Frame, $"{cluster}");
        }

        Assert.HasCount(requests.Count, responses);
        Assert.IsTrue(scenario.Nodes[router].IsJoined, "no empty request made it leave");
        Assert.AreEqual(scenario.Nodes[0].Nib.LogicalChannel, scenario.Nodes[router].Nib.LogicalChannel);
    }

    [TestMethod]
    public void TheMapOfTheCrawlIsAnSvgDocumentWithEveryDeviceAndLink()
    {
        var (scenario, _) = RunMesh(3);
        var map = scenario.Crawl!.Map;

        var document = System.Xml.Linq.XDocument.Parse(NetworkMapSvg.Render(map));
        System.Xml.Linq.XNamespace svg = "http://www.w3.org/2000/svg";
        var root = document.Root!;
        Assert.AreEqual(svg + "svg", root.Name);
        Assert.IsGreaterThan(0.0, double.Parse(root.Attribute("width")!.Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.IsGreaterThan(0.0, double.Parse(root.Attribute("height")!.Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.HasCount(4, root.Attribute("viewBox")!.Value.Split(' '));

        var devices = root.Elements(svg + "g").Single(g => (string?)g.Attribute("id") == "devices");
        var links = root.Elements(svg + "g").Single(g => (string?)g.Attribute("id") == "links");
        var legend = root.Elements(svg + "g").Single(g => (string?)g.Attribute("id") == "legend");
        Assert.HasCount(Nodes, devices.Elements(svg + "circle"));
        Assert.HasCount(map.LinkCount, links.Elements(svg + "line"));
        Assert.IsTrue(legend.Elements(svg + "text").Any(t => t.Value == "Sleeping end device"));
        foreach (var node in map.Nodes)
        {
            Assert.IsTrue(devices.Elements(svg + "text").Any(t => t.Value == $"0x{node.NetworkAddress:X4}"), $"0x{node.NetworkAddress:X4}");
        }
    }

    internal static (NwkScenario Scenario, NwkScenarioResult Result) RunMesh(int seed)
    {
        var scenario = new NwkScenario(Mesh(seed));
        return (scenario, scenario.Run());
    }

    internal static HashSet<(ushort, ushort)> LinkSet(NetworkMap map) => map.Links.Select(l => (l.First, l.Second)).ToHashSet();

    private static T Run<T>(NwkScenario scenario, Func<Task<T>> operation) =>
        scenario.Scheduler.Run(operation, Limit).GetAwaiter().GetResult();

    private static ApsdeDataConfirm Toggle(NwkScenario scenario, int node) =>
        Run(scenario, () => scenario.ApsNodes[node].DataRequestAsync(
            ApsdeDataRequest.ToBindings(NwkScenario.HomeAutomation, NwkScenario.OnOffCluster, 1, new byte[] { 0x01, 0x00, 0x02 }, ApsTxOptions.Acknowledged)));

    /// <summary>A raw ZDP frame from the coordinator's APS to endpoint 0 of <paramref name="destination"/>.</summary>
    private static void Send(NwkScenario scenario, ushort destination, ushort cluster, byte[] frame)
    {
        var options = ZdpBroadcast.IsBroadcast(destination) ? ApsTxOptions.None : ApsTxOptions.Acknowledged;
        Run(scenario, () => scenario.ApsNodes[0].DataRequestAsync(ApsdeDataRequest.ToShort(destination, 0, 0x0000, cluster, 0, frame, options)));
    }

    private static List<ushort> AddressesWhere(NwkScenario scenario, Func<int, bool> predicate) =>
        Enumerable.Range(1, Nodes - 1).Where(predicate).Select(i => scenario.Nodes[i].NetworkAddress).ToList();

    private static void AssertSameEndpoint(ZdoEndpoint expected, ZdoEndpoint actual, string message)
    {
        Assert.AreEqual(expected.Endpoint, actual.Endpoint, message);
        Assert.AreEqual(expected.ProfileId, actual.ProfileId, message);
        Assert.AreEqual(expected.DeviceId, actual.DeviceId, message);
        Assert.AreEqual(expected.DeviceVersion, actual.DeviceVersion, message);
        CollectionAssert.AreEqual(expected.InputClusters.ToList(), actual.InputClusters.ToList(), message);
        CollectionAssert.AreEqual(expected.OutputClusters.ToList(), actual.OutputClusters.ToList(), message);
    }

    private static string Hex(byte[] bytes) => Convert.ToHexString(bytes);
}
