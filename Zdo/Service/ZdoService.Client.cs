using ZigBee.Aps.Service.Primitives;
using ZigBee.Zdo.Frames;

namespace ZigBee.Zdo.Service;

/// <summary>
/// The client side (R22 §2.4.3): each method sends one request and returns the typed response, matched by cluster and
/// transaction sequence number, or <see cref="ZdpStatus.Timeout"/> after <see cref="ZdoServiceOptions.ResponseTimeout"/>
/// (virtual time in a simulation). Broadcast requests collect responses for <see cref="ZdoServiceOptions.BroadcastResponseWindow"/>.
/// </summary>
public sealed partial class ZdoService
{
    /// <summary>NWK_addr_req, by default broadcast to every rx-on-when-idle device: the network address of <paramref name="ieeeAddress"/>.</summary>
    public async Task<ZdoResult<ZdoAddresses>> NetworkAddressAsync(
        ulong ieeeAddress, bool extended = false, byte startIndex = 0, ushort destination = ZdpBroadcast.RxOnWhenIdle, CancellationToken cancellationToken = default)
    {
        var type = extended ? ZdpAddressRequestType.Extended : ZdpAddressRequestType.Single;
        var reply = await RequestAsync(destination, Encode(new NwkAddrRequest(ieeeAddress, type, startIndex)), cancellationToken).ConfigureAwait(true);
        return reply is { } r && NwkAddrResponse.TryDecode(r.Fields, out var response)
            ? new(response.Status, r.SourceAddress, Addresses(response.IeeeAddress, response.NwkAddress, response.StartIndex, response.AssociatedDevices))
            : Failed<ZdoAddresses>(reply);
    }

    /// <summary>IEEE_addr_req to <paramref name="networkAddress"/>: its IEEE address (and, extended, a page of its children).</summary>
    public async Task<ZdoResult<ZdoAddresses>> IeeeAddressAsync(ushort networkAddress, bool extended = false, byte startIndex = 0, CancellationToken cancellationToken = default)
    {
        var type = extended ? ZdpAddressRequestType.Extended : ZdpAddressRequestType.Single;
        var reply = await RequestAsync(networkAddress, Encode(new IeeeAddrRequest(networkAddress, type, startIndex)), cancellationToken).ConfigureAwait(true);
        return reply is { } r && IeeeAddrResponse.TryDecode(r.Fields, out var response)
            ? new(response.Status, r.SourceAddress, Addresses(response.IeeeAddress, response.NwkAddress, response.StartIndex, response.AssociatedDevices))
            : Failed<ZdoAddresses>(reply);
    }

    public async Task<ZdoResult<NodeDescriptor>> NodeDescriptorAsync(ushort networkAddress, CancellationToken cancellationToken = default)
    {
        var reply = await RequestAsync(networkAddress, Encode(new NodeDescRequest(networkAddress)), cancellationToken).ConfigureAwait(true);
        return reply is { } r && NodeDescResponse.TryDecode(r.Fields, out var response)
            ? new(response.Status, r.SourceAddress, response.Descriptor)
            : Failed<NodeDescriptor>(reply);
    }

    public async Task<ZdoResult<PowerDescriptor>> PowerDescriptorAsync(ushort networkAddress, CancellationToken cancellationToken = default)
    {
        var reply = await RequestAsync(networkAddress, Encode(new PowerDescRequest(networkAddress)), cancellationToken).ConfigureAwait(true);
        return reply is { } r && PowerDescResponse.TryDecode(r.Fields, out var response)
            ? new(response.Status, r.SourceAddress, response.Descriptor)
            : Failed<PowerDescriptor>(reply);
    }

    /// <summary>Active_EP_req: the application endpoints of <paramref name="networkAddress"/>.</summary>
    public async Task<ZdoResult<IReadOnlyList<byte>>> ActiveEndpointsAsync(ushort networkAddress, CancellationToken cancellationToken = default)
    {
        var reply = await RequestAsync(networkAddress, Encode(new ActiveEpRequest(networkAddress)), cancellationToken).ConfigureAwait(true);
        return reply is { } r && ActiveEpResponse.TryDecode(r.Fields, out var response)
            ? new(response.Status, r.SourceAddress, ToArray(response.ActiveEndpoints))
            : Failed<IReadOnlyList<byte>>(reply);
    }

