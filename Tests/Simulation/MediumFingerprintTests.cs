using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using ZigBee.Mac.Frames;
using ZigBee.Mac.Radio;
using ZigBee.Simulation.Topologies;

namespace ZigBee.Tests.Simulation;

/// <summary>
/// A seeded run that exercises every path of the medium at once (collisions, losses, bursts, corruption, filters,
/// broken links, cut frames, retuning, nodes added mid-run), recorded event by event and compared with the digest of
/// the same run as the medium produced it before its tables were laid out for speed. Simulations of whole networks are
/// expected to reproduce from their seed across versions, so a change here must be one of behaviour, made on purpose.
/// </summary>
[TestClass]
public sealed class MediumFingerprintTests
{
    private const int Nodes = 30;
    private const ushort Pan = 0x1A2B;

    /// <summary>SHA-256 of <see cref="Record"/>'s text for seed 7.</summary>
    private const string ExpectedDigest = "F41D3D939CCE637C07A8BD6AC3DAC67A2F852D5EA128DE001211FF92A089170B";

    [TestMethod]
    public void ASeededRunOfEveryFeatureRepeatsEventForEvent()
    {
        var log = Record(mediumSeed: 7);

        StringAssert.Contains(log, "collisions");
        Assert.AreEqual(ExpectedDigest, Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(log))), log[^400..]);
    }

    private static string Record(int mediumSeed)
    {
        var bed = new MediumTestBed(Nodes, mediumSeed, Topology.Random(Nodes, seed: 3, lossProbability: 0.05));
        var script = new Random(11);
        for (var i = 0; i < Nodes; i += 3)
        {
            bed[i].SetFrameFilter(new RadioFrameFilter(true, Pan, (ushort)i, bed[i].ExtendedAddress, AwaitingAcknowledgment: i % 2 == 0, (byte)i));
        }

        var receivers = bed.Medium.ReceiversOf(1);
        bed.Medium.SetCorruption(1, receivers[0], 0.3);
        bed.Medium.CorruptNextFrames(2, bed.Medium.ReceiversOf(2)[0], 3);
        bed.Medium.CorruptNextFramesAt(4, 2);

        for (var i = 0; i < 1500; i++)
        {
            var node = script.Next(Nodes);
            var frame = MakeFrame(script, node);
            bed.Scheduler.Schedule(At(script), () =>
            {
                if (bed.Medium.NodeCount > node && !bed[node].IsTransmitting)
                {
                    bed[node].Transmit(frame);
                }
            });
        }

        for (var i = 0; i < 120; i++)
        {
            var a = script.Next(Nodes);
            var kind = script.Next(8);
            var links = bed.Medium.ReceiversOf(a);
            var b = links.Count > 0 ? links[script.Next(links.Count)] : -1;
            var span = TimeSpan.FromMilliseconds(script.Next(1, 40));
            bed.Scheduler.Schedule(At(script), () =>
            {
                switch (kind)
                {
                    case 0:
                        // Preferably a node with a frame on air, to cut it.
                        var victim = Enumerable.Range(0, Nodes).Select(n => (a + n) % Nodes).FirstOrDefault(n => bed[n].IsTransmitting, a);
                        bed.Medium.SwitchOff(victim);
                        bed.Scheduler.Schedule(span, () => bed.Medium.SwitchOn(victim));
                        break;
                    case 1 when b >= 0 && bed.Medium.IsLinked(a, b):
                        bed.Medium.BreakLink(a, b);
                        bed.Scheduler.Schedule(span, () =>
                        {
                            if (bed.Medium.GetLinkQuality(a, b) is not null || bed.Medium.GetLinkQuality(b, a) is not null)
                            {
                                bed.Medium.HealLink(a, b);
                            }
                        });
                        break;
                    case 2 when b >= 0 && bed.Medium.GetLinkQuality(a, b) is not null:
                        bed.Medium.BurstLoss(a, b, span);
                        break;
                    case 3:
                        bed.Medium.BurstLossAt(a, span);
                        break;
                    case 4:
                        bed[a].SetChannel(15);
                        bed.Scheduler.Schedule(span, () => bed[a].SetChannel(11));
                        break;
                    case 5:
                        bed[a].ReceiverEnabled = false;
                        bed.Scheduler.Schedule(span, () => bed[a].ReceiverEnabled = true);
                        break;
                    case 6 when b >= 0:
                        bed.Medium.UnlinkDirected(a, b);
                        bed.Scheduler.Schedule(span, () => bed.Medium.LinkDirected(a, b, (byte)(100 + a), 0.1));
                        break;
                    default:
                        var added = bed.Medium.AddNode(MediumTestBed.AddressBase + (ulong)bed.Medium.NodeCount);
                        added.SetHandler(new MediumTestBed.RecordingHandler(bed, added.Index));
                        bed.Medium.Link(a, added.Index, (byte)(50 + a));
                        break;
                }
            });
        }

        bed.Scheduler.RunUntilIdle();

        var text = new StringBuilder();
        foreach (var delivery in bed.Deliveries)
        {
            text.Append($"{delivery.At.Ticks} {delivery.Node} {delivery.Info.Lqi} {delivery.Info.Rssi} {delivery.Info.FcsChecked} {Convert.ToHexString(delivery.Psdu)}\n");
        }

        for (var i = 0; i < bed.Medium.NodeCount; i++)
        {
            text.Append($"node {i}: filtered {bed[i].FramesFiltered}, powered {bed[i].IsPowered}, energy {bed[i].EnergyDetect()}\n");
        }

        text.Append(bed.Medium.Statistics);
        return text.ToString();
    }

    private static TimeSpan At(Random script) => TimeSpan.FromTicks(script.NextInt64(TimeSpan.FromSeconds(3).Ticks));

    /// <summary>A broadcast, a unicast to a node's short address, an acknowledgment or a frame to an extended address.</summary>
    private static byte[] MakeFrame(Random script, int from)
    {
        var kind = script.Next(4);
        if (kind == 2)
        {
            var ack = new byte[5];
            ack[0] = 0x02;
            ack[2] = (byte)script.Next(Nodes);
            Fcs.Write(ack.AsSpan(0, 3), ack.AsSpan(3));
            return ack;
        }

        var length = script.Next(25, 100);
        var frame = new byte[length];
        script.NextBytes(frame);
        frame[0] = 0x41;
        frame[1] = (byte)(kind == 3 ? 0xCC : 0x88); // destination short (0x88) or extended (0xCC)
        frame[3] = Pan & 0xFF;
        frame[4] = Pan >> 8;
        var to = kind == 0 ? (ushort)0xFFFF : (ushort)script.Next(Nodes);
        if (kind == 3)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(frame.AsSpan(5), MediumTestBed.AddressBase + to);
        }
        else
        {
            frame[5] = (byte)to;
            frame[6] = (byte)(to >> 8);
        }

        frame[length - 3] = (byte)from;
        Fcs.Write(frame.AsSpan(0, length - 2), frame.AsSpan(length - 2));
        if (script.Next(50) == 0)
        {
            frame[^1] ^= 0x40; // now and then a frame whose FCS is bad on air
        }

        return frame;
    }
}
