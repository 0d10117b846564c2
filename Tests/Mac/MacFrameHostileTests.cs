using ZigBee.Mac;
using ZigBee.Mac.Frames;

namespace ZigBee.Tests.Mac;

/// <summary>
/// A million mutated frames (fixed seeds, two halves that run in parallel) from the shared captures and from encoded
/// frames of every shape: every decoder answers false or <see cref="FrameFormatException"/>, never anything else, and
/// what decodes is consistent.
/// </summary>
[TestClass]
public sealed class MacFrameHostileTests
{
    private const int Iterations = 500_000;

    private static readonly Lazy<List<byte[]>> Corpus = new(BuildCorpus);

    [TestMethod]
    public void MutatedFramesNeverCrashAnyDecoderFirstHalf() => MutatedFramesNeverCrashAnyDecoder(802154);

    [TestMethod]
    public void MutatedFramesNeverCrashAnyDecoderSecondHalf() => MutatedFramesNeverCrashAnyDecoder(2006);

    private static void MutatedFramesNeverCrashAnyDecoder(int seed)
    {
        var (decoded, refused) = HostileInput.Run(Corpus.Value, seed, Iterations, 0x77, Exercise, GiveCorrectFcsHalfTheTime);

        // Both outcomes must be common, or the mutations are not reaching the decoders' corners.
        Assert.IsGreaterThan(Iterations / 10, decoded);
        Assert.IsGreaterThan(Iterations / 10, refused);
    }

    private static bool Exercise(ReadOnlySpan<byte> input)
    {
        var ok = MacFrame.TryDecode(input, out var frame);
        MacFrame.TryDecode(input, out _, hasFcs: false);
        try
        {
            var thrown = MacFrame.Decode(input);
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
            if (frame.PayloadOffset < 2 || frame.PayloadOffset + frame.PayloadLength + 2 != input.Length)
            {
                Assert.Fail("payload outside the frame");
            }
            MacFrameVectorTestsHelpers.AssertHeaderReEncodes(input, frame);
            ExercisePayload(frame.Payload(input));
        }

        ExercisePayload(input);
        return ok;
    }

    private static void ExercisePayload(ReadOnlySpan<byte> payload)
    {
        if (Beacon.TryDecode(payload, out var beacon))
        {
            // Every entry the beacon announces lies inside the buffer.
            for (var i = 0; i < beacon.GtsDescriptorCount; i++)
            {
                beacon.GetGtsDescriptor(payload, i);
                beacon.IsReceiveGts(i);
            }

            for (var i = 0; i < beacon.PendingShortCount; i++)
            {
                beacon.GetPendingShort(payload, i);
            }

            for (var i = 0; i < beacon.PendingExtendedCount; i++)
            {
                beacon.GetPendingExtended(payload, i);
            }

            beacon.BeaconPayload(payload);
        }

        AssociationRequestCommand.TryDecode(payload, out _);
        AssociationResponseCommand.TryDecode(payload, out _);
        DisassociationNotificationCommand.TryDecode(payload, out _);
        CoordinatorRealignmentCommand.TryDecode(payload, out _);
        GtsRequestCommand.TryDecode(payload, out _);
    }

    /// <summary>Half of the time a correct FCS, so decoding reaches past the checks a bad FCS would end.</summary>
    private static void GiveCorrectFcsHalfTheTime(Span<byte> frame, Random random)
    {
        if (frame.Length >= 2 && random.Next(2) == 0)
        {
            Fcs.Write(frame[..^2], frame[^2..]);
        }
    }

    private static List<byte[]> BuildCorpus()
    {
        var corpus = new List<byte[]>();
        foreach (var (frame, _) in CaptureFrames.AllOrEmpty())
        {
            corpus.Add(frame);
        }

        var buffer = new byte[127];
        var payload = new byte[40];
        new Random(1).NextBytes(payload);
        MacAddress[] addresses = [MacAddress.None, MacAddress.FromShort(0x1A62), MacAddress.FromExtended(0x00124B0001020304)];
        for (var type = 0; type < 8; type++)
        {
            for (var version = 0; version < 4; version++)
            {
                foreach (var destination in addresses)
                {
                    foreach (var source in addresses)
                    {
                        var fc = FrameControl.Create((MacFrameType)type, destination.Mode, source.Mode, panIdCompression: (type + version) % 2 == 0, version: (MacFrameVersion)version);
                        var header = new MacHeader(fc, 1, 0x1A62, destination, 0x2B3C, source);
                        var body = MacFrameRoundTripTests.PayloadFor(fc, payload[..(type * 3)]);
                        corpus.Add(buffer[..MacFrame.Encode(header, body, buffer)]);
                        for (var mode = 0; mode < 4 && version > 0; mode++)
                        {
                            var secured = header with { Security = new AuxiliarySecurityHeader((byte)(5 | (mode << 3) | (version == 2 ? 0x20 : 0)), 7, 0x0102030405060708, 1) };
                            corpus.Add(buffer[..MacFrame.Encode(secured, body.Length >= 4 ? body : payload[..8], buffer)]);
                        }
                    }
                }
            }
        }

        var beaconPayload = new byte[60];
        var beaconLength = Beacon.Encode(new SuperframeSpecification(0xCF52), true, [new GtsDescriptor(1, 2, 3), new GtsDescriptor(4, 5, 6)], 1, [1, 2, 3], [4, 5], [9, 9, 9], beaconPayload);
        var beaconHeader = new MacHeader(FrameControl.Create(MacFrameType.Beacon, MacAddressingMode.None, MacAddressingMode.Short), 5, 0, MacAddress.None, 0x1A62, MacAddress.FromShort(0));
        corpus.Add(buffer[..MacFrame.Encode(beaconHeader, beaconPayload.AsSpan(0, beaconLength), buffer)]);
        var command = new byte[9];
        var commandHeader = new MacHeader(FrameControl.Create(MacFrameType.Command, MacAddressingMode.Extended, MacAddressingMode.Extended), 5, 0xFFFF, MacAddress.FromExtended(1), 0x1A62, MacAddress.FromExtended(2));
        foreach (var length in new[]
        {
            new AssociationRequestCommand(new CapabilityInformation(0x8E)).Encode(command),
            new AssociationResponseCommand(0x1234, AssociationStatus.Successful).Encode(command),
            new DisassociationNotificationCommand(DisassociateReason.DeviceWishesToLeave).Encode(command),
            new CoordinatorRealignmentCommand(1, 2, 11, 3, 0).Encode(command),
            new GtsRequestCommand(0x35).Encode(command),
        })
        {
            corpus.Add(buffer[..MacFrame.Encode(commandHeader, command.AsSpan(0, length), buffer)]);
        }

        return corpus;
    }
}
