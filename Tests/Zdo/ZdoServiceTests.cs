using ZigBee.Aps.Service.Primitives;
using ZigBee.Mac.Frames;
using ZigBee.Tests.Zdo.Fakes;
using ZigBee.Zdo.Frames;
using ZigBee.Zdo.Service;
using static ZigBee.Tests.Zdo.ZdoTestBed;

namespace ZigBee.Tests.Zdo;

/// <summary>The server's answers to the device and service discovery requests (R22 §2.4.4.2), byte for byte where the layout matters.</summary>
[TestClass]
public sealed class ZdoServiceTests
{
    private const ulong ChildIeee = 0x00124B00DEAD0001;
    private const ushort ChildNwk = 0x7001;
    private const ulong Stranger = 0x00124B00FFFF0001;

    private static ZdoTestBed WithChildren(int endDevices = 1, int routers = 0)
    {
        var bed = new ZdoTestBed();
        for (var i = 0; i < endDevices; i++)
        {
            bed.Node.EndDeviceChildren.Add(((ushort)(ChildNwk + i), ChildIeee + (ulong)i));
        }

        for (var i = 0; i < routers; i++)
        {
            bed.Node.RouterChildren.Add((ushort)(0x5000 + i));
        }

        return bed;
    }

    [TestMethod]
    public void NwkAddrReqForMyOwnIeeeIsAnsweredSingleByteForByte()
    {
        var bed = WithChildren(endDevices: 2);
        var response = bed.Request(new NwkAddrRequest(MyIeee, ZdpAddressRequestType.Single, 0), sequence: 0x42)!.Value;

        Assert.AreEqual(ZdpClusterId.NwkAddrResponse, response.Cluster);
        Assert.AreEqual(Requester, response.Destination);
        Assert.AreEqual(ZdpFrame.ProfileId, response.ProfileId);
        Assert.AreEqual(ZdpFrame.Endpoint, response.DstEndpoint);
        Assert.AreEqual(ZdpFrame.Endpoint, response.SrcEndpoint);
        Assert.IsTrue(response.Options.HasFlag(ApsTxOptions.Acknowledged), "a unicast response asks for an APS ack");
        // Sequence, status, IEEE (little endian), NWK; a single response lists no children.
        CollectionAssert.AreEqual(Convert.FromHexString("420001CCBBAA004B12002B1A"), response.Asdu);
        Assert.AreEqual(1, bed.Zdo.Counters.RequestsServed);

        var byNwk = bed.Request(new IeeeAddrRequest(Me, ZdpAddressRequestType.Single, 0), sequence: 0x43)!.Value;
        Assert.AreEqual(ZdpClusterId.IeeeAddrResponse, byNwk.Cluster);
        CollectionAssert.AreEqual(Convert.FromHexString("430001CCBBAA004B12002B1A"), byNwk.Asdu);
    }

    [TestMethod]
    public void ExtendedNwkAddrRspPagesTheChildrenWithinTheResponsePayload()
    {
        var bed = WithChildren(endDevices: 3, routers: 27);
        var all = new List<ushort>();
        foreach (var start in new byte[] { 0, 25 })
        {
            var response = bed.Request(new NwkAddrRequest(MyIeee, ZdpAddressRequestType.Extended, start))!.Value;
            Assert.IsLessThanOrEqualTo(bed.Zdo.Options.MaxResponsePayload, response.Asdu.Length);
            Assert.IsTrue(NwkAddrResponse.TryDecode(response.Fields, out var page));
            Assert.AreEqual(ZdpStatus.Success, page.Status);
            Assert.IsTrue(page.IsExtended);
            Assert.AreEqual(start, page.StartIndex);
            Assert.AreEqual(start == 0 ? 25 : 5, page.AssociatedDevices.Count);
            foreach (var child in page.AssociatedDevices)
            {
                all.Add(child);
            }
        }

        var expected = new List<ushort> { ChildNwk, ChildNwk + 1, ChildNwk + 2 };
        expected.AddRange(bed.Node.RouterChildren);
        CollectionAssert.AreEqual(expected, all);
    }

