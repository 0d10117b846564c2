using ZigBee.Aps.Service;
using ZigBee.Aps.Service.Primitives;
using ZigBee.Zdo.Frames;

namespace ZigBee.Tests.Zdo.Fakes;

/// <summary>
/// An in-memory APS data service for ZDO tests: it records every APSDE-DATA.request (with a copy of its ASDU, as the
/// ZDO reuses its frame buffer), confirms with <see cref="ConfirmStatus"/>, hands the frame to its
/// <see cref="FakeApsNetwork"/> when it has one, and lets a test inject indications.
/// </summary>
internal sealed class FakeApsDataService(ushort networkAddress, ulong extendedAddress) : IApsDataService
{
    public ushort NetworkAddress { get; set; } = networkAddress;

    public ulong ExtendedAddress { get; } = extendedAddress;

    /// <summary>Every request, oldest first.</summary>
    public List<SentFrame> Sent { get; } = [];

    /// <summary>The confirm status of every request (a failure is not carried to the network).</summary>
    public ApsStatus ConfirmStatus { get; set; } = ApsStatus.Success;

    public FakeApsNetwork? Network { get; set; }

    public event ApsdeDataIndicationHandler? DataIndication;

    public Task<ApsdeDataConfirm> DataRequestAsync(ApsdeDataRequest request, CancellationToken cancellationToken = default)
    {
        var frame = new SentFrame((ushort)request.DstAddress, (ZdpClusterId)request.ClusterId, request.Asdu.ToArray(), request.TxOptions, request.ProfileId,
            request.DstEndpoint, request.SrcEndpoint);
        Sent.Add(frame);
        if (ConfirmStatus == ApsStatus.Success)
        {
            Network?.Carry(this, frame);
        }

        return Task.FromResult(new ApsdeDataConfirm(request.DstAddrMode, request.DstAddress, request.DstEndpoint, request.SrcEndpoint, ConfirmStatus, default));
    }

    /// <summary>Raises APSDE-DATA.indication as our APS would for a ZDP frame from <paramref name="source"/>.</summary>
    public void Deliver(ushort source, ushort destination, ZdpClusterId cluster, byte[] asdu, bool broadcast = false, ushort profile = ZdpFrame.ProfileId,
        byte dstEndpoint = ZdpFrame.Endpoint, ApsStatus status = ApsStatus.Success) =>
        DataIndication?.Invoke(new ApsdeDataIndication(ApsAddressMode.Short, destination, dstEndpoint, source, 0, ZdpFrame.Endpoint, profile, (ushort)cluster,
            asdu, status, false, 255, default, broadcast));
}

/// <summary>One APSDE-DATA.request as the fake recorded it.</summary>
internal readonly record struct SentFrame(
    ushort Destination, ZdpClusterId Cluster, byte[] Asdu, ApsTxOptions Options, ushort ProfileId, byte DstEndpoint, byte SrcEndpoint)
{
    public byte Sequence => Asdu[0];

    public ReadOnlySpan<byte> Fields => Asdu.AsSpan(1);

    /// <summary>The first field of every ZDP response.</summary>
    public ZdpStatus Status => (ZdpStatus)Asdu[1];

    public bool IsResponse => ZdpFrame.IsResponse(Cluster);
}
