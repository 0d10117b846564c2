using System.Buffers.Binary;
using ZigBee.Mac.Frames;
using ZigBee.Zdo.Frames;
using ZigBee.Zdo.Service;
using static ZigBee.Tests.Zdo.ZdoTestBed;

namespace ZigBee.Tests.Zdo;

/// <summary>Mutated ZDP frames against the server and the client: nothing throws, no request is answered twice.</summary>
[TestClass]
public sealed class ZdoHostileTests
{
    private const ulong ChildIeee = 0x00124B00DEAD0001;

    [TestMethod]
    public void MutatedRequestsNeverThrowAndAreAnsweredAtMostOnce()
    {
        var bed = Populated();
        var random = new Random(17);
        var unicast = 0;
        var answeredUnicast = 0;
        var (answered, silent) = HostileInput.Run(RequestCorpus(), seed: 2026, iterations: 100_000, boundary: 0x80, input =>
        {
            // Two octets of cluster (mutated like the rest), then the ZDP payload.
            var cluster = input.Length >= 2 ? (ZdpClusterId)BinaryPrimitives.ReadUInt16LittleEndian(input) : ZdpClusterId.NodeDescRequest;
            var asdu = input.Length >= 2 ? input[2..].ToArray() : input.ToArray();
            var broadcast = random.Next(4) == 0;
            var malformed = bed.Zdo.Counters.MalformedRequests;
            var notSupported = bed.Zdo.Counters.RequestsNotSupported;
            var response = bed.Deliver(cluster, asdu, broadcast: broadcast);
            if (broadcast && (bed.Zdo.Counters.MalformedRequests != malformed || bed.Zdo.Counters.RequestsNotSupported != notSupported))
            {
                Assert.IsNull(response, "neither a malformed nor an unserved broadcast request is answered");
            }

            unicast += broadcast ? 0 : 1;
            if (response is not { } frame)
            {
                return false;
            }

            answeredUnicast += broadcast ? 0 : 1;
            Assert.IsFalse(ZdpFrame.IsResponse(cluster), "a response is never answered");
            Assert.AreNotEqual(ZdpClusterId.DeviceAnnce, cluster);
            Assert.AreEqual(ZdpFrame.ResponseFor(cluster), frame.Cluster);
            Assert.AreEqual(asdu[0], frame.Sequence, "the request's sequence number");
            Assert.AreEqual(Requester, frame.Destination);
            return true;
        });

        // Channel changes and energy scans that were asked for run to the end without trouble.
        bed.Scheduler.RunFor(TimeSpan.FromMinutes(1));
        Assert.IsGreaterThan(unicast / 2, answeredUnicast, "most unicast requests, mutated or not, get an answer");
        Assert.IsGreaterThan(10_000, (int)bed.Zdo.Counters.MalformedRequests);
        Assert.IsGreaterThan(10_000, (int)bed.Zdo.Counters.RequestsServed);
    }

    [TestMethod]
    public void MutatedResponsesToEveryClientCallNeverThrow()
    {
        var bed = new ZdoTestBed(options: new ZdoServiceOptions { ResponseTimeout = TimeSpan.FromSeconds(1) });
        var calls = ClientCalls();
        var statuses = new Dictionary<ZdpStatus, int>();
        var (decoded, refused) = HostileInput.Run(calls.Select(c => c.Response).ToList(), seed: 99, iterations: 20_000, boundary: 0x7F, input =>
        {
            // The first octet picks the call; the rest is its response, sequence number first.
            var call = calls[input.Length > 0 ? input[0] % calls.Count : 0];
            var task = bed.Start(() => call.Run(bed.Zdo));
            var asdu = input.Length > 1 ? input[1..].ToArray() : [];
            if (asdu.Length > 0)
            {
                asdu[0] = bed.Aps.Sent[^1].Sequence;
            }

            bed.Scheduler.Post(() => bed.Aps.Deliver(0x5555, Me, call.Cluster, asdu));
            var status = bed.Finish(task);
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            return status == ZdpStatus.Success;
        });

        Assert.IsGreaterThan(1_000, decoded);
        Assert.IsGreaterThan(1_000, refused);
        Assert.IsGreaterThan(2, statuses.Count, "the mutated responses reached the caller with many different statuses");
        Assert.AreEqual(0, bed.Zdo.Counters.ResponsesUnmatched, "every response carried the pending sequence number or was empty");
    }