    [TestMethod]
    public void ExtendedAddressRequestsStartingBeyondTheChildrenGetAnEmptyPage()
    {
        var bed = WithChildren(endDevices: 2, routers: 1);
        var nwk = bed.Request(new NwkAddrRequest(MyIeee, ZdpAddressRequestType.Extended, 3))!.Value;
        var ieee = bed.Request(new IeeeAddrRequest(Me, ZdpAddressRequestType.Extended, 200))!.Value;

        // Status, IEEE, NWK, NumAssocDev 0 (addresses in this frame, R22 §2.4.4.2.1); no StartIndex, no addresses.
        CollectionAssert.AreEqual(Convert.FromHexString("420001CCBBAA004B12002B1A00"), nwk.Asdu);
        Assert.IsTrue(IeeeAddrResponse.TryDecode(ieee.Fields, out var page));
        Assert.AreEqual(ZdpStatus.Success, page.Status);
        Assert.IsTrue(page.IsExtended);
        Assert.AreEqual(0, page.AssociatedDevices.Count);
    }

    [TestMethod]
    public void ExtendedRequestToADeviceWithoutChildrenSaysZeroAndLeavesTheStartIndexOut()
    {
        var bed = new ZdoTestBed();
        var response = bed.Request(new NwkAddrRequest(MyIeee, ZdpAddressRequestType.Extended, 0))!.Value;

        // R22 §2.4.4.2.1: NumAssocDev 0, then neither StartIndex nor a list.
        CollectionAssert.AreEqual(Convert.FromHexString("420001CCBBAA004B12002B1A00"), response.Asdu);
    }

    [TestMethod]
    public void AParentAnswersAddressRequestsForItsEndDeviceChild()
    {
        var bed = WithChildren(endDevices: 2);
        foreach (var broadcast in new[] { false, true })
        {
            var nwk = bed.Request(new NwkAddrRequest(ChildIeee + 1, ZdpAddressRequestType.Extended, 0), broadcast: broadcast)!.Value;
            Assert.IsTrue(NwkAddrResponse.TryDecode(nwk.Fields, out var byIeee));
            Assert.AreEqual(ZdpStatus.Success, byIeee.Status);
            Assert.AreEqual(ChildIeee + 1, byIeee.IeeeAddress);
            Assert.AreEqual(ChildNwk + 1, byIeee.NwkAddress);
            Assert.IsFalse(byIeee.IsExtended, "the parent does not list its own children for a child");
        }

        var ieee = bed.Request(new IeeeAddrRequest(ChildNwk, ZdpAddressRequestType.Single, 0))!.Value;
        Assert.IsTrue(IeeeAddrResponse.TryDecode(ieee.Fields, out var byNwk));
        Assert.AreEqual(ZdpStatus.Success, byNwk.Status);
        Assert.AreEqual(ChildIeee, byNwk.IeeeAddress);
        Assert.AreEqual(ChildNwk, byNwk.NwkAddress);
    }

    [TestMethod]
    public void AnUnknownDeviceIsNotFoundWhenAskedDirectlyAndIgnoredWhenBroadcast()
    {
        var bed = WithChildren();
        bed.Node.RouterChildren.Add(0x5000);

        var nwk = bed.Request(new NwkAddrRequest(Stranger, ZdpAddressRequestType.Single, 0))!.Value;
        Assert.IsTrue(NwkAddrResponse.TryDecode(nwk.Fields, out var byIeee));
        Assert.AreEqual(ZdpStatus.DeviceNotFound, byIeee.Status);
        Assert.AreEqual(Stranger, byIeee.IeeeAddress);
        var ieee = bed.Request(new IeeeAddrRequest(0x5000, ZdpAddressRequestType.Single, 0))!.Value;
        Assert.AreEqual(ZdpStatus.DeviceNotFound, ieee.Status, "a router child answers for itself");

        Assert.IsNull(bed.Request(new NwkAddrRequest(Stranger, ZdpAddressRequestType.Single, 0), broadcast: true));
        Assert.IsNull(bed.Request(new IeeeAddrRequest(0x4444, ZdpAddressRequestType.Extended, 0), broadcast: true));
        Assert.HasCount(2, bed.Responses);
    }

