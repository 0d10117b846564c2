using ZigBee.Aps.Service.Primitives;
using ZigBee.Zdo.Frames;

namespace ZigBee.Zdo.Service;

/// <summary>The server side (R22 §2.4.4): every request answered from the node's real state, with the spec's status for what it cannot do.</summary>
public sealed partial class ZdoService
{
    /// <summary>A Mgmt_Lqi/Rtg/Bind_rsp before its entries: sequence number, status, table size, start index, entry count.</summary>
    private const int TablePageHeader = 5;

    private readonly ushort[] _children = new ushort[256];

    private void OnRequest(in ApsdeDataIndication indication, ZdpClusterId cluster, byte sequence, ReadOnlySpan<byte> fields)
    {
        var request = new Incoming(indication.SrcAddress, sequence, indication.WasBroadcast || ZdpBroadcast.IsBroadcast(indication.DstAddress));
        var served = cluster switch
        {
            ZdpClusterId.NwkAddrRequest => ServeNwkAddr(request, fields),
            ZdpClusterId.IeeeAddrRequest => ServeIeeeAddr(request, fields),
            ZdpClusterId.NodeDescRequest => ServeNodeDesc(request, fields),
            ZdpClusterId.PowerDescRequest => ServePowerDesc(request, fields),
            ZdpClusterId.SimpleDescRequest => ServeSimpleDesc(request, fields),
            ZdpClusterId.ActiveEpRequest => ServeActiveEp(request, fields),
            ZdpClusterId.MatchDescRequest => ServeMatchDesc(request, fields),
            ZdpClusterId.DeviceAnnce => OnDeviceAnnce(fields),
            ZdpClusterId.ParentAnnce => ServeParentAnnce(request, fields),
            ZdpClusterId.SystemServerDiscoveryRequest => ServeSystemServerDiscovery(request, fields),
            ZdpClusterId.BindRequest => ServeBind(request, fields, bind: true),
            ZdpClusterId.UnbindRequest => ServeBind(request, fields, bind: false),
            ZdpClusterId.MgmtLqiRequest => ServeMgmtLqi(request, fields),
            ZdpClusterId.MgmtRtgRequest => ServeMgmtRtg(request, fields),
            ZdpClusterId.MgmtBindRequest => ServeMgmtBind(request, fields),
            ZdpClusterId.MgmtLeaveRequest => ServeMgmtLeave(request, fields),
            ZdpClusterId.MgmtPermitJoiningRequest => ServeMgmtPermitJoining(request, fields),
            ZdpClusterId.MgmtNwkUpdateRequest => ServeMgmtNwkUpdate(request, fields),
            ZdpClusterId.MgmtNwkEnhancedUpdateRequest => ServeMgmtNwkEnhancedUpdate(request, fields),
            _ => Serve.NotSupported,
        };

        switch (served)
        {
            case Serve.Done:
                Counters.RequestsServed++;
                break;
            case Serve.Malformed:
                // A request whose fields do not decode: the request type is invalid for this cluster.
                Counters.MalformedRequests++;
                RespondStatusOnly(request, cluster, ZdpStatus.InvRequestType);
                break;
            case Serve.NotSupported:
                // R22 §2.4.4: a request this device does not serve is answered NOT_SUPPORTED (never to a broadcast).
                Counters.RequestsNotSupported++;
                RespondStatusOnly(request, cluster, ZdpStatus.NotSupported);
                break;
        }
    }

    private void RespondStatusOnly(in Incoming request, ZdpClusterId cluster, ZdpStatus status)
    {
        if (request.Broadcast || cluster == ZdpClusterId.DeviceAnnce)
        {
            return;
        }

        _frame[0] = request.Sequence;
        _frame[1] = (byte)status;
        Send(request.Source, ZdpFrame.ResponseFor(cluster), 2, acknowledged: true);
    }

    private void Respond<T>(in Incoming request, T message)
        where T : IZdpMessage<T>, allows ref struct
    {
        var length = ZdpFrame.Encode(request.Sequence, message, _frame);
        Send(request.Source, T.ClusterId, length, acknowledged: true);
    }

