using ZigBee.Zdo.Frames;

namespace ZigBee.Tests.Zdo.Frames;

/// <summary>Every message type by cluster, as a decode-then-re-encode function the tests can call without knowing the type.</summary>
internal static class ZdpCodecs
{
    /// <summary>Decodes <paramref name="fields"/>; on success writes the decoded value into <paramref name="again"/> and returns its length, else -1.</summary>
    public delegate int RoundTrip(ReadOnlySpan<byte> fields, Span<byte> again);

    public static readonly IReadOnlyDictionary<ZdpClusterId, RoundTrip> ByCluster = new Dictionary<ZdpClusterId, RoundTrip>
    {
        [ZdpClusterId.NwkAddrRequest] = Run<NwkAddrRequest>,
        [ZdpClusterId.IeeeAddrRequest] = Run<IeeeAddrRequest>,
        [ZdpClusterId.NodeDescRequest] = Run<NodeDescRequest>,
        [ZdpClusterId.PowerDescRequest] = Run<PowerDescRequest>,
        [ZdpClusterId.SimpleDescRequest] = Run<SimpleDescRequest>,
        [ZdpClusterId.ActiveEpRequest] = Run<ActiveEpRequest>,
        [ZdpClusterId.MatchDescRequest] = Run<MatchDescRequest>,
        [ZdpClusterId.DeviceAnnce] = Run<DeviceAnnce>,
        [ZdpClusterId.SystemServerDiscoveryRequest] = Run<SystemServerDiscoveryRequest>,
        [ZdpClusterId.ParentAnnce] = Run<ParentAnnce>,
        [ZdpClusterId.EndDeviceBindRequest] = Run<EndDeviceBindRequest>,
        [ZdpClusterId.BindRequest] = Run<BindRequest>,
        [ZdpClusterId.UnbindRequest] = Run<UnbindRequest>,
        [ZdpClusterId.MgmtLqiRequest] = Run<MgmtLqiRequest>,
        [ZdpClusterId.MgmtRtgRequest] = Run<MgmtRtgRequest>,
        [ZdpClusterId.MgmtBindRequest] = Run<MgmtBindRequest>,
        [ZdpClusterId.MgmtLeaveRequest] = Run<MgmtLeaveRequest>,
        [ZdpClusterId.MgmtPermitJoiningRequest] = Run<MgmtPermitJoiningRequest>,
        [ZdpClusterId.MgmtNwkUpdateRequest] = Run<MgmtNwkUpdateRequest>,
        [ZdpClusterId.MgmtNwkEnhancedUpdateRequest] = Run<MgmtNwkEnhancedUpdateRequest>,
        [ZdpClusterId.NwkAddrResponse] = Run<NwkAddrResponse>,
        [ZdpClusterId.IeeeAddrResponse] = Run<IeeeAddrResponse>,
        [ZdpClusterId.NodeDescResponse] = Run<NodeDescResponse>,
        [ZdpClusterId.PowerDescResponse] = Run<PowerDescResponse>,
        [ZdpClusterId.SimpleDescResponse] = Run<SimpleDescResponse>,
        [ZdpClusterId.ActiveEpResponse] = Run<ActiveEpResponse>,
        [ZdpClusterId.MatchDescResponse] = Run<MatchDescResponse>,
        [ZdpClusterId.SystemServerDiscoveryResponse] = Run<SystemServerDiscoveryResponse>,
        [ZdpClusterId.ParentAnnceResponse] = Run<ParentAnnceResponse>,
        [ZdpClusterId.EndDeviceBindResponse] = Run<EndDeviceBindResponse>,
        [ZdpClusterId.BindResponse] = Run<BindResponse>,
        [ZdpClusterId.UnbindResponse] = Run<UnbindResponse>,
        [ZdpClusterId.MgmtLqiResponse] = Run<MgmtLqiResponse>,
        [ZdpClusterId.MgmtRtgResponse] = Run<MgmtRtgResponse>,
        [ZdpClusterId.MgmtBindResponse] = Run<MgmtBindResponse>,
        [ZdpClusterId.MgmtLeaveResponse] = Run<MgmtLeaveResponse>,
        [ZdpClusterId.MgmtPermitJoiningResponse] = Run<MgmtPermitJoiningResponse>,
        [ZdpClusterId.MgmtNwkUpdateNotify] = Run<MgmtNwkUpdateNotify>,
    };

    /// <summary>The clusters that end in optional fields (the address responses' associated devices), so a cut frame may be a shorter valid one.</summary>
    public static readonly ZdpClusterId[] OpenEnded = [ZdpClusterId.NwkAddrResponse, ZdpClusterId.IeeeAddrResponse];

    private static int Run<T>(ReadOnlySpan<byte> fields, Span<byte> again)
        where T : IZdpMessage<T>, allows ref struct
    {
        if (!T.TryDecode(fields, out var value))
        {
            return -1;
        }

        var length = value.Encode(again);
        if (length != value.Length)
        {
            Assert.Fail($"{typeof(T).Name}: Encode wrote {length} bytes, Length says {value.Length}");
        }

        return length;
    }
}
