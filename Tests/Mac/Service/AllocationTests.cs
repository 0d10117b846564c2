using ZigBee.Mac.Frames;
using ZigBee.Mac.Radio;
using ZigBee.Mac.Service;
using ZigBee.Simulation.Scheduling;
using ZigBee.Tests.Mac.Fakes;

namespace ZigBee.Tests.Mac.Service;

[TestClass]
public sealed class AllocationTests
{
    /// <summary>A radio that allocates nothing: transmissions end after their airtime; it never hears anything.</summary>
    private sealed class QuietRadio(SimulationScheduler scheduler) : IRadio
    {
        private IRadioHandler? _handler;

        public ulong ExtendedAddress => 0x0102030405060708;

        public byte Channel { get; private set; } = 11;

        public bool ReceiverEnabled { get; set; }

        public bool IsTransmitting { get; private set; }

        private readonly byte[] _ack = new byte[5];
        private bool _ackRequested;

        public void SetChannel(byte channel) => Channel = channel;

        public bool ClearChannelAssessment() => true;

        public byte EnergyDetect() => 0;

        public void Transmit(ReadOnlySpan<byte> psdu)
        {
            IsTransmitting = true;
            _ackRequested = (psdu[0] & 0x20) != 0;
            MacFrame.EncodeAcknowledgment(psdu[2], false, _ack);
            scheduler.Schedule(Phy24GHz.Airtime(psdu.Length), static s => ((QuietRadio)s!).Done(), this);
        }

        public void SetHandler(IRadioHandler? handler) => _handler = handler;

        public void Hear(ReadOnlySpan<byte> psdu) => _handler!.OnReceive(psdu, new RadioReceiveInfo(255, -40));

        private void Done()
        {
            IsTransmitting = false;
            _handler!.OnTransmitComplete();
            if (_ackRequested)
            {
                // The peer acknowledges aTurnaroundTime later; the ACK is on air for 11 bytes.
                scheduler.Schedule(Phy24GHz.TurnaroundTime + Phy24GHz.Airtime(5), static s => ((QuietRadio)s!).HearAck(), this);
            }
        }

        private void HearAck() => Hear(_ack);
    }

    [TestMethod]
    public void AcknowledgedDataFrameAndIncomingFrameAllocateNothing()
    {
        var scheduler = new SimulationScheduler();
        var radio = new QuietRadio(scheduler);
        var mac = new MacService(radio, scheduler.Time, new Random(1));
        mac.Pib.MacPanId = MacTestBed.PanId;
        mac.Pib.MacShortAddress = 0x0001;
        mac.Pib.MacRxOnWhenIdle = true;
        var indicated = 0;
        mac.DataIndication += (in McpsDataIndication _, ReadOnlySpan<byte> _) => indicated++;
        var msdu = new byte[60];
        var request = MacTestBed.ToShort(0x0002, msdu);
        var incoming = new byte[20];
        var header = MacHeader.Data(0, MacTestBed.PanId, MacAddress.FromShort(0x0001), MacAddress.FromShort(0x0002), ackRequest: true);

        void OneRound(int i)
        {
            var pending = mac.DataRequestAsync(request);
            scheduler.RunFor(TimeSpan.FromMilliseconds(20));
            if (!pending.IsCompleted || pending.Result.Status != MacStatus.Success)
            {
                throw new AssertFailedException("the data request did not succeed");
            }

            MacFrame.Encode(header with { SequenceNumber = (byte)i }, msdu.AsSpan(0, 7), incoming);
            radio.Hear(incoming);
            scheduler.RunFor(TimeSpan.FromMilliseconds(5));
        }

        for (var i = 0; i < 50; i++)
        {
            OneRound(i);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 50; i < 150; i++)
        {
            OneRound(i);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.AreEqual(0, allocated, "bytes allocated by 100 acknowledged data frames sent and 100 received");
        Assert.AreEqual(150, indicated);
        Assert.AreEqual(150, mac.Counters.AcksTransmitted);
    }
}