    private Serve ServeNwkAddr(in Incoming request, ReadOnlySpan<byte> fields)
    {
        if (!NwkAddrRequest.TryDecode(fields, out var message))
        {
            return Serve.Malformed;
        }

        var (status, ieee, nwk, self) = message.IeeeAddress == IeeeAddress
            ? (ZdpStatus.Success, IeeeAddress, NetworkAddress, true)
            : _node.TryFindEndDeviceChild(message.IeeeAddress, out var child)
                ? (ZdpStatus.Success, message.IeeeAddress, child, false)
                : (ZdpStatus.DeviceNotFound, message.IeeeAddress, (ushort)0xFFFF, false);
        if (message.RequestType is not (ZdpAddressRequestType.Single or ZdpAddressRequestType.Extended))
        {
            status = ZdpStatus.InvRequestType;
        }

        // R22 §2.4.4.2.1: a broadcast request is answered only by the device (or the parent of the end device) it names.
        if (status != ZdpStatus.Success && request.Broadcast)
        {
            return Serve.Done;
        }

        var extended = self && status == ZdpStatus.Success && message.RequestType == ZdpAddressRequestType.Extended;
        var devices = ChildPage(extended, message.StartIndex);
        Respond(request, new NwkAddrResponse
        {
            Status = status, IeeeAddress = ieee, NwkAddress = nwk, IsExtended = extended,
            StartIndex = message.StartIndex, AssociatedDevices = new ZdpValueList<ushort>(devices),
        });
        return Serve.Done;
    }

    private Serve ServeIeeeAddr(in Incoming request, ReadOnlySpan<byte> fields)
    {
        if (!IeeeAddrRequest.TryDecode(fields, out var message))
        {
            return Serve.Malformed;
        }

        var (status, ieee, nwk, self) = message.NwkAddrOfInterest == NetworkAddress
            ? (ZdpStatus.Success, IeeeAddress, NetworkAddress, true)
            : _node.TryFindEndDeviceChild(message.NwkAddrOfInterest, out var child)
                ? (ZdpStatus.Success, child, message.NwkAddrOfInterest, false)
                : (ZdpStatus.DeviceNotFound, 0xFFFFFFFFFFFFFFFFUL, message.NwkAddrOfInterest, false);
        if (message.RequestType is not (ZdpAddressRequestType.Single or ZdpAddressRequestType.Extended))
        {
            status = ZdpStatus.InvRequestType;
        }

        if (status != ZdpStatus.Success && request.Broadcast)
        {
            return Serve.Done;
        }

        var extended = self && status == ZdpStatus.Success && message.RequestType == ZdpAddressRequestType.Extended;
        var devices = ChildPage(extended, message.StartIndex);
        Respond(request, new IeeeAddrResponse
        {
            Status = status, IeeeAddress = ieee, NwkAddress = nwk, IsExtended = extended,
            StartIndex = message.StartIndex, AssociatedDevices = new ZdpValueList<ushort>(devices),
        });
        return Serve.Done;
    }

    /// <summary>
    /// The page of this node's children an extended address response lists from <paramref name="start"/>; NumAssocDev
    /// counts the addresses of this page (R22 §2.4.4.2.1), so a requester pages on until one comes back empty.
    /// </summary>
    private ReadOnlySpan<ushort> ChildPage(bool extended, byte start)
    {
        if (!extended)
        {
            return default;
        }

        var count = Math.Min(_node.CopyChildren(_children), 255);
        if (start >= count)
        {
            return default;
        }

        // Sequence number, status, IEEE and NWK address, count and start index take 14 octets; 2 octets per child after them.
        var room = (Options.MaxResponsePayload - 14) / 2;
        return _children.AsSpan(start, Math.Min(room, count - start));
    }

