using ZigBee.Mac.Frames;
using ZigBee.Mac.Radio;
using ZigBee.Mac.Service;
using ZigBee.Simulation.Medium;
using ZigBee.Simulation.Scheduling;
using ZigBee.Tests.Mac.Fakes;

namespace ZigBee.Tests.Simulation;

/// <summary>MACs on the simulated medium, whose radios filter frames in hardware and check the FCS once per frame.</summary>
[TestClass]
public sealed class RadioFrameFilterMediumTests
{
    private const ushort Pan = MacTestBed.PanId;

    private sealed class Bed
    {
        public Bed(int macs)
        {
            Medium = new SimulatedMedium(Scheduler, seed: 1);
            for (var i = 0; i < macs + 1; i++)
            {
                Medium.AddNode(0x00124B0000000100 + (ulong)i);
                for (var j = 0; j < i; j++)
                {
                    Medium.Link(i, j);
                }
            }

            for (var i = 0; i < macs; i++)
            {
                var mac = new MacService(Medium[i], Scheduler.Time, new Random(i + 1));
                mac.Pib.MacPanId = Pan;
                mac.Pib.MacShortAddress = (ushort)i;
                mac.Pib.MacRxOnWhenIdle = true;
                var index = i;
                Indications.Add(0);
                mac.DataIndication += (in McpsDataIndication _, ReadOnlySpan<byte> _) => Indications[index]++;
                Macs.Add(mac);
            }
        }

        public SimulationScheduler Scheduler { get; } = new();

        public SimulatedMedium Medium { get; }

        public List<MacService> Macs { get; } = [];

        public List<int> Indications { get; } = [];

        /// <summary>The node after the MACs: a bare radio that sends whatever bytes it is given.</summary>
        public SimulatedRadio Bare => Medium[Macs.Count];

        public McpsDataConfirm Send(int from, ushort to, MacTxOptions options = MacTxOptions.Acknowledged)
        {
            Task<McpsDataConfirm>? task = null;
            var request = new McpsDataRequest(MacAddressingMode.Short, Pan, MacAddress.FromShort(to), new byte[] { 1, 2, 3 }, 1, options);
            Scheduler.Post(() => task = SendAsync(Macs[from], request));
            while (task is null && Scheduler.RunOne())
            {
            }

            Assert.IsTrue(Scheduler.RunUntilComplete(task!, TimeSpan.FromSeconds(10)));
            Scheduler.RunFor(TimeSpan.FromMilliseconds(50));
            return task!.GetAwaiter().GetResult();
        }

        private static async Task<McpsDataConfirm> SendAsync(MacService mac, McpsDataRequest request) => await mac.DataRequestAsync(request);
    }

    [TestMethod]
    public void AnotherDevicesUnicastAndItsAckStayInTheRadio()
    {
        var bed = new Bed(3);

        var confirm = bed.Send(1, 0x0000);

        Assert.AreEqual(MacStatus.Success, confirm.Status, "the sender's radio let its ACK through");
        Assert.AreEqual(1, bed.Indications[0]);
        Assert.AreEqual(0, bed.Indications[2]);
        Assert.AreEqual(2L, bed.Medium[2].FramesFiltered, "the data frame and its ACK");
        Assert.AreEqual(0L, bed.Macs[2].Counters.FramesReceived);
        Assert.AreEqual(0L, bed.Macs[2].Counters.FramesFiltered);
        Assert.AreEqual(0L, bed.Medium[1].FramesFiltered);
        Assert.AreEqual(2L, bed.Medium.Statistics.Filtered);
    }

    [TestMethod]
    public void BroadcastsPassEveryFilter()
    {
        var bed = new Bed(3);

        bed.Send(1, MacAddress.BroadcastShort, MacTxOptions.None);

        Assert.AreEqual(1, bed.Indications[0]);
        Assert.AreEqual(1, bed.Indications[2]);
        Assert.AreEqual(0L, bed.Medium.Statistics.Filtered);
    }

    [TestMethod]
    public void PromiscuousModeTurnsTheFilterOff()
    {
        var bed = new Bed(3);
        bed.Scheduler.Post(() => bed.Macs[2].Pib.MacPromiscuousMode = true);
        bed.Scheduler.RunFor(TimeSpan.FromMilliseconds(1));

        bed.Send(1, 0x0000);

        Assert.AreEqual(0L, bed.Medium[2].FramesFiltered);
        Assert.AreEqual(2, bed.Indications[2], "the data frame and the ACK, as a sniffer hears them");
    }

    [TestMethod]
    public void AChangedShortAddressRefiltersTheRadio()
    {
        var bed = new Bed(3);
        bed.Scheduler.Post(() => bed.Macs[2].Pib.MacShortAddress = 0x0077);
        bed.Scheduler.RunFor(TimeSpan.FromMilliseconds(1));

        var toOld = bed.Send(1, 0x0002);
        var toNew = bed.Send(1, 0x0077);

        Assert.AreEqual(MacStatus.NoAck, toOld.Status);
        Assert.AreEqual(MacStatus.Success, toNew.Status);
        Assert.AreEqual(1, bed.Indications[2]);
    }

    private sealed class Recorder : IRadioHandler
    {
        public List<RadioReceiveInfo> Heard { get; } = [];

        public void OnReceive(ReadOnlySpan<byte> psdu, in RadioReceiveInfo info) => Heard.Add(info);

        public void OnTransmitComplete()
        {
        }
    }

    [TestMethod]
    public void OnlyAFilteringRadioReportsTheFcsChecked()
    {
        var bed = new Bed(1);
        var recorder = new Recorder();
        bed.Bare.SetHandler(recorder);

        bed.Send(0, MacAddress.BroadcastShort, MacTxOptions.None);
        bed.Scheduler.Post(() => bed.Bare.SetFrameFilter(new RadioFrameFilter(true, Pan, 0x0055, bed.Bare.ExtendedAddress)));
        bed.Send(0, MacAddress.BroadcastShort, MacTxOptions.None);

        Assert.HasCount(2, recorder.Heard);
        Assert.IsFalse(recorder.Heard[0].FcsChecked, "a plain radio leaves the FCS to its MAC");
        Assert.IsTrue(recorder.Heard[1].FcsChecked, "a filtering radio checked it");
    }

    [TestMethod]
    public void AFrameWithABadFcsIsStillCaughtByTheMac()
    {
        var bed = new Bed(2);
        var psdu = new byte[127];
        var length = MacFrame.Encode(MacHeader.Data(5, Pan, MacAddress.FromShort(0x0000), MacAddress.FromShort(0x0009), ackRequest: false), [9, 9], psdu);

        bed.Scheduler.Post(() => bed.Bare.Transmit(psdu.AsSpan(0, length)));
        bed.Scheduler.RunFor(TimeSpan.FromMilliseconds(10));
        psdu[length - 1] ^= 0x5A;
        bed.Scheduler.Post(() => bed.Bare.Transmit(psdu.AsSpan(0, length)));
        bed.Scheduler.RunFor(TimeSpan.FromMilliseconds(10));

        Assert.AreEqual(1, bed.Indications[0], "the good copy");
        Assert.AreEqual(1L, bed.Macs[0].Counters.FcsErrors, "the radio passed the bad one unchecked; the MAC refused it");
    }
}
