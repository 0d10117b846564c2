using ZigBee.Mac;
using ZigBee.Mac.Frames;
using ZigBee.Nwk.Frames;
using ZigBee.Tests.Mac;

namespace ZigBee.Tests.Nwk;

/// <summary>
/// A million mutated NWK frames (fixed seeds, two halves that run in parallel) from the shared captures and from
/// encoded frames and commands of every shape: NwkFrame, every command decoder and the beacon payload answer false or
/// <see cref="FrameFormatException"/>, never anything else; what decodes re-encodes to the same header bytes.
/// </summary>
[TestClass]
public sealed class NwkFrameHostileTests
{
    private const int Iterations = 500_000;

    private static readonly Lazy<List<byte[]>> Corpus = new(BuildCorpus);

    [TestMethod]
    public void MutatedFramesNeverCrashAnyDecoderFirstHalf() => MutatedFramesNeverCrashAnyDecoder(3474);

    [TestMethod]
    public void MutatedFramesNeverCrashAnyDecoderSecondHalf() => MutatedFramesNeverCrashAnyDecoder(22);

    private static void MutatedFramesNeverCrashAnyDecoder(int seed)
    {
        var (decoded, refused) = HostileInput.Run(Corpus.Value, seed, Iterations, 0x1F, Exercise);

        // Both outcomes must be common, or the mutations are not reaching the decoders' corners.
        Assert.IsGreaterThan(Iterations / 10, decoded);
        Assert.IsGreaterThan(Iterations / 20, refused);
    }

    private static bool Exercise(ReadOnlySpan<byte> input)
    {
        var ok = NwkFrame.TryDecode(input, out var frame);
        try
        {
            var thrown = NwkFrame.Decode(input);
            if (!ok || frame != thrown)
            {
                Assert.Fail("Decode and TryDecode disagree");
            }
        }
        catch (FrameFormatException exception)
        {
            if (ok || exception.Offset < 0 || exception.Offset > input.Length)
            {
                Assert.Fail($"Decode threw at offset {exception.Offset} where TryDecode answered {ok}");
            }
        }

        if (ok)
        {
            if (frame.PayloadOffset < 2 || frame.PayloadLength < 0 || frame.MicOffset + frame.MicLength != input.Length)
            {
                Assert.Fail("payload or MIC outside the frame");
            }

            AssertHeaderReEncodes(input, frame);
            var payload = frame.Payload(input);
            if (frame.CommandId(input) is not null)
            {
                ExerciseCommands(payload);
            }
        }

        ExerciseCommands(input);
        if (ZigBeeBeaconPayload.TryDecode(input, out var beacon))
        {
            Span<byte> again = stackalloc byte[ZigBeeBeaconPayload.Length];
            beacon.Encode(again);
            if (!again.SequenceEqual(input[..ZigBeeBeaconPayload.Length]))
            {
                Assert.Fail("beacon payload does not re-encode to its bytes");
            }
        }

        return ok;
    }

    /// <summary>The decoded header (relays read back from the buffer) encodes to exactly the bytes it came from.</summary>
    private static void AssertHeaderReEncodes(ReadOnlySpan<byte> input, in NwkFrame frame)
    {
        Span<ushort> relays = stackalloc ushort[255];
        var count = 0;
        if (frame.Header.SourceRoute is { } route && !frame.Header.IsInterPan)
        {
            count = route.RelayCount;
            for (var i = 0; i < count; i++)
            {
                relays[i] = route.GetRelay(input, i);
            }

            if (NwkFrame.RelayIndexOffset(input) is var at && (at < 0 || input[at] != route.RelayIndex))
            {
                Assert.Fail("relay index offset disagrees with the decoded source route");
            }
        }

        Span<byte> header = stackalloc byte[200];
        var length = NwkFrame.EncodeHeader(frame.Header, relays[..count], header);
        if (length != frame.PayloadOffset || !header[..length].SequenceEqual(input[..length]))
        {
            Assert.Fail("decoded header does not re-encode to its bytes");
        }
    }

    private static void ExerciseCommands(ReadOnlySpan<byte> payload)
    {
        Span<byte> again = stackalloc byte[200];
        RoundTrip(RouteRequestCommand.TryDecode(payload, out var request), payload, request.Encode, again);
        RoundTrip(RouteReplyCommand.TryDecode(payload, out var reply), payload, reply.Encode, again);
        RoundTrip(NetworkStatusCommand.TryDecode(payload, out var status), payload, status.Encode, again);
        RoundTrip(LeaveCommand.TryDecode(payload, out var leave), payload, leave.Encode, again);
        RoundTrip(RejoinRequestCommand.TryDecode(payload, out var rejoin), payload, rejoin.Encode, again);
        RoundTrip(RejoinResponseCommand.TryDecode(payload, out var rejoinResponse), payload, rejoinResponse.Encode, again);
        RoundTrip(NetworkUpdateCommand.TryDecode(payload, out var update), payload, update.Encode, again);
        RoundTrip(EndDeviceTimeoutRequestCommand.TryDecode(payload, out var timeoutRequest), payload, timeoutRequest.Encode, again);
        RoundTrip(EndDeviceTimeoutResponseCommand.TryDecode(payload, out var timeoutResponse), payload, timeoutResponse.Encode, again);
        timeoutRequest.Timeout.GetValueOrDefault();
        if (RouteRecordCommand.TryDecode(payload, out var record))
        {
            for (var i = 0; i < record.RelayCount; i++)
            {
                record.GetRelay(payload, i);
            }
        }

        if (LinkStatusCommand.TryDecode(payload, out var link))
        {
            for (var i = 0; i < link.EntryCount; i++)
            {
                link.GetEntry(payload, i);
            }
        }

        if (NetworkReportCommand.TryDecode(payload, out var report))
        {
            for (var i = 0; i < report.Count; i++)
            {
                report.GetPanId(payload, i);
            }
        }

        if (LinkPowerDeltaCommand.TryDecode(payload, out var power))
        {
            for (var i = 0; i < power.Count; i++)
            {
                power.GetEntry(payload, i);
            }
        }
    }

