using System.Globalization;
using System.Text;
using ZigBee.Aps.Frames;
using ZigBee.Mac.Frames;
using ZigBee.Nwk.Frames;
using ZigBee.Zdo.Frames;

namespace ZigBee.Cli.Decode;

/// <summary>One readable line per frame, e.g. <c>12  3.250114  data seq=7 0x1a62: 0x0000 -> 0xffff ack_req len=28 fcs=ok</c>.</summary>
public sealed class FrameTextFormatter
{
    private readonly StringBuilder line = new(160);
    private readonly FrameDecryptor decryptor;
    private DateTimeOffset? first;

    /// <summary>A formatter without keys: it still learns keys that transport-key commands carry in the clear.</summary>
    public FrameTextFormatter()
        : this(new FrameDecryptor([]))
    {
    }

    /// <summary>A formatter that decrypts with <paramref name="decryptor"/>'s keys (owned by the caller).</summary>
    public FrameTextFormatter(FrameDecryptor decryptor) => this.decryptor = decryptor;

    public string Format(int number, DateTimeOffset timestamp, ReadOnlySpan<byte> psdu, bool hasFcs)
    {
        first ??= timestamp;
        var seconds = (timestamp - first.Value).TotalSeconds;
        line.Clear();
        line.Append(CultureInfo.InvariantCulture, $"{number,5} {seconds,12:F6}  ");
        if (!MacFrame.TryDecode(psdu, hasFcs, out var frame, out var errorOffset, out var errorReason))
        {
            line.Append(CultureInfo.InvariantCulture, $"malformed: {errorReason} (at offset {errorOffset}) len={psdu.Length}");
            AppendFcs(psdu, hasFcs);
            return line.ToString();
        }

        var header = frame.Header;
        var fc = header.FrameControl;
        line.Append(MacNames.FrameType(fc.FrameType));
        if (header.HasSequenceNumber)
        {
            line.Append(CultureInfo.InvariantCulture, $" seq={header.SequenceNumber}");
        }

        if (fc.FrameVersion != MacFrameVersion.Ieee2003)
        {
            line.Append(CultureInfo.InvariantCulture, $" v{(int)fc.FrameVersion}");
        }

        if (fc.DestinationAddressingMode != MacAddressingMode.None || fc.SourceAddressingMode != MacAddressingMode.None || header.HasDestinationPanId)
        {
            line.Append(' ');
            AppendEnd(header.HasSourcePanId, header.SourcePanId, header.Source);
            line.Append(" ->");
            AppendEnd(header.HasDestinationPanId, header.DestinationPanId, header.Destination);
        }

        if (fc.SecurityEnabled)
        {
            line.Append(" secured");
            if (header.Security is { } security)
            {
                line.Append(CultureInfo.InvariantCulture, $"(level={security.SecurityLevel})");
            }
        }

        if (fc.FramePending)
        {
            line.Append(" pending");
        }

        if (fc.AckRequest)
        {
            line.Append(" ack_req");
        }

        var payload = frame.Payload(psdu);
        if (frame.CommandId(psdu) is { } id)
        {
            line.Append(' ').Append(MacNames.Command(id) ?? $"command_0x{(byte)id:x2}");
        }
        else if (fc.FrameVersion != MacFrameVersion.Ieee2015)
        {
            if (fc.FrameType == MacFrameType.Beacon && Beacon.TryDecode(payload, out var beacon))
            {
                var superframe = beacon.Superframe;
                line.Append(CultureInfo.InvariantCulture, $" BO={superframe.BeaconOrder} SO={superframe.SuperframeOrder}");
                if (superframe.PanCoordinator)
                {
                    line.Append(" pan_coordinator");
                }

                if (superframe.AssociationPermit)
                {
                    line.Append(" association_permit");
                }

                line.Append(CultureInfo.InvariantCulture, $" pending={beacon.PendingShortCount + beacon.PendingExtendedCount}");
            }
        }

        line.Append(CultureInfo.InvariantCulture, $" payload={frame.PayloadLength}");
        if (NwkNames.LooksLikeNwk(frame, payload))
        {
            AppendNwk(frame, payload);
        }

        AppendFcs(psdu, hasFcs);
        return line.ToString();
    }

