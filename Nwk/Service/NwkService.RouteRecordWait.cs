using ZigBee.Nwk.Frames;
using ZigBee.Nwk.Tables;

namespace ZigBee.Nwk.Service;

// A concentrator's answer to a device whose route record is still on its way. A device sends its route record just
// before its data (§3.6.3.5.4), but a retried hop can let the data overtake it: the concentrator would then find no
// record for its answer and flood the network with a route discovery a moment before the record arrives. It waits
// RouteRecordWait for the record first, and sends its held frames along the record as soon as it comes.
public sealed partial class NwkService
{
    private readonly List<(ushort Destination, DateTimeOffset Due)> _awaitingRecords = new();

    /// <summary>Whether the discovery for this held frame waits for a route record first.</summary>
    private bool WaitsForRouteRecord(NwkTxOperation op) =>
        Nib.IsConcentrator && !IsEndDevice && Options.RouteRecordWait > TimeSpan.Zero && op.Kind == NwkTxKind.Data
        && op.Source == Nib.NetworkAddress && !op.SourceRouted && !Nib.RouteRecordTable.TryGet(op.Destination, out _);

    private bool IsAwaitingRecord(ushort destination)
    {
        foreach (var (awaited, _) in _awaitingRecords)
        {
            if (awaited == destination)
            {
                return true;
            }
        }

        return false;
    }

    private void AwaitRouteRecord(ushort destination, DateTimeOffset now)
    {
        if (IsAwaitingRecord(destination))
        {
            return;
        }

        var due = now + Options.RouteRecordWait;
        _awaitingRecords.Add((destination, due));
        WakeAt(due);
    }

    /// <summary>The waits that ran out without a record: the frames still held start their discovery now.</summary>
    private void EndRouteRecordWaits(DateTimeOffset now)
    {
        for (var i = _awaitingRecords.Count - 1; i >= 0; i--)
        {
            var (destination, due) = _awaitingRecords[i];
            if (due > now)
            {
                continue;
            }

            _awaitingRecords.RemoveAt(i);
            if (HoldsFramesFor(destination) && RoutingTable.Find(destination) is not { Status: RouteStatus.Active or RouteStatus.DiscoveryUnderway })
            {
                StartRouteDiscovery(destination);
            }
        }
    }

    private DateTimeOffset NextRouteRecordWait()
    {
        var next = DateTimeOffset.MaxValue;
        foreach (var (_, due) in _awaitingRecords)
        {
            next = due < next ? due : next;
        }

        return next;
    }

    private bool HoldsFramesFor(ushort destination)
    {
        foreach (var op in _pending)
        {
            if (op.Destination == destination)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A route record arrived: this concentrator's frames held for its source go along it now.</summary>
    private void SendHeldFramesAlongRecord(ushort source)
    {
        for (var i = _awaitingRecords.Count - 1; i >= 0; i--)
        {
            if (_awaitingRecords[i].Destination == source)
            {
                _awaitingRecords.RemoveAt(i);
            }
        }

        for (var i = 0; i < _pending.Count; i++)
        {
            var op = _pending[i];
            if (op.Destination != source || op.Kind != NwkTxKind.Data || op.Source != Nib.NetworkAddress || !TryEncodeAlongRecord(op))
            {
                continue;
            }

            _pending.RemoveAt(i--);
            TransmitUnicast(op);
        }
    }

    /// <summary>Re-encodes a held frame of this device with the source route the record gives (§3.6.3.3.2).</summary>
    private bool TryEncodeAlongRecord(NwkTxOperation op)
    {
        if (!Nib.RouteRecordTable.TryGet(op.Destination, out var relays) || relays.Length > Nib.MaxSourceRoute
            || !NwkFrame.TryDecode(op.Buffer.AsSpan(0, op.Length), out var frame) || frame.Header.SourceRoute is not null)
        {
            return false;
        }

        var payloadLength = op.Length - op.HeaderLength;
        var sourceIeee = frame.Header.SourceIeeeAddress;
        if (relays.Length > 0 && !FitsSourceRoute(relays.Length, payloadLength, ref sourceIeee))
        {
            return false;
        }

        var header = frame.Header with
        {
            SourceIeeeAddress = sourceIeee,
            SourceRoute = relays.Length > 0 ? new NwkSourceRoute((byte)relays.Length, (byte)(relays.Length - 1)) : null,
        };
        Span<byte> payload = stackalloc byte[payloadLength];
        op.Buffer.AsSpan(op.HeaderLength, payloadLength).CopyTo(payload);
        op.HeaderLength = NwkFrame.EncodeHeader(header, relays, op.Buffer);
        payload.CopyTo(op.Buffer.AsSpan(op.HeaderLength));
        op.Length = op.HeaderLength + payloadLength;
        op.SourceRouted = true;
        op.NextHop = relays.Length > 0 ? relays[^1] : op.Destination;
        if (relays.Length > 0)
        {
            Counters.SourceRoutedFramesSent++;
        }

        return true;
    }
}