    private static ZdoTestBed Populated()
    {
        var bed = new ZdoTestBed();
        bed.Zdo.RegisterEndpoint(new ZdoEndpoint(1, 0x0104, 0x0100, 1, [0x0000, 0x0006, 0x0008], [0x0019]));
        bed.Zdo.RegisterEndpoint(new ZdoEndpoint(0xF0, 0xA1E0, 0x0061, 0, [0x0021], [0x0021]));
        for (var i = 0; i < 40; i++)
        {
            bed.Node.EndDeviceChildren.Add(((ushort)(0x7000 + i), ChildIeee + (ulong)i));
            bed.Node.Neighbors.Add(new ZdpNeighborTableEntry(1, ChildIeee + (ulong)i, (ushort)(0x7000 + i), ZdpNeighborDeviceType.EndDevice, ZdpRxOnWhenIdle.Off,
                ZdpNeighborRelationship.Child, ZdpPermitJoining.Unknown, 2, 180));
            bed.Node.Routes.Add(new ZdpRoutingTableEntry((ushort)(0x6000 + i), ZdpRouteStatus.Active, false, false, false, 0x0001));
        }

        for (var i = 0; i < 230; i++)
        {
            bed.Node.RouterChildren.Add((ushort)(0x5000 + i));
        }

        bed.Node.BindingCapacity = 12;
        for (var i = 0; i < 6; i++)
        {
            bed.Node.Bindings.Add(ZdpBinding.ToDevice(MyIeee, 1, (ushort)i, ChildIeee, 1));
        }

        return bed;
    }