    /// <summary>Simple_Desc_req: the simple descriptor of one endpoint.</summary>
    public async Task<ZdoResult<ZdoEndpoint>> SimpleDescriptorAsync(ushort networkAddress, byte endpoint, CancellationToken cancellationToken = default)
    {
        var reply = await RequestAsync(networkAddress, Encode(new SimpleDescRequest(networkAddress, endpoint)), cancellationToken).ConfigureAwait(true);
        return reply is { } r && SimpleDescResponse.TryDecode(r.Fields, out var response)
            ? new(response.Status, r.SourceAddress, response.Status == ZdpStatus.Success ? ZdoEndpoint.From(response.Descriptor) : null)
            : Failed<ZdoEndpoint>(reply);
    }

    /// <summary>
    /// Match_Desc_req, by default broadcast: every device with an endpoint of <paramref name="profileId"/> that serves
    /// one of <paramref name="inputClusters"/> or uses one of <paramref name="outputClusters"/>, as the responses came.
    /// </summary>
    public async Task<IReadOnlyList<ZdoMatch>> MatchDescriptorAsync(
        ushort profileId, IReadOnlyList<ushort> inputClusters, IReadOnlyList<ushort> outputClusters, ushort destination = ZdpBroadcast.RxOnWhenIdle,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputClusters);
        ArgumentNullException.ThrowIfNull(outputClusters);
        var input = inputClusters.ToArray();
        var output = outputClusters.ToArray();
        var request = Encode(new MatchDescRequest
        {
            NwkAddrOfInterest = destination, ProfileId = profileId,
            InputClusters = new ZdpValueList<ushort>(input), OutputClusters = new ZdpValueList<ushort>(output),
        });
        var replies = ZdpBroadcast.IsBroadcast(destination)
            ? await CollectAsync(destination, request, cancellationToken).ConfigureAwait(true)
            : await RequestAsync(destination, request, cancellationToken).ConfigureAwait(true) is { } one ? [one] : [];
        var matches = new List<ZdoMatch>();
        foreach (var reply in replies)
        {
            if (MatchDescResponse.TryDecode(reply.Fields, out var response) && response.Status == ZdpStatus.Success && response.MatchList.Count > 0)
            {
                matches.Add(new ZdoMatch(response.NwkAddrOfInterest, ToArray(response.MatchList)));
            }
        }

