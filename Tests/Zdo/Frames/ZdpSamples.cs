using ZigBee.Aps.Frames;
using ZigBee.Mac.Frames;
using ZigBee.Tests.Aps.Frames;
using ZigBee.Zdo.Frames;

namespace ZigBee.Tests.Zdo.Frames;

/// <summary>
/// One or more encoded messages of every ZDP cluster the codec knows — successes and failures, empty and full lists,
/// every binding mode and every Mgmt_NWK_Update duration kind; the corpus of the round-trip, hostile-input and tshark tests.
/// </summary>
internal static class ZdpSamples
{
    private static readonly ushort[] HaClusters = [0x0000, 0x0003, 0x0006, 0x0008];
    private static readonly ushort[] OutClusters = [0x0019];
    private static readonly ulong[] Children = [0x00124B0001020304, 0x00124B00AABBCCDD];

    public static readonly NodeDescriptor Node = new(
        ZdpLogicalType.Router, false, false, 0, ZdpFrequencyBands.Band2400MHz, CapabilityInformation.Create(true, true, true), 0x115F, 82, 128,
        ZdpServerMask.Create(stackComplianceRevision: 22), 128, ZdpDescriptorCapability.None);

    public static readonly ZdpNeighborTableEntry Neighbor = new(
        0xDDDDDDDDDDDDDDDD, 0x00124B0001020304, 0x796F, ZdpNeighborDeviceType.EndDevice, ZdpRxOnWhenIdle.Off, ZdpNeighborRelationship.Child,
        ZdpPermitJoining.NotAccepting, 1, 0xC8);

    public static readonly ZdpNeighborTableEntry RouterNeighbor = new(
        0xDDDDDDDDDDDDDDDD, 0x00124B00AABBCCDD, 0x1234, ZdpNeighborDeviceType.Router, ZdpRxOnWhenIdle.On, ZdpNeighborRelationship.Sibling,
        ZdpPermitJoining.Accepting, 2, 0x55);

    public static readonly ZdpRoutingTableEntry[] Routes =
    [
        new(0x0000, ZdpRouteStatus.Active, false, true, false, 0x0000),
        new(0x796F, ZdpRouteStatus.DiscoveryUnderway, true, false, true, 0x1234),
    ];

    public static readonly ZdpBinding[] Bindings =
    [
        ZdpBinding.ToDevice(0x00124B0001020304, 1, 0x0006, 0x00124B00AABBCCDD, 2),
        ZdpBinding.ToGroup(0x00124B0001020304, 1, 0x0008, 0x4321),
    ];

    /// <summary>Named samples: cluster and the ZDP fields (after the sequence number).</summary>
    public static IReadOnlyList<(string Name, ZdpClusterId Cluster, byte[] Fields)> All { get; } = Build();

    /// <summary>An 802.15.4 + NWK + APS data frame (profile 0, endpoints 0) carrying a ZDP payload.</summary>
    public static byte[] InFrame(ZdpClusterId cluster, byte sequence, ReadOnlySpan<byte> fields)
    {
        var zdp = new byte[1 + fields.Length];
        zdp[0] = sequence;
        fields.CopyTo(zdp.AsSpan(1));
        var header = ApsHeader.Unicast(ZdpFrame.Endpoint, (ushort)cluster, ZdpFrame.ProfileId, ZdpFrame.Endpoint, sequence);
        return ApsSamples.InMacAndNwk(ApsSamples.Encode(header, zdp), sequence);
    }