    [TestMethod]
    public void AnUnknownRequestTypeIsInvRequestType()
    {
        var bed = WithChildren();
        var nwk = bed.Request(new NwkAddrRequest(MyIeee, (ZdpAddressRequestType)2, 0))!.Value;
        var ieee = bed.Request(new IeeeAddrRequest(Me, (ZdpAddressRequestType)0x7F, 0))!.Value;

        Assert.AreEqual(ZdpStatus.InvRequestType, nwk.Status);
        Assert.AreEqual(ZdpClusterId.NwkAddrResponse, nwk.Cluster);
        Assert.AreEqual(ZdpStatus.InvRequestType, ieee.Status);
        Assert.AreEqual(ZdpClusterId.IeeeAddrResponse, ieee.Cluster);
    }

    [TestMethod]
    public void NodeAndPowerDescriptorsOfThisNodeByteForByte()
    {
        var bed = new ZdoTestBed();
        var node = bed.Request(new NodeDescRequest(Me), sequence: 7)!.Value;
        var power = bed.Request(new PowerDescRequest(Me), sequence: 8)!.Value;

        // Router, 2.4 GHz, capability 0x8E (FFD, mains, rx on, allocate), manufacturer 0x1234, buffer 0x52,
        // transfer sizes 0x00A0, server mask: stack compliance revision 22 (0x2C00).
        CollectionAssert.AreEqual(Convert.FromHexString("07002B1A" + "01408E341252A000002CA00000"), node.Asdu);
        // Receiver on when idle, mains available and current, 100 %.
        CollectionAssert.AreEqual(Convert.FromHexString("08002B1A" + "10C1"), power.Asdu);
    }

    [TestMethod]
    public void ARouterHasNoDescriptorsOfItsEndDeviceChildAndDoesNotKnowAStranger()
    {
        var bed = WithChildren();
        bed.Zdo.RegisterEndpoint(new ZdoEndpoint(1, 0x0104, 0x0100, 1, [0x0006], []));
        SentFrame?[] aboutChild =
        [
            bed.Request(new NodeDescRequest(ChildNwk)), bed.Request(new PowerDescRequest(ChildNwk)), bed.Request(new ActiveEpRequest(ChildNwk)),
            bed.Request(new SimpleDescRequest(ChildNwk, 1)),
        ];
        SentFrame?[] aboutStranger =
        [
            bed.Request(new NodeDescRequest(0x4444)), bed.Request(new PowerDescRequest(0x4444)), bed.Request(new ActiveEpRequest(0x4444)),
            bed.Request(new SimpleDescRequest(0x4444, 1)),
        ];

        foreach (var response in aboutChild.Select(r => r!.Value))
        {
            Assert.AreEqual(ZdpStatus.NoDescriptor, response.Status, response.Cluster.ToString());
            Assert.AreEqual(ChildNwk, BitConverter.ToUInt16(response.Asdu, 2), "NWKAddrOfInterest echoed");
        }

        foreach (var response in aboutStranger.Select(r => r!.Value))
        {
            Assert.AreEqual(ZdpStatus.DeviceNotFound, response.Status, response.Cluster.ToString());
        }

        // A failed Node_Desc_rsp carries no descriptor: sequence, status, address.
        Assert.HasCount(4, aboutStranger[0]!.Value.Asdu);
    }