        return matches;
    }

    /// <summary>System_Server_Discovery_req broadcast: the devices whose server mask has one of <paramref name="serverMask"/>'s bits.</summary>
    public async Task<IReadOnlyList<(ushort NetworkAddress, ZdpServerMask ServerMask)>> SystemServerDiscoveryAsync(ZdpServerMask serverMask, CancellationToken cancellationToken = default)
    {
        var replies = await CollectAsync(ZdpBroadcast.RxOnWhenIdle, Encode(new SystemServerDiscoveryRequest(serverMask)), cancellationToken).ConfigureAwait(true);
        var servers = new List<(ushort, ZdpServerMask)>();
        foreach (var reply in replies)
        {
            if (SystemServerDiscoveryResponse.TryDecode(reply.Fields, out var response) && response.Status == ZdpStatus.Success)
            {
                servers.Add((reply.SourceAddress, response.ServerMask));
            }
        }

        return servers;
    }

    /// <summary>Bind_req to <paramref name="target"/> (the binding's source device): its APS binding table gains the entry.</summary>
    public async Task<ZdpStatus> BindAsync(ushort target, ZdpBinding binding, CancellationToken cancellationToken = default)
    {
        var reply = await RequestAsync(target, Encode(new BindRequest(binding)), cancellationToken).ConfigureAwait(true);
        return reply is { } r && BindResponse.TryDecode(r.Fields, out var response) ? response.Status : Failed<int>(reply).Status;
    }

    /// <summary>Unbind_req to <paramref name="target"/>: the entry leaves its APS binding table.</summary>
    public async Task<ZdpStatus> UnbindAsync(ushort target, ZdpBinding binding, CancellationToken cancellationToken = default)
    {
        var reply = await RequestAsync(target, Encode(new UnbindRequest(binding)), cancellationToken).ConfigureAwait(true);
        return reply is { } r && UnbindResponse.TryDecode(r.Fields, out var response) ? response.Status : Failed<int>(reply).Status;
    }

    /// <summary>Mgmt_Lqi_req: one page of <paramref name="target"/>'s neighbor table from <paramref name="startIndex"/>.</summary>
    public async Task<ZdoResult<ZdoTablePage<ZdpNeighborTableEntry>>> NeighborTableAsync(ushort target, byte startIndex = 0, CancellationToken cancellationToken = default)
    {
        var reply = await RequestAsync(target, Encode(new MgmtLqiRequest(startIndex)), cancellationToken).ConfigureAwait(true);
        return reply is { } r && MgmtLqiResponse.TryDecode(r.Fields, out var response)
            ? new(response.Status, r.SourceAddress, new ZdoTablePage<ZdpNeighborTableEntry>(response.NeighborTableEntries, response.StartIndex, ToArray(response.Neighbors)))
            : Failed<ZdoTablePage<ZdpNeighborTableEntry>>(reply);
    }

    /// <summary>Mgmt_Rtg_req: one page of <paramref name="target"/>'s routing table from <paramref name="startIndex"/>.</summary>
    public async Task<ZdoResult<ZdoTablePage<ZdpRoutingTableEntry>>> RoutingTableAsync(ushort target, byte startIndex = 0, CancellationToken cancellationToken = default)
    {
        var reply = await RequestAsync(target, Encode(new MgmtRtgRequest(startIndex)), cancellationToken).ConfigureAwait(true);
        return reply is { } r && MgmtRtgResponse.TryDecode(r.Fields, out var response)
            ? new(response.Status, r.SourceAddress, new ZdoTablePage<ZdpRoutingTableEntry>(response.RoutingTableEntries, response.StartIndex, ToArray(response.Routes)))
            : Failed<ZdoTablePage<ZdpRoutingTableEntry>>(reply);
    }

    /// <summary>Mgmt_Bind_req: one page of <paramref name="target"/>'s binding table from <paramref name="startIndex"/>.</summary>
    public async Task<ZdoResult<ZdoTablePage<ZdpBinding>>> BindingTableAsync(ushort target, byte startIndex = 0, CancellationToken cancellationToken = default)
    {
        var reply = await RequestAsync(target, Encode(new MgmtBindRequest(startIndex)), cancellationToken).ConfigureAwait(true);
        return reply is { } r && MgmtBindResponse.TryDecode(r.Fields, out var response)
            ? new(response.Status, r.SourceAddress, new ZdoTablePage<ZdpBinding>(response.BindingTableEntries, response.StartIndex, ToArray(response.Bindings)))
            : Failed<ZdoTablePage<ZdpBinding>>(reply);
    }

    /// <summary>
    /// Every page of a remote table: asks from index 0 until the pages cover the table's size (or a page comes back
    /// empty or failed, whose status is returned with what was gathered).
    /// </summary>
    public async Task<ZdoResult<IReadOnlyList<T>>> WholeTableAsync<T>(
        Func<ushort, byte, CancellationToken, Task<ZdoResult<ZdoTablePage<T>>>> page, ushort target, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(page);
        var entries = new List<T>();
        while (entries.Count < 256)
        {
            var result = await page(target, (byte)entries.Count, cancellationToken).ConfigureAwait(true);
            if (!result.IsSuccess || result.Value is not { } value)
            {
                return new(result.Status, target, entries);
            }

            entries.AddRange(value.Entries);
            if (value.Entries.Count == 0 || entries.Count >= value.TotalEntries)
            {
                break;
            }
        }

        return new(ZdpStatus.Success, target, entries);
    }

    /// <summary>Mgmt_Leave_req to <paramref name="target"/>: it leaves (<paramref name="device"/> = its own IEEE address or 0) or asks its child <paramref name="device"/> to.</summary>
    public async Task<ZdpStatus> LeaveAsync(ushort target, ulong device, bool removeChildren = false, bool rejoin = false, CancellationToken cancellationToken = default)
    {
        var reply = await RequestAsync(target, Encode(new MgmtLeaveRequest(device, removeChildren, rejoin)), cancellationToken).ConfigureAwait(true);
        return reply is { } r && MgmtLeaveResponse.TryDecode(r.Fields, out var response) ? response.Status : Failed<int>(reply).Status;
    }

    /// <summary>
    /// Mgmt_Permit_Joining_req: to one device (its status), or broadcast to every router (R22 §2.4.3.3.7: no response;
    /// Success once sent, and this node opens too, as the broadcast does not come back to it).
    /// </summary>
    public async Task<ZdpStatus> PermitJoiningAsync(ushort target, byte duration, CancellationToken cancellationToken = default)
    {
        var request = Encode(new MgmtPermitJoiningRequest(duration));
        if (ZdpBroadcast.IsBroadcast(target))
        {
            var confirm = await SendRequestAsync(target, request, cancellationToken).ConfigureAwait(true);
            var local = await _node.PermitJoiningAsync(duration).ConfigureAwait(true);
            return confirm == Aps.Service.ApsStatus.Success ? local : ZdpStatus.NotPermitted;
        }

        var reply = await RequestAsync(target, request, cancellationToken).ConfigureAwait(true);
        return reply is { } r && MgmtPermitJoiningResponse.TryDecode(r.Fields, out var response) ? response.Status : Failed<int>(reply).Status;
    }

    /// <summary>Mgmt_NWK_Update_req energy scan (duration 0–5) on <paramref name="target"/>: its Mgmt_NWK_Update_notify.</summary>
    public async Task<ZdoResult<ZdoEnergyScan>> EnergyScanAsync(ushort target, uint channels, byte scanDuration, byte scanCount = 1, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(scanDuration, ZdpScanDuration.MaximumScan);
        var reply = await RequestAsync(target, Encode(MgmtNwkUpdateRequest.EnergyScan(channels, scanDuration, scanCount)), cancellationToken).ConfigureAwait(true);
        return reply is { } r && MgmtNwkUpdateNotify.TryDecode(r.Fields, out var notify)
            ? new(notify.Status, r.SourceAddress, new ZdoEnergyScan(notify.Status, notify.ScannedChannels, ToArray(notify.EnergyValues), notify.TotalTransmissions, notify.TransmissionFailures))
            : Failed<ZdoEnergyScan>(reply);
    }

    /// <summary>
    /// The network manager's channel change (R22 §3.6.1.12.2): Mgmt_NWK_Update_req with duration 0xFE and nwkUpdateId + 1,
    /// broadcast to every device; each moves after <see cref="ZdoServiceOptions.ChannelChangeDelay"/>, and so does this one.
    /// </summary>
    public async Task<ZdpStatus> ChangeChannelAsync(byte channel, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(channel, (byte)11);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(channel, (byte)26);
        var updateId = unchecked((byte)(_node.NwkUpdateId + 1));
        var confirm = await SendRequestAsync(ZdpBroadcast.AllDevices, Encode(MgmtNwkUpdateRequest.ChannelChange(1u << channel, updateId)), cancellationToken).ConfigureAwait(true);
        if (confirm != Aps.Service.ApsStatus.Success)
        {
            return ZdpStatus.NotPermitted;
        }

        await Task.Delay(Options.ChannelChangeDelay, _time, cancellationToken).ConfigureAwait(true);
        return await _node.ChangeChannelAsync(channel, updateId).ConfigureAwait(true);
    }

    private static ZdoAddresses Addresses(ulong ieee, ushort nwk, byte start, ZdpValueList<ushort> devices) =>
        new(ieee, nwk, start, ToArray(devices));

    /// <summary>
    /// No response (TIMEOUT), or one whose fields did not decode: its own status when it names a failure, else
    /// INV_REQUESTTYPE (a "success" the caller cannot read is no success).
    /// </summary>
    private static ZdoResult<T> Failed<T>(ZdpReply? reply)
    {
        if (reply is not { } r)
        {
            return new(ZdpStatus.Timeout, 0xFFFF, default);
        }

        var status = r.Fields.Length > 0 ? (ZdpStatus)r.Fields[0] : ZdpStatus.Success;
        return new(status == ZdpStatus.Success ? ZdpStatus.InvRequestType : status, r.SourceAddress, default);
    }

    private static T[] ToArray<T>(ZdpValueList<T> list)
        where T : unmanaged, System.Numerics.IBinaryInteger<T>
    {
        var array = new T[list.Count];
        for (var i = 0; i < array.Length; i++)
        {
            array[i] = list[i];
        }

        return array;
    }

    private static T[] ToArray<T>(ZdpEntryList<T> list)
        where T : struct, IZdpEntry<T>
    {
        var array = new T[list.Count];
        var i = 0;
        foreach (var entry in list)
        {
            array[i++] = entry;
        }

        return array;
    }

    /// <summary>A request encoded (sequence number left for the sender), ready to go.</summary>
    private static OutgoingRequest Encode<T>(T message)
        where T : IZdpMessage<T>, allows ref struct
    {
        var fields = new byte[message.Length];
        message.Encode(fields);
        return new OutgoingRequest(T.ClusterId, fields);
    }

    /// <summary>Sends a request and waits for the first response with its sequence number; null on timeout.</summary>
    private async Task<ZdpReply?> RequestAsync(ushort destination, OutgoingRequest request, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var sequence = NextSequence();
        var key = (ZdpFrame.ResponseFor(request.Cluster), sequence);
        var pending = new PendingRequest(collect: false);
        _pending[key] = pending;
        try
        {
            var confirm = await SendRequestAsync(destination, request, cancellationToken, sequence).ConfigureAwait(true);
            if (confirm != Aps.Service.ApsStatus.Success && !pending.Completion.Task.IsCompleted)
            {
                // No route, no acknowledgement: the request never arrived, so no response will.
                Counters.RequestTimeouts++;
                return null;
            }

            return await pending.Completion.Task.WaitAsync(Options.ResponseTimeout, _time, cancellationToken).ConfigureAwait(true);
        }
        catch (TimeoutException)
        {
            Counters.RequestTimeouts++;
            return null;
        }
        finally
        {
            _pending.Remove(key);
        }
    }

    /// <summary>Sends a broadcast request and gathers every response for the response window.</summary>
    private async Task<IReadOnlyList<ZdpReply>> CollectAsync(ushort destination, OutgoingRequest request, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var sequence = NextSequence();
        var key = (ZdpFrame.ResponseFor(request.Cluster), sequence);
        var pending = new PendingRequest(collect: true);
        _pending[key] = pending;
        try
        {
            await SendRequestAsync(destination, request, cancellationToken, sequence).ConfigureAwait(true);
            await Task.Delay(Options.BroadcastResponseWindow, _time, cancellationToken).ConfigureAwait(true);
            return pending.Replies!.ToArray();
        }
        finally
        {
            _pending.Remove(key);
        }
    }

    private Task<Aps.Service.ApsStatus> SendRequestAsync(ushort destination, OutgoingRequest request, CancellationToken cancellationToken) =>
        SendRequestAsync(destination, request, cancellationToken, NextSequence());

    private async Task<Aps.Service.ApsStatus> SendRequestAsync(ushort destination, OutgoingRequest request, CancellationToken cancellationToken, byte sequence)
    {
        var frame = new byte[1 + request.Fields.Length];
        frame[0] = sequence;
        request.Fields.CopyTo(frame, 1);
        var broadcast = ZdpBroadcast.IsBroadcast(destination);
        var confirm = await _aps.DataRequestAsync(
            ApsdeDataRequest.ToShort(destination, ZdpFrame.Endpoint, ZdpFrame.ProfileId, (ushort)request.Cluster, ZdpFrame.Endpoint, frame,
                broadcast ? ApsTxOptions.None : ApsTxOptions.Acknowledged),
            cancellationToken).ConfigureAwait(true);
        if (confirm.Status != Aps.Service.ApsStatus.Success)
        {
            Counters.SendFailures++;
        }

        return confirm.Status;
    }

    private void OnResponse(ZdpClusterId cluster, byte sequence, ushort source, ReadOnlySpan<byte> fields)
    {
        if (!_pending.TryGetValue((cluster, sequence), out var pending))
        {
            Counters.ResponsesUnmatched++;
            return;
        }

        Counters.ResponsesMatched++;
        var reply = new ZdpReply(source, sequence, cluster, fields.ToArray());
        if (pending.Replies is { } replies)
        {
            replies.Add(reply);
        }
        else
        {
            pending.Completion.TrySetResult(reply);
        }
    }

    private readonly record struct OutgoingRequest(ZdpClusterId Cluster, byte[] Fields);
}