    /// <summary>
    /// Whom a descriptor request names (R22 §2.4.4.2.3): this node (success), an end device child whose descriptors
    /// are not cached here (NO_DESCRIPTOR), nobody a router knows (DEVICE_NOT_FOUND); an end device asked about
    /// another device answers INV_REQUESTTYPE.
    /// </summary>
    private ZdpStatus DescriptorTarget(ushort nwkAddrOfInterest)
    {
        if (nwkAddrOfInterest == NetworkAddress)
        {
            return ZdpStatus.Success;
        }

        if (_node.NodeDescriptor.LogicalType == ZdpLogicalType.EndDevice)
        {
            return ZdpStatus.InvRequestType;
        }

        return _node.TryFindEndDeviceChild(nwkAddrOfInterest, out ulong _) ? ZdpStatus.NoDescriptor : ZdpStatus.DeviceNotFound;
    }

    private Serve ServeNodeDesc(in Incoming request, ReadOnlySpan<byte> fields)
    {
        if (!NodeDescRequest.TryDecode(fields, out var message))
        {
            return Serve.Malformed;
        }

        var status = DescriptorTarget(message.NwkAddrOfInterest);
        Respond(request, status == ZdpStatus.Success
            ? new NodeDescResponse(status, message.NwkAddrOfInterest, _node.NodeDescriptor)
            : NodeDescResponse.Failure(status, message.NwkAddrOfInterest));
        return Serve.Done;
    }

    private Serve ServePowerDesc(in Incoming request, ReadOnlySpan<byte> fields)
    {
        if (!PowerDescRequest.TryDecode(fields, out var message))
        {
            return Serve.Malformed;
        }

        var status = DescriptorTarget(message.NwkAddrOfInterest);
        Respond(request, status == ZdpStatus.Success
            ? new PowerDescResponse(status, message.NwkAddrOfInterest, _node.PowerDescriptor)
            : PowerDescResponse.Failure(status, message.NwkAddrOfInterest));
        return Serve.Done;
    }

    private Serve ServeSimpleDesc(in Incoming request, ReadOnlySpan<byte> fields)
    {
        if (!SimpleDescRequest.TryDecode(fields, out var message))
        {
            return Serve.Malformed;
        }

        var status = DescriptorTarget(message.NwkAddrOfInterest);
        ZdoEndpoint? endpoint = null;
        if (message.Endpoint is 0 or > 240)
        {
            status = ZdpStatus.InvalidEp;
        }
        else if (status == ZdpStatus.Success && !_endpoints.TryGetValue(message.Endpoint, out endpoint))
        {
            status = ZdpStatus.NotActive;
        }

        if (status != ZdpStatus.Success || endpoint is null)
        {
            Respond(request, new SimpleDescResponse { Status = status, NwkAddrOfInterest = message.NwkAddrOfInterest });
            return Serve.Done;
        }

        Span<ushort> input = stackalloc ushort[endpoint.InputClusters.Count];
        Span<ushort> output = stackalloc ushort[endpoint.OutputClusters.Count];
        Copy(endpoint.InputClusters, input);
        Copy(endpoint.OutputClusters, output);
        var descriptor = new SimpleDescriptor
        {
            Endpoint = endpoint.Endpoint, ProfileId = endpoint.ProfileId, DeviceId = endpoint.DeviceId, DeviceVersion = endpoint.DeviceVersion,
            InputClusters = new ZdpValueList<ushort>(input), OutputClusters = new ZdpValueList<ushort>(output),
        };
        var response = new SimpleDescResponse { Status = status, NwkAddrOfInterest = message.NwkAddrOfInterest, Descriptor = descriptor };
        if (ZdpFrame.Length(response) > _frame.Length)
        {
            // A descriptor too long for one frame would need fragmentation (R22 §2.4.4.2.5 lets a device say so).
            Respond(request, new SimpleDescResponse { Status = ZdpStatus.InsufficientSpace, NwkAddrOfInterest = message.NwkAddrOfInterest });
            return Serve.Done;
        }

        Respond(request, response);
        return Serve.Done;
    }