    [TestMethod]
    public void AnEndDeviceAskedAboutAnotherDeviceAnswersInvRequestType()
    {
        var bed = new ZdoTestBed(ZdpLogicalType.EndDevice);
        Assert.AreEqual(ZdpStatus.InvRequestType, bed.Request(new NodeDescRequest(0x0000))!.Value.Status);
        Assert.AreEqual(ZdpStatus.InvRequestType, bed.Request(new PowerDescRequest(0x0001))!.Value.Status);
        Assert.AreEqual(ZdpStatus.InvRequestType, bed.Request(new ActiveEpRequest(0x0002))!.Value.Status);
        Assert.AreEqual(ZdpStatus.InvRequestType, bed.Request(new SimpleDescRequest(0x0003, 1))!.Value.Status);

        var own = bed.Request(new NodeDescRequest(Me))!.Value;
        Assert.IsTrue(NodeDescResponse.TryDecode(own.Fields, out var descriptor));
        Assert.AreEqual(ZdpStatus.Success, descriptor.Status);
        Assert.AreEqual(ZdpLogicalType.EndDevice, descriptor.Descriptor.LogicalType);
        Assert.IsFalse(descriptor.Descriptor.MacCapability.ReceiverOnWhenIdle);
    }

    [TestMethod]
    public void ActiveEpAndSimpleDescDescribeTheRegisteredEndpoints()
    {
        var bed = new ZdoTestBed();
        bed.Zdo.RegisterEndpoint(new ZdoEndpoint(8, 0x0104, 0x0302, 1, [0x0000, 0x0402], [0x0019]));
        bed.Zdo.RegisterEndpoint(new ZdoEndpoint(1, 0x0104, 0x0100, 2, [0x0000, 0x0006], []));

        var active = bed.Request(new ActiveEpRequest(Me))!.Value;
        var simple = bed.Request(new SimpleDescRequest(Me, 8))!.Value;

        CollectionAssert.AreEqual(Convert.FromHexString("42002B1A" + "020108"), active.Asdu, "endpoints in order");
        // Status, address, length 14, endpoint 8, profile 0x0104, device 0x0302, version 1, 2 in, 1 out.
        CollectionAssert.AreEqual(Convert.FromHexString("42002B1A0E" + "08" + "0401" + "0203" + "01" + "02" + "0000" + "0204" + "01" + "1900"), simple.Asdu);
    }

    [TestMethod]
    public void SimpleDescOfEndpointZeroOrBeyond240IsInvalidEpAndOfAnUnregisteredOneNotActive()
    {
        var bed = new ZdoTestBed();
        bed.Zdo.RegisterEndpoint(new ZdoEndpoint(1, 0x0104, 0x0100, 1, [0x0006], []));

        Assert.AreEqual(ZdpStatus.InvalidEp, bed.Request(new SimpleDescRequest(Me, 0))!.Value.Status);
        Assert.AreEqual(ZdpStatus.InvalidEp, bed.Request(new SimpleDescRequest(Me, 241))!.Value.Status);
        Assert.AreEqual(ZdpStatus.InvalidEp, bed.Request(new SimpleDescRequest(Me, 0xFF))!.Value.Status);
        var inactive = bed.Request(new SimpleDescRequest(Me, 2))!.Value;
        Assert.AreEqual(ZdpStatus.NotActive, inactive.Status);
        Assert.HasCount(5, inactive.Asdu, "sequence, status, address, length 0");
        Assert.AreEqual(0, inactive.Asdu[4]);
        Assert.AreEqual(ZdpStatus.Success, bed.Request(new SimpleDescRequest(Me, 1))!.Value.Status);
    }

