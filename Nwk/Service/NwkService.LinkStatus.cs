using ZigBee.Nwk.Frames;
using ZigBee.Nwk.Nib;
using ZigBee.Nwk.Tables;

namespace ZigBee.Nwk.Service;

// Link status (§3.6.3.4): routers tell their neighbours, one hop, every nwkLinkStatusPeriod, how well they hear
// each of them; a neighbour silent for nwkRouterAgeLimit periods is no longer a link.
public sealed partial class NwkService
{
    private void StartLinkStatus()
    {
        // The first one soon, so a new router's neighbours learn it; then every period with jitter.
        _linkStatusTimer.Change(RandomDelay(TimeSpan.FromMilliseconds(50), Options.LinkStatusJitter), Timeout.InfiniteTimeSpan);
    }

    private void OnLinkStatusTimer()
    {
        if (!_routerStarted || IsEndDevice || !IsJoined)
        {
            return;
        }

        AgeRouters();
        SendLinkStatus();
        _linkStatusTimer.Change(Nib.LinkStatusPeriod + RandomDelay(TimeSpan.Zero, Options.LinkStatusJitter), Timeout.InfiniteTimeSpan);
    }

    /// <summary>Router neighbours age one period; those past nwkRouterAgeLimit lose their routes and (if only siblings) their entry.</summary>
    private void AgeRouters()
    {
        var entries = NeighborTable.Entries;
        for (var i = entries.Count - 1; i >= 0; i--)
        {
            var neighbor = entries[i];
            if (!neighbor.IsRouterCapable || neighbor.PanId != Nib.PanId)
            {
                continue;
            }

            if (neighbor.Age < byte.MaxValue)
            {
                neighbor.Age++;
            }

            if (neighbor.Age == Nib.RouterAgeLimit + 1)
            {
                Counters.RoutersAgedOut++;
                neighbor.OutgoingCost = 0;
                RoutingTable.InvalidateVia(neighbor.NetworkAddress);
                if (!neighbor.IsChild && neighbor.Relationship != NeighborRelationship.Parent)
                {
                    NeighborTable.Remove(neighbor);
                }
            }
        }
    }

    private void SendLinkStatus()
    {
        // Entries in ascending order of network address (§3.4.8.3.2), at most 31 per frame.
        var count = 0;
        for (var index = 0; index < NeighborTable.Count; index++)
        {
            var neighbor = NeighborTable[index];
            if (!neighbor.IsRouterCapable || neighbor.PanId != Nib.PanId || neighbor.Age > Nib.RouterAgeLimit || neighbor.NetworkAddress >= 0xFFF8)
            {
                continue;
            }

            if (count == _linkStatusScratch.Length)
            {
                break;
            }

            var entry = new LinkStatusEntry(neighbor.NetworkAddress, Nib.ReportConstantCost ? LinkCost.Worst : neighbor.IncomingCost, neighbor.OutgoingCost);
            var at = count++;
            while (at > 0 && _linkStatusScratch[at - 1].NeighborAddress > entry.NeighborAddress)
            {
                _linkStatusScratch[at] = _linkStatusScratch[at - 1];
                at--;
            }

            _linkStatusScratch[at] = entry;
        }

        Span<byte> payload = stackalloc byte[2 + (3 * LinkStatusCommand.MaxEntries)];
        var length = LinkStatusCommand.Encode(true, true, _linkStatusScratch.AsSpan(0, count), payload);
        var header = NwkHeader.Command(NwkConstants.BroadcastRouters, Nib.NetworkAddress, 1, NextSequence(), sourceIeeeAddress: Nib.IeeeAddress);
        Counters.LinkStatusSent++;
        OriginateBroadcast(header, payload[..length], retries: false);
    }

    private void OnLinkStatus(ReadOnlySpan<byte> payload, in NwkHeader header, ushort macSource, byte lqi, DateTimeOffset now)
    {
        if (IsEndDevice || header.SourceAddress != macSource || !LinkStatusCommand.TryDecode(payload, out var command))
        {
            Counters.DroppedUnsupported++;
            return;
        }

        Counters.LinkStatusReceived++;
        var neighbor = NeighborTable.GetOrAdd(header.SourceAddress, header.SourceIeeeAddress ?? 0);
        if (neighbor is null)
        {
            return;
        }

        neighbor.NetworkAddress = header.SourceAddress;
        if (neighbor.DeviceType is NwkDeviceRole.None or NwkDeviceRole.EndDevice)
        {
            neighbor.DeviceType = header.SourceAddress == NwkConstants.CoordinatorAddress ? NwkDeviceRole.Coordinator : NwkDeviceRole.Router;
        }

        neighbor.PanId = Nib.PanId;
        neighbor.Age = 0;
        HeardFrom(neighbor, lqi, now);
        neighbor.OutgoingCost = 0;
        for (var i = 0; i < command.EntryCount; i++)
        {
            var entry = command.GetEntry(payload, i);
            if (entry.NeighborAddress == Nib.NetworkAddress)
            {
                // What it hears from us is our outgoing cost to it (§3.6.3.4.2).
                neighbor.OutgoingCost = entry.IncomingCost;
                break;
            }
        }
    }
}