    private Serve ServeActiveEp(in Incoming request, ReadOnlySpan<byte> fields)
    {
        if (!ActiveEpRequest.TryDecode(fields, out var message))
        {
            return Serve.Malformed;
        }

        var status = DescriptorTarget(message.NwkAddrOfInterest);
        Span<byte> endpoints = stackalloc byte[_endpoints.Count];
        var count = 0;
        if (status == ZdpStatus.Success)
        {
            foreach (var endpoint in _endpoints.Keys)
            {
                endpoints[count++] = endpoint;
            }
        }

        Respond(request, new ActiveEpResponse
        {
            Status = status, NwkAddrOfInterest = message.NwkAddrOfInterest, ActiveEndpoints = new ZdpValueList<byte>(endpoints[..count]),
        });
        return Serve.Done;
    }

    private Serve ServeMatchDesc(in Incoming request, ReadOnlySpan<byte> fields)
    {
        if (!MatchDescRequest.TryDecode(fields, out var message))
        {
            return Serve.Malformed;
        }

        var aboutMe = message.NwkAddrOfInterest == NetworkAddress || ZdpBroadcast.IsBroadcast(message.NwkAddrOfInterest);
        if (!aboutMe)
        {
            var status = DescriptorTarget(message.NwkAddrOfInterest);
            if (!request.Broadcast)
            {
                Respond(request, new MatchDescResponse { Status = status == ZdpStatus.Success ? ZdpStatus.Success : status, NwkAddrOfInterest = message.NwkAddrOfInterest });
            }

            return Serve.Done;
        }

        Span<ushort> input = stackalloc ushort[message.InputClusters.Count];
        Span<ushort> output = stackalloc ushort[message.OutputClusters.Count];
        for (var i = 0; i < input.Length; i++)
        {
            input[i] = message.InputClusters[i];
        }

        for (var i = 0; i < output.Length; i++)
        {
            output[i] = message.OutputClusters[i];
        }

        Span<byte> matches = stackalloc byte[_endpoints.Count];
        var count = 0;
        foreach (var endpoint in _endpoints.Values)
        {
            if (endpoint.Matches(message.ProfileId, input, output))
            {
                matches[count++] = endpoint.Endpoint;
            }
        }

        // R22 §2.4.4.2.7: to a broadcast, only a device with a match answers.
        if (count == 0 && request.Broadcast)
        {
            return Serve.Done;
        }

        Respond(request, new MatchDescResponse
        {
            Status = ZdpStatus.Success, NwkAddrOfInterest = NetworkAddress, MatchList = new ZdpValueList<byte>(matches[..count]),
        });
        return Serve.Done;
    }

    private Serve OnDeviceAnnce(ReadOnlySpan<byte> fields)
    {
        if (!DeviceAnnce.TryDecode(fields, out var announce))
        {
            return Serve.Malformed;
        }

        if (announce.IeeeAddress == IeeeAddress)
        {
            return Serve.Done;
        }

        Counters.AnnouncementsHeard++;
        _node.NoteDeviceAnnounce(announce.NwkAddress, announce.IeeeAddress);
        DeviceAnnounced?.Invoke(this, announce);
        return Serve.Done;
    }

    private Serve ServeParentAnnce(in Incoming request, ReadOnlySpan<byte> fields)
    {
        if (!ParentAnnce.TryDecode(fields, out var message))
        {
            return Serve.Malformed;
        }

        if (_node.NodeDescriptor.LogicalType == ZdpLogicalType.EndDevice)
        {
            return Serve.Done;
        }

        // R22 §2.4.3.1.12: a router that also holds one of the announced children as its own says so to the announcer.
        Span<ulong> mine = stackalloc ulong[message.Children.Count];
        var count = 0;
        for (var i = 0; i < message.Children.Count; i++)
        {
            if (_node.TryFindEndDeviceChild(message.Children[i], out ushort _))
            {
                mine[count++] = message.Children[i];
            }
        }

        if (count > 0)
        {
            Respond(request, new ParentAnnceResponse { Status = ZdpStatus.Success, Children = new ZdpValueList<ulong>(mine[..count]) });
        }

        return Serve.Done;
    }