    [TestMethod]
    public void MatchDescMatchesInputsAgainstInputsAndOutputsAgainstOutputs()
    {
        var bed = new ZdoTestBed();
        bed.Zdo.RegisterEndpoint(new ZdoEndpoint(1, 0x0104, 0x0100, 1, [0x0006], [0x0019]));
        bed.Zdo.RegisterEndpoint(new ZdoEndpoint(2, 0x0104, 0x0302, 1, [0x0402], [0x0006]));
        bed.Zdo.RegisterEndpoint(new ZdoEndpoint(3, 0xC05E, 0x0100, 1, [0x0006], []));

        CollectionAssert.AreEqual(new byte[] { 1 }, Matches(bed, 0x0104, [0x0006], []), "on/off server");
        CollectionAssert.AreEqual(new byte[] { 2 }, Matches(bed, 0x0104, [], [0x0006]), "on/off client");
        CollectionAssert.AreEqual(new byte[] { 1, 2 }, Matches(bed, 0x0104, [0x0402], [0x0019]));
        CollectionAssert.AreEqual(new byte[] { 1, 3 }, Matches(bed, 0xFFFF, [0x0006], []), "the profile wildcard");
        CollectionAssert.AreEqual(new byte[] { 3 }, Matches(bed, 0xC05E, [0x0006], [0x0006]));
    }

    [TestMethod]
    public void MatchDescWithNoMatchIsAnEmptySuccessUnicastAndSilenceBroadcast()
    {
        var bed = new ZdoTestBed();
        bed.Zdo.RegisterEndpoint(new ZdoEndpoint(1, 0x0104, 0x0100, 1, [0x0006], []));

        var unicast = bed.Request(new MatchDescRequest { NwkAddrOfInterest = Me, ProfileId = 0x0104, InputClusters = new ushort[] { 0x0300 } })!.Value;
        var broadcast = bed.Request(new MatchDescRequest { NwkAddrOfInterest = 0xFFFD, ProfileId = 0x0104, InputClusters = new ushort[] { 0x0300 } }, broadcast: true);
        var matching = bed.Request(new MatchDescRequest { NwkAddrOfInterest = 0xFFFD, ProfileId = 0x0104, InputClusters = new ushort[] { 0x0006 } }, broadcast: true);

        CollectionAssert.AreEqual(Convert.FromHexString("42002B1A00"), unicast.Asdu);
        Assert.IsNull(broadcast);
        Assert.IsNotNull(matching, "a match answers a broadcast");
        Assert.AreEqual(Requester, matching.Value.Destination, "and the answer is unicast to the requester");
    }

    [TestMethod]
    public void SystemServerDiscoveryIsAnsweredOnlyWhenTheMasksIntersect()
    {
        var bed = new ZdoTestBed(ZdpLogicalType.Coordinator);
        bed.Node.NodeDescriptor = Descriptor(ZdpLogicalType.Coordinator, networkManager: true);

        var trustCenter = bed.Request(new SystemServerDiscoveryRequest(ZdpServerMask.Create(primaryTrustCenter: true, stackComplianceRevision: 0)), broadcast: true)!.Value;
        var both = bed.Request(new SystemServerDiscoveryRequest(new ZdpServerMask(0x0041)))!.Value;
        var bindingCache = bed.Request(new SystemServerDiscoveryRequest(new ZdpServerMask(0x0004)), broadcast: true);

        Assert.IsTrue(SystemServerDiscoveryResponse.TryDecode(trustCenter.Fields, out var one));
        Assert.AreEqual(ZdpStatus.Success, one.Status);
        Assert.IsTrue(one.ServerMask.PrimaryTrustCenter);
        Assert.IsFalse(one.ServerMask.NetworkManager, "only the bits asked about");
        Assert.AreEqual(22, one.ServerMask.StackComplianceRevision);
        Assert.IsTrue(SystemServerDiscoveryResponse.TryDecode(both.Fields, out var two));
        Assert.AreEqual(0x0041, two.ServerMask.Value & 0x7F);
        Assert.IsNull(bindingCache);

        var router = new ZdoTestBed();
        Assert.IsNull(router.Request(new SystemServerDiscoveryRequest(new ZdpServerMask(0x007F))), "a plain router serves nothing");
    }