    /// <summary>Every request cluster with valid fields (and a few a router does not serve), each led by its cluster.</summary>
    private static List<byte[]> RequestCorpus()
    {
        var capability = CapabilityInformation.Create(false, false, false);
        byte[][] frames =
        [
            Led(ZdpClusterId.NwkAddrRequest, Frame(new NwkAddrRequest(MyIeee, ZdpAddressRequestType.Extended, 0), 1)),
            Led(ZdpClusterId.NwkAddrRequest, Frame(new NwkAddrRequest(ChildIeee, ZdpAddressRequestType.Single, 0), 2)),
            Led(ZdpClusterId.IeeeAddrRequest, Frame(new IeeeAddrRequest(Me, ZdpAddressRequestType.Extended, 250), 3)),
            Led(ZdpClusterId.NodeDescRequest, Frame(new NodeDescRequest(Me), 4)),
            Led(ZdpClusterId.PowerDescRequest, Frame(new PowerDescRequest(0x7001), 5)),
            Led(ZdpClusterId.SimpleDescRequest, Frame(new SimpleDescRequest(Me, 1), 6)),
            Led(ZdpClusterId.ActiveEpRequest, Frame(new ActiveEpRequest(Me), 7)),
            Led(ZdpClusterId.MatchDescRequest, Frame(new MatchDescRequest { NwkAddrOfInterest = 0xFFFD, ProfileId = 0x0104, InputClusters = new ushort[] { 6, 8 }, OutputClusters = new ushort[] { 0x19 } }, 8)),
            Led(ZdpClusterId.DeviceAnnce, Frame(new DeviceAnnce(0x7001, ChildIeee, capability), 9)),
            Led(ZdpClusterId.ParentAnnce, Frame(new ParentAnnce { Children = new ulong[] { ChildIeee, ChildIeee + 1, 0x1234 } }, 10)),
            Led(ZdpClusterId.SystemServerDiscoveryRequest, Frame(new SystemServerDiscoveryRequest(new ZdpServerMask(0x7F)), 11)),
            Led(ZdpClusterId.BindRequest, Frame(new BindRequest(ZdpBinding.ToDevice(MyIeee, 1, 6, ChildIeee, 1)), 12)),
            Led(ZdpClusterId.UnbindRequest, Frame(new UnbindRequest(ZdpBinding.ToGroup(MyIeee, 1, 6, 0x0101)), 13)),
            Led(ZdpClusterId.MgmtLqiRequest, Frame(new MgmtLqiRequest(2), 14)),
            Led(ZdpClusterId.MgmtRtgRequest, Frame(new MgmtRtgRequest(36), 15)),
            Led(ZdpClusterId.MgmtBindRequest, Frame(new MgmtBindRequest(1), 16)),
            Led(ZdpClusterId.MgmtLeaveRequest, Frame(new MgmtLeaveRequest(ChildIeee, false, true), 17)),
            Led(ZdpClusterId.MgmtPermitJoiningRequest, Frame(new MgmtPermitJoiningRequest(60), 18)),
            Led(ZdpClusterId.MgmtNwkUpdateRequest, Frame(MgmtNwkUpdateRequest.EnergyScan(0x07FFF800, 2, 2), 19)),
            Led(ZdpClusterId.MgmtNwkUpdateRequest, Frame(MgmtNwkUpdateRequest.ChannelChange(1u << 20, 3), 20)),
            Led(ZdpClusterId.MgmtNwkUpdateRequest, Frame(MgmtNwkUpdateRequest.ChangeParameters(0x07FFF800, 4, 0x0000), 21)),
            Led(ZdpClusterId.MgmtNwkEnhancedUpdateRequest, Frame(new MgmtNwkEnhancedUpdateRequest { ScanChannels = new uint[] { 0x07FFF800 }, ScanDuration = 1, ScanCount = 1 }, 22)),
            Led((ZdpClusterId)0x0010, [23, 0x2B, 0x1A]),
            Led(ZdpClusterId.NodeDescResponse, Frame(new NodeDescResponse(ZdpStatus.Success, 0x7001, Descriptor(ZdpLogicalType.EndDevice)), 24)),
        ];
        return [.. frames];
    }

    private static byte[] Led(ZdpClusterId cluster, byte[] asdu) => [(byte)cluster, (byte)((ushort)cluster >> 8), .. asdu];

    private sealed record ClientCall(ZdpClusterId Cluster, Func<ZdoService, Task<ZdpStatus>> Run, byte[] Response);