    private Serve ServeSystemServerDiscovery(in Incoming request, ReadOnlySpan<byte> fields)
    {
        if (!SystemServerDiscoveryRequest.TryDecode(fields, out var message))
        {
            return Serve.Malformed;
        }

        var mask = (ushort)(message.ServerMask.Value & _node.NodeDescriptor.ServerMask.Value & 0x007F);
        if (mask != 0)
        {
            var revision = _node.NodeDescriptor.ServerMask.Value & 0xFE00;
            Respond(request, new SystemServerDiscoveryResponse(ZdpStatus.Success, new ZdpServerMask((ushort)(mask | revision))));
        }

        return Serve.Done;
    }

    private Serve ServeBind(in Incoming request, ReadOnlySpan<byte> fields, bool bind)
    {
        if (!TryDecodeBinding(fields, bind, out var binding))
        {
            return Serve.Malformed;
        }

        ZdpStatus status;
        if (binding.SourceAddress != IeeeAddress)
        {
            // R22 §2.4.3.2.2: bindings live on their source device; this one keeps no binding table cache for others.
            status = ZdpStatus.NotSupported;
        }
        else if (binding.SourceEndpoint is 0 or > 240
                 || (binding.DestinationMode == ZdpBindAddressMode.Extended && binding.DestinationEndpoint is 0 or (> 240 and < 0xFF)))
        {
            status = ZdpStatus.InvalidEp;
        }
        else
        {
            status = bind ? _node.Bind(binding) : _node.Unbind(binding);
        }

        if (bind)
        {
            Respond(request, new BindResponse(status));
        }
        else
        {
            Respond(request, new UnbindResponse(status));
        }

        return Serve.Done;
    }

    private static bool TryDecodeBinding(ReadOnlySpan<byte> fields, bool bind, out ZdpBinding binding)
    {
        if (bind)
        {
            var ok = BindRequest.TryDecode(fields, out var request);
            binding = request.Binding;
            return ok;
        }
        else
        {
            var ok = UnbindRequest.TryDecode(fields, out var request);
            binding = request.Binding;
            return ok;
        }
    }

    /// <summary>Entries of <paramref name="entrySize"/> octets a Mgmt table page holds from <paramref name="start"/> within MaxResponsePayload.</summary>
    private int FixedSizePage(byte start, int total, int entrySize) =>
        start >= total ? 0 : Math.Min((Options.MaxResponsePayload - TablePageHeader) / entrySize, total - start);

    private Serve ServeMgmtLqi(in Incoming request, ReadOnlySpan<byte> fields)
    {
        if (!MgmtLqiRequest.TryDecode(fields, out var message))
        {
            return Serve.Malformed;
        }

        var total = Math.Min(_node.NeighborCount, 255);
        var count = FixedSizePage(message.StartIndex, total, ZdpNeighborTableEntry.Size);
        Span<ZdpNeighborTableEntry> page = stackalloc ZdpNeighborTableEntry[count];
        for (var i = 0; i < count; i++)
        {
            page[i] = _node.GetNeighbor(message.StartIndex + i);
        }

        Respond(request, new MgmtLqiResponse
        {
            Status = ZdpStatus.Success, NeighborTableEntries = (byte)total, StartIndex = message.StartIndex, Neighbors = new ZdpEntryList<ZdpNeighborTableEntry>(page),
        });
        return Serve.Done;
    }

    private Serve ServeMgmtRtg(in Incoming request, ReadOnlySpan<byte> fields)
    {
        if (!MgmtRtgRequest.TryDecode(fields, out var message))
        {
            return Serve.Malformed;
        }

        var total = Math.Min(_node.RouteCount, 255);
        var count = FixedSizePage(message.StartIndex, total, ZdpRoutingTableEntry.Size);
        Span<ZdpRoutingTableEntry> page = stackalloc ZdpRoutingTableEntry[count];
        for (var i = 0; i < count; i++)
        {
            page[i] = _node.GetRoute(message.StartIndex + i);
        }

        Respond(request, new MgmtRtgResponse
        {
            Status = ZdpStatus.Success, RoutingTableEntries = (byte)total, StartIndex = message.StartIndex, Routes = new ZdpEntryList<ZdpRoutingTableEntry>(page),
        });
        return Serve.Done;
    }