    [TestMethod]
    public void AnUnknownClusterIsNotSupportedButNeverToABroadcast()
    {
        var bed = new ZdoTestBed();
        var complexDesc = bed.Deliver((ZdpClusterId)0x0010, [0x31, 0x2B, 0x1A])!.Value;
        var endDeviceBind = bed.Deliver(ZdpClusterId.EndDeviceBindRequest, [0x32, 0x00])!.Value;
        var broadcast = bed.Deliver((ZdpClusterId)0x0010, [0x33, 0x2B, 0x1A], broadcast: true);

        Assert.AreEqual((ZdpClusterId)0x8010, complexDesc.Cluster);
        CollectionAssert.AreEqual(new byte[] { 0x31, 0x84 }, complexDesc.Asdu, "status only");
        Assert.AreEqual(ZdpClusterId.EndDeviceBindResponse, endDeviceBind.Cluster);
        Assert.AreEqual(ZdpStatus.NotSupported, endDeviceBind.Status);
        Assert.IsNull(broadcast);
        Assert.AreEqual(3, bed.Zdo.Counters.RequestsNotSupported);
        Assert.AreEqual(0, bed.Zdo.Counters.RequestsServed);
    }

    [TestMethod]
    public void ATruncatedRequestIsAnsweredInvRequestTypeStatusOnly()
    {
        var bed = new ZdoTestBed();
        var nwkAddr = bed.Deliver(ZdpClusterId.NwkAddrRequest, [0x51, 0x01, 0xCC, 0xBB])!.Value;
        var nodeDesc = bed.Deliver(ZdpClusterId.NodeDescRequest, [0x52, 0x2B])!.Value;
        var broadcast = bed.Deliver(ZdpClusterId.MatchDescRequest, [0x53, 0xFD, 0xFF, 0x04], broadcast: true);
        var empty = bed.Deliver(ZdpClusterId.NodeDescRequest, []);

        CollectionAssert.AreEqual(new byte[] { 0x51, 0x80 }, nwkAddr.Asdu);
        Assert.AreEqual(ZdpClusterId.NwkAddrResponse, nwkAddr.Cluster);
        CollectionAssert.AreEqual(new byte[] { 0x52, 0x80 }, nodeDesc.Asdu);
        Assert.IsNull(broadcast);
        Assert.IsNull(empty, "not even a sequence number to answer");
        Assert.AreEqual(4, bed.Zdo.Counters.MalformedRequests);
    }

    [TestMethod]
    public void FramesForOtherProfilesOrEndpointsOrFailedOnesAreNotZdp()
    {
        var bed = new ZdoTestBed();
        var asdu = Frame(new NodeDescRequest(Me), 9);
        bed.Scheduler.Post(() =>
        {
            bed.Aps.Deliver(Requester, Me, ZdpClusterId.NodeDescRequest, asdu, profile: 0x0104);
            bed.Aps.Deliver(Requester, Me, ZdpClusterId.NodeDescRequest, asdu, dstEndpoint: 1);
            bed.Aps.Deliver(Requester, Me, ZdpClusterId.NodeDescRequest, asdu, status: ZigBee.Aps.Service.ApsStatus.SecurityFail);
        });
        bed.Scheduler.RunUntilIdle();

        Assert.IsEmpty(bed.Aps.Sent);
        Assert.AreEqual(0, bed.Zdo.Counters.RequestsServed + bed.Zdo.Counters.MalformedRequests);
    }

