using ZigBee.Aps.Service;
using ZigBee.Zdo.Frames;
using ZigBee.Zdo.Service;
using static ZigBee.Tests.Zdo.ZdoTestBed;

namespace ZigBee.Tests.Zdo;

/// <summary>The client side of <see cref="ZdoService"/>: matching by sequence number, timeouts and cancellation in virtual time, broadcast collection, paging.</summary>
[TestClass]
public sealed class ZdoClientTests
{
    private const ushort Remote = 0x5555;

    private static readonly ZdoServiceOptions Quick = new() { ResponseTimeout = TimeSpan.FromSeconds(3), BroadcastResponseWindow = TimeSpan.FromSeconds(2) };

    private static byte[] NodeDescFrom(ushort address, byte sequence) =>
        Frame(new NodeDescResponse(ZdpStatus.Success, address, Descriptor(ZdpLogicalType.EndDevice)), sequence);

    [TestMethod]
    public void AResponseIsTakenOnlyWithTheRequestsSequenceNumberAndCluster()
    {
        var bed = new ZdoTestBed(options: Quick);
        var task = bed.Start(() => bed.Zdo.NodeDescriptorAsync(Remote));
        var request = bed.Aps.Sent.Single();
        Assert.AreEqual(ZdpClusterId.NodeDescRequest, request.Cluster);
        Assert.AreEqual(Remote, request.Destination);
        CollectionAssert.AreEqual(new byte[] { 0x55, 0x55 }, request.Fields.ToArray());
        var sequence = request.Sequence;

        Reply(bed, ZdpClusterId.NodeDescResponse, NodeDescFrom(Remote, unchecked((byte)(sequence + 1))));
        Reply(bed, ZdpClusterId.PowerDescResponse, Frame(new PowerDescResponse(ZdpStatus.Success, Remote, Power(ZdpLogicalType.Router)), sequence));
        Assert.IsFalse(task.IsCompleted);
        Assert.AreEqual(2, bed.Zdo.Counters.ResponsesUnmatched);

        Reply(bed, ZdpClusterId.NodeDescResponse, NodeDescFrom(Remote, sequence));
        var result = bed.Finish(task);
        Assert.AreEqual(ZdpStatus.Success, result.Status);
        Assert.AreEqual(Remote, result.Source);
        Assert.AreEqual(Descriptor(ZdpLogicalType.EndDevice), result.Value);
        Assert.AreEqual(1, bed.Zdo.Counters.ResponsesMatched);

        Reply(bed, ZdpClusterId.NodeDescResponse, NodeDescFrom(Remote, sequence));
        Assert.AreEqual(3, bed.Zdo.Counters.ResponsesUnmatched, "a duplicate finds nobody waiting");
    }

    [TestMethod]
    public void EachRequestTakesTheNextSequenceNumber()
    {
        var bed = new ZdoTestBed(options: Quick);
        bed.Start(() => bed.Zdo.NodeDescriptorAsync(Remote));
        bed.Start(() => bed.Zdo.NodeDescriptorAsync(Remote));
        bed.Start(() => bed.Zdo.ActiveEndpointsAsync(Remote));

        var sequences = bed.Aps.Sent.Select(f => f.Sequence).ToArray();
        Assert.AreEqual(unchecked((byte)(sequences[0] + 1)), sequences[1]);
        Assert.AreEqual(unchecked((byte)(sequences[0] + 2)), sequences[2]);
    }

    [TestMethod]
    public void NoResponseIsATimeoutAfterTheResponseTimeoutOfVirtualTime()
    {
        var bed = new ZdoTestBed(options: Quick);
        var task = bed.Start(() => bed.Zdo.ActiveEndpointsAsync(Remote));

        bed.Scheduler.RunFor(Quick.ResponseTimeout - TimeSpan.FromMilliseconds(1));
        Assert.IsFalse(task.IsCompleted);
        bed.Scheduler.RunFor(TimeSpan.FromMilliseconds(1));
        Assert.IsTrue(task.IsCompleted);

        var result = task.GetAwaiter().GetResult();
        Assert.AreEqual(ZdpStatus.Timeout, result.Status);
        Assert.IsFalse(result.IsSuccess);
        Assert.IsNull(result.Value);
        Assert.AreEqual(1, bed.Zdo.Counters.RequestTimeouts);

        Reply(bed, ZdpClusterId.ActiveEpResponse, Frame(new ActiveEpResponse { Status = ZdpStatus.Success, NwkAddrOfInterest = Remote }, bed.Aps.Sent[0].Sequence));
        Assert.AreEqual(1, bed.Zdo.Counters.ResponsesUnmatched, "too late");
    }