    /// <summary>Each client call with a valid response (led by the call's index, for the mutation to change).</summary>
    private static List<ClientCall> ClientCalls()
    {
        var entry = new ZdpNeighborTableEntry(1, ChildIeee, 0x7001, ZdpNeighborDeviceType.EndDevice, ZdpRxOnWhenIdle.Off, ZdpNeighborRelationship.Child, ZdpPermitJoining.Unknown, 1, 90);
        var route = new ZdpRoutingTableEntry(0x7001, ZdpRouteStatus.Active, false, false, false, 0x7001);
        var binding = ZdpBinding.ToDevice(ChildIeee, 1, 6, MyIeee, 1);
        var simple = new SimpleDescriptor { Endpoint = 1, ProfileId = 0x0104, DeviceId = 0x0100, DeviceVersion = 1, InputClusters = new ushort[] { 0, 6 }, OutputClusters = new ushort[] { 0x19 } };
        (ZdpClusterId, Func<ZdoService, Task<ZdpStatus>>, byte[])[] calls =
        [
            (ZdpClusterId.NwkAddrResponse, async z => (await z.NetworkAddressAsync(ChildIeee, extended: true)).Status,
                Frame(new NwkAddrResponse { IeeeAddress = ChildIeee, NwkAddress = 0x5555, IsExtended = true, AssociatedDevices = new ushort[] { 1, 2 } }, 0)),
            (ZdpClusterId.IeeeAddrResponse, async z => (await z.IeeeAddressAsync(0x5555)).Status, Frame(new IeeeAddrResponse { IeeeAddress = ChildIeee, NwkAddress = 0x5555 }, 0)),
            (ZdpClusterId.NodeDescResponse, async z => (await z.NodeDescriptorAsync(0x5555)).Status, Frame(new NodeDescResponse(ZdpStatus.Success, 0x5555, Descriptor(ZdpLogicalType.Router)), 0)),
            (ZdpClusterId.PowerDescResponse, async z => (await z.PowerDescriptorAsync(0x5555)).Status, Frame(new PowerDescResponse(ZdpStatus.Success, 0x5555, Power(ZdpLogicalType.Router)), 0)),
            (ZdpClusterId.ActiveEpResponse, async z => (await z.ActiveEndpointsAsync(0x5555)).Status,
                Frame(new ActiveEpResponse { NwkAddrOfInterest = 0x5555, ActiveEndpoints = new byte[] { 1, 2, 3 } }, 0)),
            (ZdpClusterId.SimpleDescResponse, async z => (await z.SimpleDescriptorAsync(0x5555, 1)).Status,
                Frame(new SimpleDescResponse { NwkAddrOfInterest = 0x5555, Descriptor = simple }, 0)),
            (ZdpClusterId.MatchDescResponse, async z => (await z.MatchDescriptorAsync(0x0104, [6], [], destination: 0x5555)).Count > 0 ? ZdpStatus.Success : ZdpStatus.NoMatch,
                Frame(new MatchDescResponse { NwkAddrOfInterest = 0x5555, MatchList = new byte[] { 1 } }, 0)),
            (ZdpClusterId.BindResponse, z => z.BindAsync(0x5555, binding), Frame(new BindResponse(ZdpStatus.Success), 0)),
            (ZdpClusterId.UnbindResponse, z => z.UnbindAsync(0x5555, binding), Frame(new UnbindResponse(ZdpStatus.Success), 0)),
            (ZdpClusterId.MgmtLqiResponse, async z => (await z.NeighborTableAsync(0x5555)).Status,
                Frame(new MgmtLqiResponse { NeighborTableEntries = 3, StartIndex = 0, Neighbors = new[] { entry, entry } }, 0)),
            (ZdpClusterId.MgmtRtgResponse, async z => (await z.RoutingTableAsync(0x5555)).Status,
                Frame(new MgmtRtgResponse { RoutingTableEntries = 1, Routes = new[] { route } }, 0)),
            (ZdpClusterId.MgmtBindResponse, async z => (await z.BindingTableAsync(0x5555, 1)).Status,
                Frame(new MgmtBindResponse { BindingTableEntries = 2, StartIndex = 1, Bindings = new[] { binding } }, 0)),
            (ZdpClusterId.MgmtLeaveResponse, z => z.LeaveAsync(0x5555, 0), Frame(new MgmtLeaveResponse(ZdpStatus.Success), 0)),
            (ZdpClusterId.MgmtPermitJoiningResponse, z => z.PermitJoiningAsync(0x5555, 30), Frame(new MgmtPermitJoiningResponse(ZdpStatus.Success), 0)),
            (ZdpClusterId.MgmtNwkUpdateNotify, async z => (await z.EnergyScanAsync(0x5555, 0x07FFF800, 1)).Status,
                Frame(new MgmtNwkUpdateNotify { ScannedChannels = 0x1800, TotalTransmissions = 5, EnergyValues = new byte[] { 10, 20 } }, 0)),
        ];
        return calls.Select((c, i) => new ClientCall(c.Item1, c.Item2, [(byte)i, .. c.Item3])).ToList();
    }
}
