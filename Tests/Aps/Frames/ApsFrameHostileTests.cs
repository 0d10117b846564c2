using ZigBee.Aps.Frames;
using ZigBee.Mac;
using ZigBee.Mac.Frames;
using ZigBee.Nwk.Frames;

namespace ZigBee.Tests.Aps.Frames;

/// <summary>
/// A million mutated APS frames and command payloads (fixed seeds, two halves that run in parallel), from encoded
/// frames of every kind, every command, and the APS frames of the shared captures' unsecured NWK frames: ApsFrame and
/// every command decoder answer false or <see cref="FrameFormatException"/>, never anything else; what decodes
/// re-encodes to the same bytes.
/// </summary>
[TestClass]
public sealed class ApsFrameHostileTests
{
    private const int Iterations = 500_000;

    private static readonly Lazy<List<byte[]>> Corpus = new(BuildCorpus);

    [TestMethod]
    public void MutatedFramesNeverCrashAnyDecoderFirstHalf() => MutatedFramesNeverCrashAnyDecoder(2022);

    [TestMethod]
    public void MutatedFramesNeverCrashAnyDecoderSecondHalf() => MutatedFramesNeverCrashAnyDecoder(53474);

    private static void MutatedFramesNeverCrashAnyDecoder(int seed)
    {
        var (decoded, refused) = HostileInput.Run(Corpus.Value, seed, Iterations, 0x05, Exercise);

        // Both outcomes must be common, or the mutations are not reaching the decoders' corners.
        Assert.IsGreaterThan(Iterations / 10, decoded);
        Assert.IsGreaterThan(Iterations / 20, refused);
    }

    private static bool Exercise(ReadOnlySpan<byte> input)
    {
        var ok = ApsFrame.TryDecode(input, out var frame);
        try
        {
            var thrown = ApsFrame.Decode(input);
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
            if (frame.PayloadOffset < 1 || frame.PayloadLength < 0 || frame.MicOffset + frame.MicLength != input.Length)
            {
                Assert.Fail("payload or MIC outside the frame");
            }

            Span<byte> header = stackalloc byte[40];
            var length = ApsFrame.EncodeHeader(frame.Header, header);
            if (length != frame.PayloadOffset || !header[..length].SequenceEqual(input[..length]))
            {
                Assert.Fail($"decoded header does not re-encode to its bytes: {Convert.ToHexString(input)}");
            }

            if (frame.CommandId(input) is not null)
            {
                ExerciseCommands(frame.Payload(input));
            }
        }

        ExerciseCommands(input);
        return ok;
    }

    private static void ExerciseCommands(ReadOnlySpan<byte> payload)
    {
        Span<byte> again = stackalloc byte[256];
        RoundTrip(TransportKeyCommand.TryDecode(payload, out var transport), payload, transport.Encode, again);
        RoundTrip(UpdateDeviceCommand.TryDecode(payload, out var update), payload, update.Encode, again);
        RoundTrip(RemoveDeviceCommand.TryDecode(payload, out var remove), payload, remove.Encode, again);
        RoundTrip(RequestKeyCommand.TryDecode(payload, out var request), payload, request.Encode, again);
        RoundTrip(SwitchKeyCommand.TryDecode(payload, out var switchKey), payload, switchKey.Encode, again);
        RoundTrip(VerifyKeyCommand.TryDecode(payload, out var verify), payload, verify.Encode, again);
        RoundTrip(ConfirmKeyCommand.TryDecode(payload, out var confirm), payload, confirm.Encode, again);
        if (TunnelCommand.TryDecode(payload, out var tunnel))
        {
            var length = TunnelCommand.Encode(tunnel.DestinationAddress, tunnel.TunnelledBytes(payload), again);
            if (length != payload.Length || !again[..length].SequenceEqual(payload))
            {
                Assert.Fail("decoded tunnel does not re-encode to its bytes");
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
            if (MacFrame.TryDecode(psdu, out var mac, hasFcs) && mac.Header.FrameType == MacFrameType.Data
                && NwkFrame.TryDecode(mac.Payload(psdu), out var nwk) && !nwk.Header.Security.HasValue && nwk.Header.FrameType == NwkFrameType.Data)
            {
                corpus.Add(nwk.Payload(mac.Payload(psdu)).ToArray());
            }
        }

        foreach (var (_, header, payload) in ApsSamples.Frames.Concat(ApsSamples.InterPanFrames))
        {
            corpus.Add(ApsSamples.Encode(header, payload));
        }

        corpus.AddRange(ApsSamples.Commands);
        return corpus;
    }
}
