namespace ZigBee.Zdo.Frames;

/// <summary>
/// The ZigBee Device Profile clusters of R22 (§2.4.3, §2.4.4) this codec reads and writes. A response's cluster is its
/// request's cluster with bit 15 set; Mgmt_NWK_Enhanced_Update_req is answered by Mgmt_NWK_Update_notify.
/// </summary>
public enum ZdpClusterId : ushort
{
    NwkAddrRequest = 0x0000,
    IeeeAddrRequest = 0x0001,
    NodeDescRequest = 0x0002,
    PowerDescRequest = 0x0003,
    SimpleDescRequest = 0x0004,
    ActiveEpRequest = 0x0005,
    MatchDescRequest = 0x0006,
    DeviceAnnce = 0x0013,
    SystemServerDiscoveryRequest = 0x0015,
    ParentAnnce = 0x001F,
    EndDeviceBindRequest = 0x0020,
    BindRequest = 0x0021,
    UnbindRequest = 0x0022,
    MgmtLqiRequest = 0x0031,
    MgmtRtgRequest = 0x0032,
    MgmtBindRequest = 0x0033,
    MgmtLeaveRequest = 0x0034,
    MgmtPermitJoiningRequest = 0x0036,
    MgmtNwkUpdateRequest = 0x0038,
    MgmtNwkEnhancedUpdateRequest = 0x0039,

    NwkAddrResponse = 0x8000,
    IeeeAddrResponse = 0x8001,
    NodeDescResponse = 0x8002,
    PowerDescResponse = 0x8003,
    SimpleDescResponse = 0x8004,
    ActiveEpResponse = 0x8005,
    MatchDescResponse = 0x8006,
    SystemServerDiscoveryResponse = 0x8015,
    ParentAnnceResponse = 0x801F,
    EndDeviceBindResponse = 0x8020,
    BindResponse = 0x8021,
    UnbindResponse = 0x8022,
    MgmtLqiResponse = 0x8031,
    MgmtRtgResponse = 0x8032,
    MgmtBindResponse = 0x8033,
    MgmtLeaveResponse = 0x8034,
    MgmtPermitJoiningResponse = 0x8036,
    MgmtNwkUpdateNotify = 0x8038,
}
