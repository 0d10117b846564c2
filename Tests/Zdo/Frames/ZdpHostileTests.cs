using ZigBee.Zdo.Frames;

namespace ZigBee.Tests.Zdo.Frames;

/// <summary>
/// A million mutated ZDP payloads (fixed seeds, two halves that run in parallel), from every sample: every message
/// decoder answers false or decodes, never throws; what decodes re-encodes to the bytes it was read from (trailing
/// bytes aside), and reads back through its lists without throwing.
/// </summary>
[TestClass]
public sealed class ZdpHostileTests
{
    private const int Iterations = 500_000;

    /// <summary>Each sample behind its cluster identifier (little-endian), so mutations of those two bytes move a payload to another decoder.</summary>
    private static readonly List<byte[]> Corpus = ZdpSamples.All.Select(s => (byte[])[(byte)s.Cluster, (byte)((ushort)s.Cluster >> 8), .. s.Fields]).ToList();

    [TestMethod]
    public void MutatedPayloadsNeverCrashAnyDecoderFirstHalf() => MutatedPayloadsNeverCrashAnyDecoder(2210);

    [TestMethod]
    public void MutatedPayloadsNeverCrashAnyDecoderSecondHalf() => MutatedPayloadsNeverCrashAnyDecoder(8031);

    private static void MutatedPayloadsNeverCrashAnyDecoder(int seed)
    {
        var again = new byte[512];
        var (decoded, refused) = HostileInput.Run(Corpus, seed, Iterations, 0x03, input => Exercise(input, again));

        // Both outcomes must be common, or the mutations are not reaching the decoders' corners.
        Assert.IsGreaterThan(Iterations / 10, decoded);
        Assert.IsGreaterThan(Iterations / 20, refused);
    }

    /// <summary>
    /// Every decoder on the fields after the two cluster bytes; true when the decoder of the cluster those bytes name
    /// accepted them (an unknown cluster counts as refused).
    /// </summary>
    private static bool Exercise(ReadOnlySpan<byte> input, byte[] again)
    {
        if (input.Length < 2)
        {
            return false;
        }

        var named = (ZdpClusterId)(input[0] | (input[1] << 8));
        var fields = input[2..];
        var accepted = false;
        foreach (var (cluster, roundTrip) in ZdpCodecs.ByCluster)
        {
            var length = roundTrip(fields, again);
            if (length < 0)
            {
                continue;
            }

            accepted |= cluster == named;
            if (length > fields.Length || !again.AsSpan(0, length).SequenceEqual(fields[..length]))
            {
                Assert.Fail($"{cluster} does not re-encode to its bytes: {Convert.ToHexString(fields)}");
            }
        }

        ReadLists(fields);
        return accepted;
    }

    /// <summary>Reads every element of the lists of the list-bearing messages that decode.</summary>
    private static void ReadLists(ReadOnlySpan<byte> input)
    {
        var sum = 0L;
        if (MgmtBindResponse.TryDecode(input, out var bind))
        {
            foreach (var binding in bind.Bindings)
            {
                sum += binding.Length;
            }

            for (var i = 0; i < bind.Bindings.Count; i++)
            {
                sum += bind.Bindings[i].ClusterId;
            }
        }

        if (MgmtLqiResponse.TryDecode(input, out var lqi))
        {
            foreach (var neighbor in lqi.Neighbors)
            {
                sum += neighbor.Lqi;
            }
        }

        if (SimpleDescResponse.TryDecode(input, out var simple))
        {
            for (var i = 0; i < simple.Descriptor.InputClusters.Count; i++)
            {
                sum += simple.Descriptor.InputClusters[i];
            }
        }

        if (NwkAddrResponse.TryDecode(input, out var address))
        {
            foreach (var device in address.AssociatedDevices)
            {
                sum += device;
            }
        }

        if (sum < 0)
        {
            Assert.Fail("list elements are unsigned");
        }
    }
}