    private Serve ServeMgmtBind(in Incoming request, ReadOnlySpan<byte> fields)
    {
        if (!MgmtBindRequest.TryDecode(fields, out var message))
        {
            return Serve.Malformed;
        }

        var total = Math.Min(_node.BindingCount, 255);
        var room = Options.MaxResponsePayload - TablePageHeader;
        Span<ZdpBinding> page = stackalloc ZdpBinding[Math.Max(0, Math.Min(room / 14, total - message.StartIndex))];
        var count = 0;
        for (var index = message.StartIndex; index < total && count < page.Length; index++)
        {
            var binding = _node.GetBinding(index);
            if (binding.Length > room)
            {
                break;
            }

            room -= binding.Length;
            page[count++] = binding;
        }

        Respond(request, new MgmtBindResponse
        {
            Status = ZdpStatus.Success, BindingTableEntries = (byte)total, StartIndex = message.StartIndex, Bindings = new ZdpEntryList<ZdpBinding>(page[..count]),
        });
        return Serve.Done;
    }

    private Serve ServeMgmtLeave(in Incoming request, ReadOnlySpan<byte> fields)
    {
        if (!MgmtLeaveRequest.TryDecode(fields, out var message))
        {
            return Serve.Malformed;
        }

        _ = LeaveOnRequestAsync(request, message);
        return Serve.Done;
    }

    private async Task LeaveOnRequestAsync(Incoming request, MgmtLeaveRequest message)
    {
        if (message.DeviceAddress == 0 || message.DeviceAddress == IeeeAddress)
        {
            // R22 §2.4.3.3.5: the response goes out before the device leaves, so the requester hears it.
            var length = ZdpFrame.Encode(request.Sequence, new MgmtLeaveResponse(ZdpStatus.Success), _frame);
            if (!request.Broadcast)
            {
                await SendAsync(ApsdeDataRequest.ToShort(request.Source, ZdpFrame.Endpoint, ZdpFrame.ProfileId, (ushort)ZdpClusterId.MgmtLeaveResponse,
                    ZdpFrame.Endpoint, _frame.AsMemory(0, length), ApsTxOptions.Acknowledged)).ConfigureAwait(true);
            }

            await _node.LeaveAsync(message.Rejoin, message.RemoveChildren).ConfigureAwait(true);
            return;
        }

        var status = await _node.RemoveChildAsync(message.DeviceAddress, message.Rejoin, message.RemoveChildren).ConfigureAwait(true);
        if (!request.Broadcast)
        {
            Respond(request, new MgmtLeaveResponse(status));
        }
    }

    private Serve ServeMgmtPermitJoining(in Incoming request, ReadOnlySpan<byte> fields)
    {
        if (!MgmtPermitJoiningRequest.TryDecode(fields, out var message))
        {
            return Serve.Malformed;
        }

        _ = PermitJoiningOnRequestAsync(request, message.PermitDuration);
        return Serve.Done;
    }

    private async Task PermitJoiningOnRequestAsync(Incoming request, byte duration)
    {
        var status = await _node.PermitJoiningAsync(duration).ConfigureAwait(true);

        // R22 §2.4.3.3.7: a broadcast Mgmt_Permit_Joining_req gets no response.
        if (!request.Broadcast)
        {
            Respond(request, new MgmtPermitJoiningResponse(status));
        }
    }

    private Serve ServeMgmtNwkUpdate(in Incoming request, ReadOnlySpan<byte> fields)
    {
        if (!MgmtNwkUpdateRequest.TryDecode(fields, out var message))
        {
            return Serve.Malformed;
        }

        NwkUpdate(request, message.ScanChannels, message.ScanDuration, message.ScanCount, message.NwkUpdateId);
        return Serve.Done;
    }