    private delegate int Encoder(Span<byte> destination);

    private static void RoundTrip(bool ok, ReadOnlySpan<byte> payload, Encoder encode, Span<byte> again)
    {
        if (!ok)
        {
            return;
        }

        var length = encode(again);
        if (length > payload.Length || !again[..length].SequenceEqual(payload[..length]))
        {
            Assert.Fail("decoded command does not re-encode to its bytes");
        }
    }

    private static List<byte[]> BuildCorpus()
    {
        var corpus = new List<byte[]>();
        foreach (var (psdu, hasFcs) in CaptureFrames.AllOrEmpty())
        {
            if (MacFrame.TryDecode(psdu, out var mac, hasFcs) && mac.Header.FrameType == MacFrameType.Data && mac.PayloadLength > 0)
            {
                corpus.Add(mac.Payload(psdu).ToArray());
            }
        }

        var buffer = new byte[200];
        var commands = EncodedCommands();
        ushort[] relays = [0x0101, 0x0202];
        NwkAuxiliarySecurityHeader?[] securities =
        [
            null,
            NwkAuxiliarySecurityHeader.NetworkKey(9, 0x0011223344556677, 1),
            new(NwkAuxiliarySecurityHeader.CreateSecurityControl(5, NwkKeyIdentifier.KeyTransportKey, extendedNonce: false), 9),
        ];
        for (var mask = 0; mask < 16; mask++)
        {
            foreach (var security in securities)
            {
                var header = new NwkHeader(
                    NwkFrameControl.Create(NwkFrameType.Command),
                    0x1234,
                    0x0000,
                    30,
                    (byte)mask,
                    (mask & 1) != 0 ? 1UL : null,
                    (mask & 2) != 0 ? 2UL : null,
                    (mask & 4) != 0 ? NwkMulticastControl.Create(NwkMulticastMode.Member, 1, 2) : null,
                    (mask & 8) != 0 ? new NwkSourceRoute(2, 1) : null,
                    security);
                var relaySpan = (mask & 8) != 0 ? relays : [];
                foreach (var command in commands)
                {
                    corpus.Add(buffer[..NwkFrame.Encode(header, relaySpan, command, buffer)]);
                }

                var data = header with { FrameControl = NwkFrameControl.Create(NwkFrameType.Data, NwkDiscoverRoute.Enable) };
                corpus.Add(buffer[..NwkFrame.Encode(data, relaySpan, new byte[] { 0x00, 0x01, 0x06, 0x00, 0x04, 0x01, 0x01, 0x07 }, buffer)]);
            }
        }

        corpus.Add(buffer[..NwkFrame.Encode(NwkHeader.InterPan(), new byte[] { 0x0B, 0x01, 0x02 }, buffer)]);
        corpus.AddRange(commands);
        var beacon = new byte[ZigBeeBeaconPayload.Length];
        ZigBeeBeaconPayload.Create(0x0011223344556677, true, true, 3, 1).Encode(beacon);
        corpus.Add(beacon);
        return corpus;
    }

    /// <summary>One encoded payload of every command, lists included.</summary>
    internal static List<byte[]> EncodedCommands()
    {
        var list = new List<byte[]>();
        var buffer = new byte[120];
        void Add(int length) => list.Add(buffer[..length]);
        Add(RouteRequestCommand.Create(1, 0xFFFC, 0, ManyToOneMode.RouteRecordSupported).Encode(buffer));
        Add(RouteRequestCommand.Create(2, 0x1234, 3, destinationIeeeAddress: 0x0102030405060708).Encode(buffer));
        Add(RouteReplyCommand.Create(3, 1, 2, 4, originatorIeeeAddress: 5, responderIeeeAddress: 6).Encode(buffer));
        Add(new NetworkStatusCommand(NwkStatusCode.UnknownCommand, 0x1234, 0x42).Encode(buffer));
        Add(new NetworkStatusCommand(NwkStatusCode.NoRouteAvailable, 0x1234).Encode(buffer));
        Add(LeaveCommand.Create(true, false, true).Encode(buffer));
        Add(RouteRecordCommand.Encode(new ushort[] { 1, 2, 3 }, buffer));
        Add(new RejoinRequestCommand(new CapabilityInformation(0x8E)).Encode(buffer));
        Add(new RejoinResponseCommand(0x796F, RejoinStatus.Success).Encode(buffer));
        Add(LinkStatusCommand.Encode(true, false, new LinkStatusEntry[] { new(1, 1, 1), new(2, 3, 5) }, buffer));
        Add(NetworkReportCommand.Encode(NetworkReportType.PanIdentifierConflict, 7, new ushort[] { 1, 2 }, buffer));
        Add(NetworkUpdateCommand.PanIdentifierUpdate(7, 1, 0x4321).Encode(buffer));
        Add(new EndDeviceTimeoutRequestCommand(8).Encode(buffer));
        Add(new EndDeviceTimeoutResponseCommand(EndDeviceTimeoutStatus.Success, 3).Encode(buffer));
        Add(LinkPowerDeltaCommand.Encode(LinkPowerDeltaType.Request, new LinkPowerDeltaEntry[] { new(1, -2), new(3, 4) }, buffer));
        return list;
    }
}