    /// <summary>The NWK part, e.g. <c> | nwk command 0x0000 -> 0xfffc r=30 seq=161 secured</c>.</summary>
    private void AppendNwk(in MacFrame mac, ReadOnlySpan<byte> nwk)
    {
        if (!NwkFrame.TryDecode(nwk, out var frame, out var errorOffset, out var errorReason))
        {
            line.Append(CultureInfo.InvariantCulture, $" | nwk malformed: {errorReason} (at offset {errorOffset})");
            return;
        }

        var header = frame.Header;
        line.Append(" | nwk ").Append(NwkNames.FrameType(header.FrameType));
        if (!header.IsInterPan)
        {
            line.Append(CultureInfo.InvariantCulture,
                $" {MacNames.Short(header.SourceAddress)} -> {MacNames.Short(header.DestinationAddress)} r={header.Radius} seq={header.SequenceNumber}");
        }

        if (header.SourceRoute is { } route)
        {
            line.Append(CultureInfo.InvariantCulture, $" relays={route.RelayCount}/{route.RelayIndex}");
        }

        if (header.FrameControl.Multicast)
        {
            line.Append(" multicast");
        }

        decryptor.Observe(mac, frame);
        var plaintext = ReadOnlySpan<byte>.Empty;
        var decrypted = false;
        if (header.Security.HasValue)
        {
            line.Append(" secured");
            decrypted = decryptor.TryDecryptNwk(nwk, frame, out var length);
            if (decrypted)
            {
                line.Append(" decrypted");
                plaintext = decryptor.NwkPlaintext(length);
            }
        }

        if (frame.CommandId(nwk) is { } id)
        {
            line.Append(' ').Append(NwkNames.Command(id) ?? $"command_0x{(byte)id:x2}");
        }
        else if (decrypted && header.FrameType == NwkFrameType.Command && plaintext.Length > 0)
        {
            var decryptedId = (NwkCommandId)plaintext[0];
            line.Append(' ').Append(NwkNames.Command(decryptedId) ?? $"command_0x{(byte)decryptedId:x2}");
        }

        if (ApsNames.CarriesReadableAps(frame))
        {
            AppendAps(frame.Payload(nwk), frame);
        }
        else if (decrypted && header.FrameType is NwkFrameType.Data or NwkFrameType.InterPan)
        {
            AppendAps(plaintext, frame);
        }
    }

    /// <summary>The APS part, e.g. <c> | aps data unicast ep 1->1 cluster=0x0006 profile=0x0104 ctr=7 ack_req</c>.</summary>
    private void AppendAps(ReadOnlySpan<byte> aps, in NwkFrame nwk)
    {
        if (!ApsFrame.TryDecode(aps, out var frame, out var errorOffset, out var errorReason))
        {
            line.Append(CultureInfo.InvariantCulture, $" | aps malformed: {errorReason} (at offset {errorOffset})");
            return;
        }

        var header = frame.Header;
        line.Append(" | aps ").Append(ApsNames.FrameType(header.FrameType)).Append(' ').Append(ApsNames.DeliveryMode(header.DeliveryMode));
        if (header.HasSourceEndpoint || header.HasDestinationEndpoint)
        {
            line.Append(" ep ").Append(header.HasSourceEndpoint ? header.SourceEndpoint.ToString(CultureInfo.InvariantCulture) : "-")
                .Append("->").Append(header.HasDestinationEndpoint ? header.DestinationEndpoint.ToString(CultureInfo.InvariantCulture) : "-");
        }

        if (header.HasGroupAddress)
        {
            line.Append(" group=").Append(MacNames.Short(header.GroupAddress));
        }

        if (header.HasAddressing)
        {
            line.Append(" cluster=").Append(MacNames.Short(header.ClusterId)).Append(" profile=").Append(MacNames.Short(header.ProfileId));
        }

        if (header.HasCounter)
        {
            line.Append(CultureInfo.InvariantCulture, $" ctr={header.Counter}");
        }

        if (header.HasBlockNumber)
        {
            line.Append(CultureInfo.InvariantCulture, $" {ApsNames.Fragmentation(header.Fragmentation)}_block={header.BlockNumber}");
        }

        if (header.FrameControl.AckRequest)
        {
            line.Append(" ack_req");
        }

        var plaintext = frame.Payload(aps);
        var readable = !header.Security.HasValue;
        if (header.Security.HasValue)
        {
            line.Append(" secured");
            if (decryptor.TryDecryptAps(aps, frame, nwk, out var length))
            {
                line.Append(" decrypted");
                plaintext = decryptor.ApsPlaintext(length);
                readable = true;
            }
        }

        if (readable && header.FrameType == ApsFrameType.Command && plaintext.Length > 0)
        {
            line.Append(' ').Append(ApsNames.Command((ApsCommandId)plaintext[0]));
            decryptor.LearnFrom(plaintext);
        }

        if (readable && ZdpNames.IsZdp(header))
        {
            AppendZdp(header.ClusterId, plaintext);
        }
    }

    /// <summary>The ZDP part, e.g. <c> | zdp node_desc_rsp seq=7 status=success</c>.</summary>
    private void AppendZdp(ushort cluster, ReadOnlySpan<byte> payload)
    {
        line.Append(" | zdp ").Append(ZdpNames.Cluster(cluster));
        if (!ZdpFrame.TrySplit(payload, out var sequence, out var fields))
        {
            line.Append(" empty");
            return;
        }

        line.Append(CultureInfo.InvariantCulture, $" seq={sequence}");
        if (ZdpFrame.IsResponse((ZdpClusterId)cluster) && !fields.IsEmpty)
        {
            line.Append(" status=").Append(ZdpNames.Status((ZdpStatus)fields[0]));
        }
    }

    private void AppendEnd(bool hasPan, ushort pan, MacAddress address)
    {
        if (hasPan)
        {
            line.Append(CultureInfo.InvariantCulture, $" {MacNames.Short(pan)}:");
        }

        line.Append(' ').Append(address.Length > 0 ? address.ToString() : address.Mode == MacAddressingMode.Reserved ? "reserved" : "-");
    }

    private void AppendFcs(ReadOnlySpan<byte> psdu, bool hasFcs)
    {
        if (hasFcs)
        {
            line.Append(Fcs.Check(psdu) ? " fcs=ok" : " fcs=BAD");
        }
    }
}