    private Serve ServeMgmtNwkEnhancedUpdate(in Incoming request, ReadOnlySpan<byte> fields)
    {
        if (!MgmtNwkEnhancedUpdateRequest.TryDecode(fields, out var message))
        {
            return Serve.Malformed;
        }

        // Channel page 0 (2.4 GHz) is the only page an 802.15.4 2.4 GHz radio has (R22 §2.4.3.3.12: page in bits 27–31).
        if (message.ScanChannels.Count != 1 || message.ScanChannels[0] >> 27 != 0)
        {
            if (!request.Broadcast)
            {
                Respond(request, new MgmtNwkUpdateNotify { Status = ZdpStatus.InvRequestType });
            }

            return Serve.Done;
        }

        NwkUpdate(request, message.ScanChannels[0], message.ScanDuration, message.ScanCount, message.NwkUpdateId);
        return Serve.Done;
    }

    /// <summary>R22 §2.4.3.3.9: a channel change (0xFE), new parameters (0xFF, not kept here) or an energy scan (0–5) reported by Mgmt_NWK_Update_notify.</summary>
    private void NwkUpdate(in Incoming request, uint channels, byte duration, byte count, byte nwkUpdateId)
    {
        switch (duration)
        {
            case ZdpScanDuration.ChannelChange:
                if (SingleChannel(channels) is { } channel)
                {
                    _ = ChangeChannelLaterAsync(channel, nwkUpdateId);
                }

                return;
            case ZdpScanDuration.ChangeParameters:
                // nwkManagerAddr and apsChannelMask: this node keeps no frequency-agility manager state to update.
                return;
            case <= ZdpScanDuration.MaximumScan when !request.Broadcast:
                _ = EnergyScanOnRequestAsync(request, channels, duration, Math.Max((byte)1, count));
                return;
            default:
                if (!request.Broadcast)
                {
                    Respond(request, new MgmtNwkUpdateNotify { Status = ZdpStatus.InvRequestType });
                }

                return;
        }
    }

    private static byte? SingleChannel(uint mask)
    {
        mask &= 0x07FFF800;
        return System.Numerics.BitOperations.PopCount(mask) == 1 ? (byte)System.Numerics.BitOperations.TrailingZeroCount(mask) : null;
    }

    private async Task ChangeChannelLaterAsync(byte channel, byte nwkUpdateId)
    {
        await Task.Delay(Options.ChannelChangeDelay, _time).ConfigureAwait(true);
        if (!_disposed)
        {
            await _node.ChangeChannelAsync(channel, nwkUpdateId).ConfigureAwait(true);
        }
    }

    private async Task EnergyScanOnRequestAsync(Incoming request, uint channels, byte duration, byte count)
    {
        ZdoEnergyScan? scan = null;
        for (var i = 0; i < count && !_disposed; i++)
        {
            var next = await _node.EnergyScanAsync(channels, duration, CancellationToken.None).ConfigureAwait(true);
            scan = scan is null || next.Status != ZdpStatus.Success ? next : MaxOf(scan, next);
        }

        if (scan is null || _disposed)
        {
            return;
        }

        Respond(request, new MgmtNwkUpdateNotify
        {
            Status = scan.Status, ScannedChannels = scan.ScannedChannels, TotalTransmissions = scan.TotalTransmissions,
            TransmissionFailures = scan.TransmissionFailures, EnergyValues = new ZdpValueList<byte>(scan.Energies),
        });
    }

    private static ZdoEnergyScan MaxOf(ZdoEnergyScan a, ZdoEnergyScan b)
    {
        var energies = new byte[Math.Min(a.Energies.Length, b.Energies.Length)];
        for (var i = 0; i < energies.Length; i++)
        {
            energies[i] = Math.Max(a.Energies[i], b.Energies[i]);
        }

        return b with { Energies = energies };
    }

    private static void Copy(IReadOnlyList<ushort> source, Span<ushort> destination)
    {
        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] = source[i];
        }
    }

    private readonly record struct Incoming(ushort Source, byte Sequence, bool Broadcast);

    private enum Serve
    {
        Done,
        Malformed,
        NotSupported,
    }
}