    [TestMethod]
    public void ADeviceAnnceFeedsTheAddressMapAndTheEventOnceAndAMalformedOneIsCounted()
    {
        var bed = new ZdoTestBed();
        var heard = new List<DeviceAnnce>();
        bed.Zdo.DeviceAnnounced += (_, announce) => heard.Add(announce);
        var capability = CapabilityInformation.Create(fullFunctionDevice: false, mainsPowered: false, receiverOnWhenIdle: false);

        Assert.IsNull(bed.Request(new DeviceAnnce(0x3344, ChildIeee, capability), sequence: 1, broadcast: true));
        Assert.IsNull(bed.Deliver(ZdpClusterId.DeviceAnnce, [0x02, 0x44, 0x33, 0x01], broadcast: false), "malformed: no answer even when unicast");
        Assert.IsNull(bed.Request(new DeviceAnnce(Me, MyIeee, capability), sequence: 3, broadcast: true), "our own, relayed back");

        Assert.HasCount(1, heard);
        Assert.AreEqual(new DeviceAnnce(0x3344, ChildIeee, capability), heard[0]);
        CollectionAssert.AreEqual(new[] { ((ushort)0x3344, ChildIeee) }, bed.Node.Announcements);
        Assert.AreEqual(1, bed.Zdo.Counters.AnnouncementsHeard);
        Assert.AreEqual(1, bed.Zdo.Counters.MalformedRequests);
    }

    [TestMethod]
    public void ThisNodeAnnouncesItselfToEveryRxOnDeviceWhenItsNodeSaysSo()
    {
        var bed = new ZdoTestBed();
        var capability = CapabilityInformation.Create(fullFunctionDevice: true, mainsPowered: true, receiverOnWhenIdle: true);
        bed.Scheduler.Post(() => bed.Node.Announce(Me, MyIeee, capability));
        bed.Scheduler.RunUntilIdle();

        var announce = bed.Aps.Sent.Single();
        Assert.AreEqual(ZdpClusterId.DeviceAnnce, announce.Cluster);
        Assert.AreEqual(ZdpBroadcast.RxOnWhenIdle, announce.Destination);
        Assert.IsFalse(announce.Options.HasFlag(ApsTxOptions.Acknowledged));
        // Sequence, NWK, IEEE, capability.
        CollectionAssert.AreEqual(Convert.FromHexString("2B1A01CCBBAA004B12008E"), announce.Fields.ToArray());
        Assert.AreEqual(1, bed.Zdo.Counters.AnnouncementsSent);
    }

    [TestMethod]
    public void AParentAnnceIsAnsweredWithTheAnnouncedChildrenThatAreMineAndOnlyByARouter()
    {
        var bed = WithChildren(endDevices: 3);
        var mine = bed.Request(new ParentAnnce { Children = new[] { Stranger, ChildIeee + 2, ChildIeee } }, sequence: 0x61, broadcast: true)!.Value;
        var none = bed.Request(new ParentAnnce { Children = new[] { Stranger } }, broadcast: true);

        Assert.AreEqual(ZdpClusterId.ParentAnnceResponse, mine.Cluster);
        Assert.IsTrue(ParentAnnceResponse.TryDecode(mine.Fields, out var response));
        Assert.AreEqual(ZdpStatus.Success, response.Status);
        Assert.AreEqual(2, response.Children.Count);
        Assert.AreEqual(ChildIeee + 2, response.Children[0]);
        Assert.AreEqual(ChildIeee, response.Children[1]);
        Assert.IsNull(none, "no child of mine: nothing to say");

        var endDevice = new ZdoTestBed(ZdpLogicalType.EndDevice);
        endDevice.Node.EndDeviceChildren.Add((ChildNwk, ChildIeee));
        Assert.IsNull(endDevice.Request(new ParentAnnce { Children = new[] { ChildIeee } }, broadcast: true), "an end device has no children to claim");
    }

    private static byte[] Matches(ZdoTestBed bed, ushort profile, ushort[] input, ushort[] output)
    {
        var response = bed.Request(new MatchDescRequest { NwkAddrOfInterest = Me, ProfileId = profile, InputClusters = input, OutputClusters = output })!.Value;
        Assert.IsTrue(MatchDescResponse.TryDecode(response.Fields, out var match));
        Assert.AreEqual(ZdpStatus.Success, match.Status);
        Assert.AreEqual(Me, match.NwkAddrOfInterest);
        var endpoints = new byte[match.MatchList.Count];
        match.MatchList.CopyTo(endpoints);
        return endpoints;
    }
}