    private static List<(string, ZdpClusterId, byte[])> Build()
    {
        var list = new List<(string, ZdpClusterId, byte[])>();
        var buffer = new byte[127];
        void Add<T>(string name, T message)
            where T : IZdpMessage<T>, allows ref struct
        {
            var length = message.Encode(buffer);
            Assert.AreEqual(message.Length, length, name);
            list.Add((name, T.ClusterId, buffer[..length]));
        }

        Add("NWK_addr_req single", new NwkAddrRequest(0x00124B0001020304, ZdpAddressRequestType.Single, 0));
        Add("NWK_addr_req extended", new NwkAddrRequest(0x00124B0001020304, ZdpAddressRequestType.Extended, 3));
        Add("IEEE_addr_req", new IeeeAddrRequest(0x796F, ZdpAddressRequestType.Extended, 0));
        Add("NWK_addr_rsp single", new NwkAddrResponse { Status = ZdpStatus.Success, IeeeAddress = 0x00124B0001020304, NwkAddress = 0x796F });
        Add("NWK_addr_rsp extended", new NwkAddrResponse
        {
            Status = ZdpStatus.Success, IeeeAddress = 0x00124B0001020304, NwkAddress = 0x796F, IsExtended = true, StartIndex = 2,
            AssociatedDevices = new ushort[] { 0x1111, 0x2222, 0x3333 },
        });
        Add("NWK_addr_rsp extended without devices", new NwkAddrResponse { Status = ZdpStatus.Success, IeeeAddress = 0x00124B0001020304, NwkAddress = 0x796F, IsExtended = true });
        Add("NWK_addr_rsp device not found", new NwkAddrResponse { Status = ZdpStatus.DeviceNotFound, IeeeAddress = 0x00124B0001020304, NwkAddress = 0xFFFF });
        Add("IEEE_addr_rsp extended", new IeeeAddrResponse
        {
            Status = ZdpStatus.Success, IeeeAddress = 0x00124B00AABBCCDD, NwkAddress = 0x0000, IsExtended = true, StartIndex = 0,
            AssociatedDevices = new ushort[] { 0x796F },
        });
        Add("IEEE_addr_rsp invalid request type", new IeeeAddrResponse { Status = ZdpStatus.InvRequestType, IeeeAddress = 0x00124B00AABBCCDD, NwkAddress = 0x0000 });
        Add("Node_Desc_req", new NodeDescRequest(0x796F));
        Add("Node_Desc_rsp", new NodeDescResponse(ZdpStatus.Success, 0x796F, Node));
        Add("Node_Desc_rsp end device", new NodeDescResponse(ZdpStatus.Success, 0x1234, Node with
        {
            LogicalType = ZdpLogicalType.EndDevice, MacCapability = CapabilityInformation.Create(false, false, false), ComplexDescriptorAvailable = true,
            DescriptorCapability = ZdpDescriptorCapability.ExtendedActiveEndpointListAvailable,
        }));
        Add("Node_Desc_rsp not active", NodeDescResponse.Failure(ZdpStatus.NotActive, 0x796F));
        Add("Power_Desc_req", new PowerDescRequest(0x796F));
        Add("Power_Desc_rsp", new PowerDescResponse(ZdpStatus.Success, 0x796F,
            new PowerDescriptor(ZdpPowerMode.ReceiverOnWhenIdle, ZdpPowerSources.Mains | ZdpPowerSources.DisposableBattery, ZdpPowerSources.Mains, ZdpPowerLevel.Percent100)));
        Add("Power_Desc_rsp device not found", PowerDescResponse.Failure(ZdpStatus.DeviceNotFound, 0x796F));
        Add("Simple_Desc_req", new SimpleDescRequest(0x796F, 1));
        Add("Simple_Desc_rsp", new SimpleDescResponse
        {
            Status = ZdpStatus.Success, NwkAddrOfInterest = 0x796F,
            Descriptor = new SimpleDescriptor { Endpoint = 1, ProfileId = 0x0104, DeviceId = 0x0100, DeviceVersion = 1, InputClusters = HaClusters, OutputClusters = OutClusters },
        });
        Add("Simple_Desc_rsp without clusters", new SimpleDescResponse
        {
            Status = ZdpStatus.Success, NwkAddrOfInterest = 0x796F, Descriptor = new SimpleDescriptor { Endpoint = 242, ProfileId = 0xA1E0, DeviceId = 0x0061 },
        });
        Add("Simple_Desc_rsp invalid endpoint", new SimpleDescResponse { Status = ZdpStatus.InvalidEp, NwkAddrOfInterest = 0x796F });
        Add("Active_EP_req", new ActiveEpRequest(0x796F));
        Add("Active_EP_rsp", new ActiveEpResponse { Status = ZdpStatus.Success, NwkAddrOfInterest = 0x796F, ActiveEndpoints = new byte[] { 1, 2, 242 } });
        Add("Active_EP_rsp device not found", new ActiveEpResponse { Status = ZdpStatus.DeviceNotFound, NwkAddrOfInterest = 0x796F });
        Add("Match_Desc_req", new MatchDescRequest { NwkAddrOfInterest = 0xFFFD, ProfileId = 0x0104, InputClusters = new ushort[] { 0x0006 }, OutputClusters = OutClusters });
        Add("Match_Desc_req without clusters", new MatchDescRequest { NwkAddrOfInterest = 0x0000, ProfileId = 0x0104 });
        Add("Match_Desc_rsp", new MatchDescResponse { Status = ZdpStatus.Success, NwkAddrOfInterest = 0x796F, MatchList = new byte[] { 1 } });
        Add("Match_Desc_rsp no match", new MatchDescResponse { Status = ZdpStatus.NoMatch, NwkAddrOfInterest = 0x796F });
        Add("Device_annce", new DeviceAnnce(0x796F, 0x00124B0001020304, CapabilityInformation.Create(false, false, false)));
        Add("Parent_annce", new ParentAnnce { Children = Children });
        Add("Parent_annce empty", new ParentAnnce());
        Add("Parent_annce_rsp", new ParentAnnceResponse { Status = ZdpStatus.Success, Children = Children.AsSpan(1) });
        Add("System_Server_Discovery_req", new SystemServerDiscoveryRequest(ZdpServerMask.Create(primaryTrustCenter: true, stackComplianceRevision: 0)));
        Add("System_Server_Discovery_rsp", new SystemServerDiscoveryResponse(ZdpStatus.Success, ZdpServerMask.Create(primaryTrustCenter: true, networkManager: true)));
        Add("End_Device_Bind_req", new EndDeviceBindRequest
        {
            BindingTarget = 0x0000, SourceIeeeAddress = 0x00124B0001020304, SourceEndpoint = 1, ProfileId = 0x0104, InputClusters = HaClusters, OutputClusters = OutClusters,
        });
        Add("End_Device_Bind_rsp", new EndDeviceBindResponse(ZdpStatus.Timeout));
        Add("Bind_req device", new BindRequest(Bindings[0]));
        Add("Bind_req group", new BindRequest(Bindings[1]));
        Add("Bind_rsp", new BindResponse(ZdpStatus.Success));
        Add("Bind_rsp table full", new BindResponse(ZdpStatus.TableFull));
        Add("Unbind_req device", new UnbindRequest(Bindings[0]));
        Add("Unbind_req group", new UnbindRequest(Bindings[1]));
        Add("Unbind_rsp no entry", new UnbindResponse(ZdpStatus.NoEntry));
        Add("Mgmt_Lqi_req", new MgmtLqiRequest(0));
        Add("Mgmt_Lqi_rsp", new MgmtLqiResponse { Status = ZdpStatus.Success, NeighborTableEntries = 4, StartIndex = 2, Neighbors = new[] { Neighbor, RouterNeighbor } });
        Add("Mgmt_Lqi_rsp not supported", new MgmtLqiResponse { Status = ZdpStatus.NotSupported });
        Add("Mgmt_Rtg_req", new MgmtRtgRequest(1));
        Add("Mgmt_Rtg_rsp", new MgmtRtgResponse { Status = ZdpStatus.Success, RoutingTableEntries = 2, Routes = Routes });
        Add("Mgmt_Bind_req", new MgmtBindRequest(0));
        Add("Mgmt_Bind_rsp", new MgmtBindResponse { Status = ZdpStatus.Success, BindingTableEntries = 2, Bindings = Bindings });
        Add("Mgmt_Leave_req", new MgmtLeaveRequest(0x00124B0001020304, RemoveChildren: false, Rejoin: true));
        Add("Mgmt_Leave_req self with children", new MgmtLeaveRequest(0, RemoveChildren: true, Rejoin: false));
        Add("Mgmt_Leave_rsp", new MgmtLeaveResponse(ZdpStatus.Success));
        Add("Mgmt_Permit_Joining_req", new MgmtPermitJoiningRequest(180));
        Add("Mgmt_Permit_Joining_req close", new MgmtPermitJoiningRequest(0, 0));
        Add("Mgmt_Permit_Joining_rsp", new MgmtPermitJoiningResponse(ZdpStatus.NotAuthorized));
        Add("Mgmt_NWK_Update_req scan", MgmtNwkUpdateRequest.EnergyScan(0x07FFF800, 3, 2));
        Add("Mgmt_NWK_Update_req channel change", MgmtNwkUpdateRequest.ChannelChange(1u << 20, 7));
        Add("Mgmt_NWK_Update_req parameters", MgmtNwkUpdateRequest.ChangeParameters(0x02108800, 8, 0x0000));
        Add("Mgmt_NWK_Update_req reserved duration", new MgmtNwkUpdateRequest(0x00000800, 0x10, 0, 0, 0));
        Add("Mgmt_NWK_Enhanced_Update_req scan", new MgmtNwkEnhancedUpdateRequest { ScanChannels = new uint[] { 0x07FFF800, 0x88000001 }, ScanDuration = 2, ScanCount = 1 });
        Add("Mgmt_NWK_Enhanced_Update_req parameters", new MgmtNwkEnhancedUpdateRequest
        {
            ScanChannels = new uint[] { 0x00100000 }, ScanDuration = ZdpScanDuration.ChangeParameters, NwkUpdateId = 9, NwkManagerAddress = 0x1234,
        });
        Add("Mgmt_NWK_Update_notify", new MgmtNwkUpdateNotify
        {
            Status = ZdpStatus.Success, ScannedChannels = 0x00007800, TotalTransmissions = 1000, TransmissionFailures = 260, EnergyValues = new byte[] { 0x10, 0x80, 0xFF, 0x00 },
        });
        return list;
    }
}
