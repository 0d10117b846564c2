using ZigBee.Mac.Frames;
using ZigBee.Mac.Service;
using ZigBee.Nwk.Frames;
using ZigBee.Nwk.Nib;
using ZigBee.Nwk.Service.Primitives;
using ZigBee.Nwk.Tables;

namespace ZigBee.Nwk.Service;

// End devices and their parents (§3.6.10 in R22): polling, parent failure and rejoin, end device timeouts and
// child ageing.
public sealed partial class NwkService
{
    private int _pollGeneration;
    private int _parentFailures;
    private bool _recovering;

    private void StartPolling()
    {
        var generation = ++_pollGeneration;
        Observe(PollLoopAsync(generation));
    }

    /// <summary>
    /// The end device's poll loop: MLME-POLL to the parent every poll period (receiver off) or keepalive period
    /// (receiver on); data keeps it polling at once; failures count towards a rejoin.
    /// </summary>
    private async Task PollLoopAsync(int generation)
    {
        var again = false;
        while (generation == _pollGeneration && IsEndDevice && !_disposed)
        {
            if (!again)
            {
                var rate = Nib.CapabilityInformation.ReceiverOnWhenIdle ? Options.KeepalivePollRate : Options.PollRate;
                await Task.Delay(rate, _time);
                if (generation != _pollGeneration || !IsEndDevice || _disposed)
                {
                    return;
                }
            }

            Counters.Polls++;
            var status = await _mac.PollRequestAsync(new MlmePollRequest(Nib.PanId, MacAddress.FromShort(ParentAddress)));
            if (generation != _pollGeneration)
            {
                return;
            }

            again = status == MacStatus.Success;
            if (status is MacStatus.Success or MacStatus.NoData)
            {
                _parentFailures = 0;
            }
            else
            {
                OnParentFailure();
            }
        }
    }

    /// <summary>A poll or transmission to the parent failed; after a few, look for another parent (§3.6.1.4.2).</summary>
    private void OnParentFailure()
    {
        Counters.ParentFailures++;
        if (++_parentFailures < Options.ParentFailureLimit || _recovering)
        {
            return;
        }

        _parentFailures = 0;
        Observe(RecoverFromParentLossAsync());
    }

    private async Task RecoverFromParentLossAsync()
    {
        _recovering = true;
        try
        {
            var capability = Nib.CapabilityInformation;
            var extendedPanId = Nib.ExtendedPanId;
            var channel = Nib.LogicalChannel;
            for (var attempt = 0; attempt < 5 && !_disposed; attempt++)
            {
                var confirm = await RejoinAsync(new NlmeJoinRequest(extendedPanId, NwkRejoinNetwork.Rejoin, capability, 1u << channel));
                if (confirm.Status == NwkStatus.Success)
                {
                    return;
                }

                await Task.Delay(TimeSpan.FromSeconds(5), _time);
            }
        }
        finally
        {
            _recovering = false;
        }
    }

    /// <summary>MLME-POLL.indication on a parent: the child is alive (R22 MAC data poll keepalive).</summary>
    private void OnPollIndication(in MlmePollIndication indication)
    {
        var child = indication.DeviceAddress.Mode switch
        {
            MacAddressingMode.Short => NeighborTable.Find(indication.DeviceAddress.Short),
            MacAddressingMode.Extended => NeighborTable.FindExtended(indication.DeviceAddress.Extended),
            _ => null,
        };
        if (child is { IsChild: true })
        {
            child.LastHeard = Now;
            child.KeepaliveReceived = true;
        }
    }