    [TestMethod]
    public void ARequestThatCouldNotBeSentFailsAtOnce()
    {
        var bed = new ZdoTestBed(options: Quick);
        bed.Aps.ConfirmStatus = ApsStatus.NoAck;
        var task = bed.Start(() => bed.Zdo.PowerDescriptorAsync(Remote));

        Assert.IsTrue(task.IsCompleted, "no waiting for a response that cannot come");
        Assert.AreEqual(ZdpStatus.Timeout, task.GetAwaiter().GetResult().Status);
        Assert.AreEqual(1, bed.Zdo.Counters.SendFailures);
        Assert.AreEqual(1, bed.Zdo.Counters.RequestTimeouts);
    }

    [TestMethod]
    public async Task CancellationEndsTheWaitWithOperationCanceled()
    {
        var bed = new ZdoTestBed(options: Quick);
        using var cancellation = new CancellationTokenSource();
        var task = bed.Start(() => bed.Zdo.NodeDescriptorAsync(Remote, cancellation.Token));
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(1));
        cancellation.Cancel();
        bed.Scheduler.RunUntilComplete(task, TimeSpan.FromMilliseconds(1));

        Assert.IsTrue(task.IsCanceled);
        await Assert.ThrowsAsync<OperationCanceledException>(() => task);
        Reply(bed, ZdpClusterId.NodeDescResponse, NodeDescFrom(Remote, bed.Aps.Sent[0].Sequence));
        Assert.AreEqual(1, bed.Zdo.Counters.ResponsesUnmatched, "nobody waits any more");
        Assert.AreEqual(0, bed.Zdo.Counters.RequestTimeouts);
    }

    [TestMethod]
    public async Task DisposeCancelsTheRequestsStillWaiting()
    {
        var bed = new ZdoTestBed(options: Quick);
        var task = bed.Start(() => bed.Zdo.NodeDescriptorAsync(Remote));
        bed.Zdo.Dispose();
        bed.Scheduler.RunUntilComplete(task, TimeSpan.FromMilliseconds(1));

        Assert.IsTrue(task.IsCanceled);
        await Assert.ThrowsExactlyAsync<ObjectDisposedException>(() => bed.Zdo.NodeDescriptorAsync(Remote));
    }

    [TestMethod]
    public void AFailureStatusComesBackWithoutAValue()
    {
        var bed = new ZdoTestBed(options: Quick);
        var task = bed.Start(() => bed.Zdo.SimpleDescriptorAsync(Remote, 9));
        Reply(bed, ZdpClusterId.SimpleDescResponse, Frame(new SimpleDescResponse { Status = ZdpStatus.NotActive, NwkAddrOfInterest = Remote }, bed.Aps.Sent[0].Sequence));
        var result = bed.Finish(task);

        Assert.AreEqual(ZdpStatus.NotActive, result.Status);
        Assert.IsNull(result.Value);

        // A status-only answer (the server's NOT_SUPPORTED or INV_REQUESTTYPE) decodes as its status.
        var lqi = bed.Start(() => bed.Zdo.NeighborTableAsync(Remote));
        Reply(bed, ZdpClusterId.MgmtLqiResponse, [bed.Aps.Sent[1].Sequence, (byte)ZdpStatus.NotSupported]);
        Assert.AreEqual(ZdpStatus.NotSupported, bed.Finish(lqi).Status);
    }

    [TestMethod]
    public void ABroadcastMatchDescCollectsEveryAnswerInTheWindow()
    {
        var bed = new ZdoTestBed(options: Quick);
        var lamp = bed.Add(0x1111, 0x00124B0000001111);
        var sensor = bed.Add(0x2222, 0x00124B0000002222);
        var remote = bed.Add(0x3333, 0x00124B0000003333);
        lamp.Zdo.RegisterEndpoint(new ZdoEndpoint(1, 0x0104, 0x0100, 1, [0x0006], []));
        lamp.Zdo.RegisterEndpoint(new ZdoEndpoint(2, 0x0104, 0x0100, 1, [0x0006, 0x0008], []));
        sensor.Zdo.RegisterEndpoint(new ZdoEndpoint(3, 0x0104, 0x0302, 1, [0x0402], [0x0006]));
        remote.Zdo.RegisterEndpoint(new ZdoEndpoint(1, 0x0104, 0x0820, 1, [0x0006], []));
        remote.Zdo.RegisterEndpoint(new ZdoEndpoint(4, 0x0104, 0x0820, 1, [0x0000], []));

        var start = bed.Scheduler.Now;
        var matches = bed.Run(() => bed.Zdo.MatchDescriptorAsync(0x0104, [0x0006], []));

        Assert.AreEqual(start + Quick.BroadcastResponseWindow, bed.Scheduler.Now, "the window stays open its whole length");
        Assert.HasCount(2, matches);
        var byAddress = matches.ToDictionary(m => m.NetworkAddress, m => m.Endpoints.ToArray());
        CollectionAssert.AreEqual(new byte[] { 1, 2 }, byAddress[0x1111]);
        CollectionAssert.AreEqual(new byte[] { 1 }, byAddress[0x3333]);
        Assert.IsFalse(sensor.Aps.Sent.Any(f => f.IsResponse), "no match, no answer to a broadcast");
        Assert.AreEqual(2, bed.Zdo.Counters.ResponsesMatched);
    }

    [TestMethod]
    public void SystemServerDiscoveryFindsTheServersWhoseMaskIntersects()
    {
        var bed = new ZdoTestBed(options: Quick);
        var coordinator = bed.Add(0x0000, 0x00124B0000000001, ZdpLogicalType.Coordinator);
        coordinator.Node.NodeDescriptor = Descriptor(ZdpLogicalType.Coordinator, networkManager: true);
        bed.Add(0x2222, 0x00124B0000002222);

        var trustCenters = bed.Run(() => bed.Zdo.SystemServerDiscoveryAsync(ZdpServerMask.Create(primaryTrustCenter: true, stackComplianceRevision: 0)));
        var caches = bed.Run(() => bed.Zdo.SystemServerDiscoveryAsync(new ZdpServerMask(0x0004)));

        Assert.HasCount(1, trustCenters);
        Assert.AreEqual((ushort)0x0000, trustCenters[0].NetworkAddress);
        Assert.IsTrue(trustCenters[0].ServerMask.PrimaryTrustCenter);
        Assert.IsEmpty(caches);
    }

    [TestMethod]
    public void WholeTableAsyncReassemblesEveryPage()
    {
        var bed = new ZdoTestBed(options: Quick);
        var router = bed.Add(0x4444, 0x00124B0000004444).Node;
        for (var i = 0; i < 11; i++)
        {
            router.Neighbors.Add(new ZdpNeighborTableEntry(7, 0x00124B0000009000 + (ulong)i, (ushort)(0x9000 + i), ZdpNeighborDeviceType.Router, ZdpRxOnWhenIdle.On,
                ZdpNeighborRelationship.Sibling, ZdpPermitJoining.NotAccepting, 1, (byte)(10 * i)));
        }

        for (var i = 0; i < 40; i++)
        {
            router.Routes.Add(new ZdpRoutingTableEntry((ushort)(0x8000 + i), (ZdpRouteStatus)(i % 4), false, false, i % 2 == 0, 0x9000));
        }

        router.BindingCapacity = 50;
        for (var i = 0; i < 13; i++)
        {
            router.Bindings.Add(i % 2 == 0 ? ZdpBinding.ToGroup(0x00124B0000004444, 1, (ushort)i, 0x0010) : ZdpBinding.ToDevice(0x00124B0000004444, 1, (ushort)i, 0x00124B0000001111, 1));
        }

        var neighbors = bed.Run(() => bed.Zdo.WholeTableAsync(bed.Zdo.NeighborTableAsync, 0x4444));
        var lqiRequests = bed.Aps.Sent.Count;
        var routes = bed.Run(() => bed.Zdo.WholeTableAsync(bed.Zdo.RoutingTableAsync, 0x4444));
        var bindings = bed.Run(() => bed.Zdo.WholeTableAsync(bed.Zdo.BindingTableAsync, 0x4444));

        Assert.AreEqual(ZdpStatus.Success, neighbors.Status);
        CollectionAssert.AreEqual(router.Neighbors, neighbors.Value!.ToList());
        Assert.AreEqual(6, lqiRequests, "two neighbors a page");
        Assert.AreEqual(ZdpStatus.Success, routes.Status);
        CollectionAssert.AreEqual(router.Routes, routes.Value!.ToList());
        Assert.AreEqual(ZdpStatus.Success, bindings.Status);
        CollectionAssert.AreEqual(router.Bindings, bindings.Value!.ToList());
    }

    [TestMethod]
    public void WholeTableAsyncReturnsWhatItGatheredWhenAPageFails()
    {
        var bed = new ZdoTestBed(options: Quick);
        var router = bed.Add(0x4444, 0x00124B0000004444);
        for (var i = 0; i < 20; i++)
        {
            router.Node.Routes.Add(new ZdpRoutingTableEntry((ushort)i, ZdpRouteStatus.Active, false, false, false, 1));
        }

        // The router goes away once it has answered the first page (request and response take 20 ms each).
        var task = bed.Start(() => bed.Zdo.WholeTableAsync(bed.Zdo.RoutingTableAsync, 0x4444));
        bed.Scheduler.RunFor(TimeSpan.FromMilliseconds(30));
        router.Aps.NetworkAddress = 0x4445;
        var result = bed.Finish(task);

        Assert.AreEqual(ZdpStatus.Timeout, result.Status);
        CollectionAssert.AreEqual(router.Node.Routes.Take(11).ToList(), result.Value!.ToList(), "the first page: (64 - 5) / 5 routes");
    }

    [TestMethod]
    public void TheClientMethodsTalkToARealServer()
    {
        var bed = new ZdoTestBed(options: Quick);
        var peer = bed.Add(0x4444, 0x00124B0000004444);
        peer.Node.EndDeviceChildren.Add((0x4501, 0x00124B0000004501));
        peer.Zdo.RegisterEndpoint(new ZdoEndpoint(5, 0x0104, 0x0100, 1, [0x0000, 0x0006], [0x000A]));

        var byIeee = bed.Run(() => bed.Zdo.NetworkAddressAsync(0x00124B0000004501));
        Assert.AreEqual(ZdpStatus.Success, byIeee.Status);
        Assert.AreEqual((ushort)0x4444, byIeee.Source, "the parent answered");
        Assert.AreEqual((ushort)0x4501, byIeee.Value!.NetworkAddress);

        var extended = bed.Run(() => bed.Zdo.IeeeAddressAsync(0x4444, extended: true));
        Assert.AreEqual(0x00124B0000004444UL, extended.Value!.IeeeAddress);
        CollectionAssert.AreEqual(new ushort[] { 0x4501 }, extended.Value.Children.ToArray());

        Assert.AreEqual(peer.Node.NodeDescriptor, bed.Run(() => bed.Zdo.NodeDescriptorAsync(0x4444)).Value);
        Assert.AreEqual(peer.Node.PowerDescriptor, bed.Run(() => bed.Zdo.PowerDescriptorAsync(0x4444)).Value);
        CollectionAssert.AreEqual(new byte[] { 5 }, bed.Run(() => bed.Zdo.ActiveEndpointsAsync(0x4444)).Value!.ToArray());
        var simple = bed.Run(() => bed.Zdo.SimpleDescriptorAsync(0x4444, 5)).Value!;
        Assert.AreEqual(((ushort)0x0104, (ushort)0x0100), (simple.ProfileId, simple.DeviceId));
        CollectionAssert.AreEqual(new ushort[] { 0x0000, 0x0006 }, simple.InputClusters.ToArray());
        CollectionAssert.AreEqual(new ushort[] { 0x000A }, simple.OutputClusters.ToArray());

        var binding = ZdpBinding.ToDevice(0x00124B0000004444, 5, 0x0006, MyIeee, 1);
        Assert.AreEqual(ZdpStatus.Success, bed.Run(() => bed.Zdo.BindAsync(0x4444, binding)));
        CollectionAssert.AreEqual(new[] { binding }, peer.Node.Bindings);
        Assert.AreEqual(ZdpStatus.Success, bed.Run(() => bed.Zdo.UnbindAsync(0x4444, binding)));
        Assert.AreEqual(ZdpStatus.NoEntry, bed.Run(() => bed.Zdo.UnbindAsync(0x4444, binding)));

        var scan = bed.Run(() => bed.Zdo.EnergyScanAsync(0x4444, (1u << 11) | (1u << 12), 2));
        CollectionAssert.AreEqual(new[] { Fakes.FakeZdoNode.EnergyOf(11), Fakes.FakeZdoNode.EnergyOf(12) }, scan.Value!.Energies);
        Assert.AreEqual(ZdpStatus.Success, bed.Run(() => bed.Zdo.LeaveAsync(0x4444, 0x00124B0000004501)));
    }

    [TestMethod]
    public void APermitJoiningBroadcastOpensEveryRouterAndThisNode()
    {
        var bed = new ZdoTestBed(options: Quick);
        var one = bed.Add(0x1111, 0x00124B0000001111);
        var two = bed.Add(0x2222, 0x00124B0000002222);

        Assert.AreEqual(ZdpStatus.Success, bed.Run(() => bed.Zdo.PermitJoiningAsync(ZdpBroadcast.RoutersAndCoordinator, 90)));
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(1));

        foreach (var node in new[] { bed.Node, one.Node, two.Node })
        {
            Assert.AreEqual((byte)90, node.PermitJoinings.Single().Duration);
        }

        Assert.IsEmpty(one.Aps.Sent, "nobody answers a broadcast permit joining");
        Assert.AreEqual(ZdpStatus.Success, bed.Run(() => bed.Zdo.PermitJoiningAsync(0x1111, 0)));
        Assert.HasCount(2, one.Node.PermitJoinings);
        Assert.HasCount(1, bed.Node.PermitJoinings, "a unicast opens only its target");
    }

    [TestMethod]
    public void AChannelChangeMovesEveryNodeTogetherAfterTheDelay()
    {
        var options = Quick with { ChannelChangeDelay = TimeSpan.FromSeconds(9) };
        var bed = new ZdoTestBed(options: options);
        bed.Node.NwkUpdateId = 4;
        var one = bed.Add(0x1111, 0x00124B0000001111, options: options);
        var two = bed.Add(0x2222, 0x00124B0000002222, options: options);

        var start = bed.Scheduler.Now;
        Assert.AreEqual(ZdpStatus.Success, bed.Run(() => bed.Zdo.ChangeChannelAsync(25)));
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(1));

        var sent = bed.Aps.Sent.Single();
        Assert.AreEqual(ZdpBroadcast.AllDevices, sent.Destination);
        Assert.AreEqual(ZdpClusterId.MgmtNwkUpdateRequest, sent.Cluster);
        foreach (var node in new[] { bed.Node, one.Node, two.Node })
        {
            var change = node.ChannelChanges.Single();
            Assert.AreEqual((byte)25, change.Channel);
            Assert.AreEqual((byte)5, change.NwkUpdateId, "nwkUpdateId + 1");
            Assert.IsGreaterThanOrEqualTo(start + options.ChannelChangeDelay, change.At);
            Assert.IsLessThanOrEqualTo(start + options.ChannelChangeDelay + bed.Network.Latency, change.At);
        }
    }

    private static void Reply(ZdoTestBed bed, ZdpClusterId cluster, byte[] asdu)
    {
        bed.Scheduler.Post(() => bed.Aps.Deliver(Remote, Me, cluster, asdu));
        bed.Scheduler.RunUntil(bed.Scheduler.Now);
    }
}