    /// <summary>An end device child asks for its timeout (§3.4.11): set it and answer with what keepalives we take.</summary>
    private void OnEndDeviceTimeoutRequest(ReadOnlySpan<byte> payload, in NwkHeader header, DateTimeOffset now)
    {
        if (!EndDeviceTimeoutRequestCommand.TryDecode(payload, out var request)
            || NeighborTable.Find(header.SourceAddress) is not { IsChild: true, DeviceType: NwkDeviceRole.EndDevice } child)
        {
            Counters.DroppedUnsupported++;
            return;
        }

        var valid = request.RequestedTimeout <= EndDeviceTimeoutRequestCommand.MaxRequestedTimeout;
        if (valid)
        {
            child.Timeout = NwkNib.EndDeviceTimeout(request.RequestedTimeout);
            child.LastHeard = now;
            StartChildAgeing();
        }

        Span<byte> response = stackalloc byte[4];
        var information = EndDeviceTimeoutResponseCommand.CreateParentInformation(macDataPollKeepalive: true, endDeviceTimeoutRequestKeepalive: true, powerNegotiationSupport: false);
        var length = new EndDeviceTimeoutResponseCommand(valid ? EndDeviceTimeoutStatus.Success : EndDeviceTimeoutStatus.IncorrectValue, information).Encode(response);
        SendCommand(child.NetworkAddress, response[..length], radius: 1, macDestination: MacAddress.FromShort(child.NetworkAddress), indirect: !child.RxOnWhenIdle);
    }

    private bool _ageing;

    // Ageing checks fall on a grid of ChildAgeingPeriod ticks from when ageing started; the timer sleeps to the first
    // tick at which a child can have timed out, rather than waking every period to find that none has.
    private DateTimeOffset _ageingAnchor;
    private DateTimeOffset _ageingDue = DateTimeOffset.MaxValue;

    /// <summary>A child was admitted or its timeout changed: make sure a check comes by the time it could expire.</summary>
    private void StartChildAgeing()
    {
        var now = Now;
        if (!_ageing)
        {
            _ageing = true;
            _ageingAnchor = now;
            _ageingDue = DateTimeOffset.MaxValue;
        }

        ArmAgeing(now, EarliestChildExpiry());
    }

    /// <summary>End device children silent for longer than their timeout are gone (R22 §3.6.10.3).</summary>
    private void OnAgeingTimer()
    {
        var now = Now;
        _ageingDue = DateTimeOffset.MaxValue;
        var entries = NeighborTable.Entries;
        var remaining = 0;
        for (var i = entries.Count - 1; i >= 0; i--)
        {
            var child = entries[i];
            if (!child.IsChild || child.DeviceType != NwkDeviceRole.EndDevice)
            {
                continue;
            }

            if (now - child.LastHeard > child.Timeout)
            {
                Counters.ChildrenAgedOut++;
                var address = child.NetworkAddress;
                NeighborTable.Remove(child);
                RoutingTable.Remove(address);
                UpdateBeaconPayload();
                continue;
            }

            remaining++;
        }

        if (remaining > 0 && IsJoined)
        {
            ArmAgeing(now, EarliestChildExpiry());
        }
        else
        {
            _ageing = false;
        }
    }

    /// <summary>The earliest instant after which an end device child counts as timed out (its last word plus its timeout).</summary>
    private DateTimeOffset EarliestChildExpiry()
    {
        var earliest = DateTimeOffset.MaxValue;
        for (var index = 0; index < NeighborTable.Count; index++)
        {
            var child = NeighborTable[index];
            if (child.IsChild && child.DeviceType == NwkDeviceRole.EndDevice && child.Timeout < DateTimeOffset.MaxValue - child.LastHeard)
            {
                var expiry = child.LastHeard + child.Timeout;
                earliest = expiry < earliest ? expiry : earliest;
            }
        }

        return earliest;
    }

    /// <summary>Arms the ageing timer for the first grid tick after <paramref name="expiry"/>, unless one comes sooner.</summary>
    private void ArmAgeing(DateTimeOffset now, DateTimeOffset expiry)
    {
        var period = Options.ChildAgeingPeriod.Ticks;
        if (expiry == DateTimeOffset.MaxValue || period <= 0)
        {
            return;
        }

        // A child is gone at the first tick strictly after its expiry, and never sooner than one period from now.
        var fromNow = Math.Max(0, (expiry - _ageingAnchor).Ticks);
        var due = _ageingAnchor + TimeSpan.FromTicks(((fromNow / period) + 1) * period);
        var earliestTick = _ageingAnchor + TimeSpan.FromTicks((((now - _ageingAnchor).Ticks / period) + 1) * period);
        due = due < earliestTick ? earliestTick : due;
        if (due >= _ageingDue)
        {
            return;
        }

        _ageingDue = due;
        _ageingTimer.Change(due - now, Timeout.InfiniteTimeSpan);
    }
}
