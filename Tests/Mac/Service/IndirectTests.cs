using ZigBee.Mac.Frames;
using ZigBee.Mac.Radio;
using ZigBee.Mac.Service;
using ZigBee.Tests.Mac.Fakes;

namespace ZigBee.Tests.Mac.Service;

[TestClass]
public sealed class IndirectTests
{
    private const ulong CoordinatorAddress = 0x00124B00000000C0;
    private const ulong SleeperAddress = 0x00124B00000000D1;
    private const ushort SleeperShort = 0x796F;

    private static (MacTestBed Bed, MacService Coordinator, MacService Sleeper, FakeRadio SleeperRadio) Setup(MacServiceOptions? options = null)
    {
        var bed = new MacTestBed();
        var (coordinator, _) = bed.AddCoordinator(CoordinatorAddress, options: options);
        var (sleeper, radio) = bed.AddNode(SleeperAddress, seed: 21);
        MacTestBed.Join(sleeper, SleeperShort, CoordinatorAddress, rxOnWhenIdle: false);
        return (bed, coordinator, sleeper, radio);
    }

    private static MlmePollRequest PollCoordinator => new(MacTestBed.PanId, MacAddress.FromShort(0x0000));

    private static bool PendingBit(AirFrame frame) => (frame.Psdu[0] & 0x10) != 0;

    [TestMethod]
    public void IndirectDataIsDeliveredOnPoll()
    {
        var (bed, coordinator, sleeper, radio) = Setup();
        var received = new List<byte[]>();
        sleeper.DataIndication += (in McpsDataIndication _, ReadOnlySpan<byte> msdu) => received.Add(msdu.ToArray());

        var confirm = bed.Send(coordinator, MacTestBed.ToShort(SleeperShort, [0xAB, 0xCD], handle: 7, MacTxOptions.Acknowledged | MacTxOptions.Indirect));
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(1));
        Assert.IsFalse(confirm.IsCompleted, "held until the device polls");
        Assert.IsEmpty(bed.FramesOfType(MacFrameType.Data), "nothing sent to a sleeping device");
        Assert.AreEqual(1, coordinator.PendingTransactions);

        var poll = bed.Run(() => sleeper.PollRequestAsync(PollCoordinator));

        Assert.AreEqual(MacStatus.Success, poll);
        Assert.HasCount(1, received);
        CollectionAssert.AreEqual(new byte[] { 0xAB, 0xCD }, received[0]);
        var delivered = bed.Wait(confirm);
        Assert.AreEqual(MacStatus.Success, delivered.Status);
        Assert.AreEqual((byte)7, delivered.MsduHandle);
        Assert.AreEqual(0, coordinator.PendingTransactions);
        Assert.IsFalse(radio.ReceiverEnabled, "a sleepy device's receiver goes off again");

        Assert.AreEqual(MacStatus.NoData, bed.Run(() => sleeper.PollRequestAsync(PollCoordinator)));
    }

    [TestMethod]
    public void SleepyReceiverIsOnOnlyForTheAckAndTheAnnouncedFrame()
    {
        var (bed, coordinator, sleeper, radio) = Setup();
        Assert.IsFalse(radio.ReceiverEnabled);
        bed.Send(coordinator, MacTestBed.ToShort(SleeperShort, [1], 1, MacTxOptions.Acknowledged | MacTxOptions.Indirect));
        radio.ReceiverLog.Clear();

        Assert.AreEqual(MacStatus.Success, bed.Run(() => sleeper.PollRequestAsync(PollCoordinator)));
        bed.Scheduler.RunFor(TimeSpan.FromMilliseconds(10));

        var dataRequest = bed.Air.Log.First(f => f.Sender == SleeperAddress);
        var data = bed.FramesOfType(MacFrameType.Data).Single();
        var dataAck = bed.Air.Log.Last(f => f.Sender == SleeperAddress);
        Assert.HasCount(2, radio.ReceiverLog, "on once, off once");
        Assert.AreEqual((dataRequest.End, true), radio.ReceiverLog[0], "on when the data request has been sent");
        Assert.AreEqual(data.End, radio.ReceiverLog[1].At, "off once the announced frame is in");
        Assert.AreEqual(data.End + Phy24GHz.TurnaroundTime, dataAck.Start, "and the frame is still acknowledged");
        Assert.IsFalse(radio.ReceiverLog[1].On);
    }

    [TestMethod]
    public void AckPendingBitIsSetExactlyWhenSomethingIsQueuedForTheRequester()
    {
        var (bed, coordinator, sleeper, _) = Setup();

        // Nothing queued: pending bit clear, NO_DATA.
        Assert.AreEqual(MacStatus.NoData, bed.Run(() => sleeper.PollRequestAsync(PollCoordinator)));
        Assert.IsFalse(PendingBit(bed.FramesOfType(MacFrameType.Acknowledgment).Last()));

        // Queued for someone else: still clear.
        bed.Send(coordinator, MacTestBed.ToShort(0x4444, [1], options: MacTxOptions.Acknowledged | MacTxOptions.Indirect));
        Assert.AreEqual(MacStatus.NoData, bed.Run(() => sleeper.PollRequestAsync(PollCoordinator)));
        Assert.IsFalse(PendingBit(bed.FramesOfType(MacFrameType.Acknowledgment).Last()));

        // Queued for the sleeper by its extended address while it polls with its short one: not the same requester.
        bed.Send(coordinator, new McpsDataRequest(MacAddressingMode.Short, MacTestBed.PanId, MacAddress.FromExtended(SleeperAddress), new byte[] { 2 }, 2, MacTxOptions.Acknowledged | MacTxOptions.Indirect));
        Assert.AreEqual(MacStatus.NoData, bed.Run(() => sleeper.PollRequestAsync(PollCoordinator)));
        Assert.IsFalse(PendingBit(bed.FramesOfType(MacFrameType.Acknowledgment).Last()));

        // Queued for its short address: set.
        bed.Send(coordinator, MacTestBed.ToShort(SleeperShort, [3], options: MacTxOptions.Acknowledged | MacTxOptions.Indirect));
        var count = bed.Air.Log.Count;
        Assert.AreEqual(MacStatus.Success, bed.Run(() => sleeper.PollRequestAsync(PollCoordinator)));
        Assert.IsTrue(PendingBit(bed.FramesOfType(MacFrameType.Acknowledgment, count).First()));
    }

    [TestMethod]
    public void OneFramePerPollWithPendingBitWhileMoreWait()
    {
        var (bed, coordinator, sleeper, _) = Setup();
        var received = new List<byte>();
        sleeper.DataIndication += (in McpsDataIndication _, ReadOnlySpan<byte> msdu) => received.Add(msdu[0]);
        var first = bed.Send(coordinator, MacTestBed.ToShort(SleeperShort, [1], 1, MacTxOptions.Acknowledged | MacTxOptions.Indirect));
        var second = bed.Send(coordinator, MacTestBed.ToShort(SleeperShort, [2], 2, MacTxOptions.Acknowledged | MacTxOptions.Indirect));

        Assert.AreEqual(MacStatus.Success, bed.Run(() => sleeper.PollRequestAsync(PollCoordinator)));
        CollectionAssert.AreEqual(new byte[] { 1 }, received);
        Assert.IsTrue(PendingBit(bed.FramesOfType(MacFrameType.Data).Last()), "more is queued");
        Assert.AreEqual(MacStatus.Success, bed.Wait(first).Status);
        Assert.IsFalse(second.IsCompleted);

        Assert.AreEqual(MacStatus.Success, bed.Run(() => sleeper.PollRequestAsync(PollCoordinator)));
        CollectionAssert.AreEqual(new byte[] { 1, 2 }, received);
        Assert.IsFalse(PendingBit(bed.FramesOfType(MacFrameType.Data).Last()), "the last one");
        Assert.AreEqual(MacStatus.Success, bed.Wait(second).Status);
    }

    [TestMethod]
    public void UnpolledTransactionExpiresAtExactly768Seconds()
    {
        var (bed, coordinator, _, _) = Setup();
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(3));
        var queuedAt = bed.Scheduler.Now;
        var confirm = bed.Send(coordinator, MacTestBed.ToShort(SleeperShort, [1], 9, MacTxOptions.Acknowledged | MacTxOptions.Indirect));

        var result = bed.Wait(confirm);

        Assert.AreEqual(MacStatus.TransactionExpired, result.Status);
        Assert.AreEqual((byte)9, result.MsduHandle);
        Assert.AreEqual(bed.Scheduler.Epoch + queuedAt + TimeSpan.FromMilliseconds(7680), result.Timestamp);
        Assert.AreEqual(1, coordinator.Counters.TransactionsExpired);
        Assert.AreEqual(0, coordinator.PendingTransactions);
    }

    [TestMethod]
    public void FullTransactionQueueGivesTransactionOverflow()
    {
        var (bed, coordinator, _, _) = Setup(new MacServiceOptions { TransactionQueueCapacity = 2 });
        var options = MacTxOptions.Acknowledged | MacTxOptions.Indirect;
        var a = bed.Send(coordinator, MacTestBed.ToShort(0x1111, [1], 1, options));
        var b = bed.Send(coordinator, MacTestBed.ToShort(0x2222, [2], 2, options));
        var c = bed.Send(coordinator, MacTestBed.ToShort(0x3333, [3], 3, options));

        Assert.IsTrue(c.IsCompleted);
        Assert.AreEqual(MacStatus.TransactionOverflow, c.Result.Status);
        Assert.AreEqual((byte)3, c.Result.MsduHandle);
        Assert.AreEqual(1, coordinator.Counters.TransactionsOverflowed);
        Assert.IsFalse(a.IsCompleted);
        Assert.IsFalse(b.IsCompleted);
    }

    [TestMethod]
    public void LostAckOfIndirectFrameLeavesItQueuedForTheNextPoll()
    {
        var (bed, coordinator, sleeper, _) = Setup();
        var received = 0;
        sleeper.DataIndication += (in McpsDataIndication _, ReadOnlySpan<byte> _) => received++;
        var confirm = bed.Send(coordinator, MacTestBed.ToShort(SleeperShort, [1], 1, MacTxOptions.Acknowledged | MacTxOptions.Indirect));
        var dropped = false;
        bed.Air.Fate = (sender, _, psdu) =>
        {
            // Drop the sleeper's first ACK of a data frame.
            if (!dropped && sender.ExtendedAddress == SleeperAddress && (psdu[0] & 7) == 2 && bed.FramesOfType(MacFrameType.Data).Count == 1)
            {
                dropped = true;
                return AirFate.Drop;
            }

            return AirFate.Deliver;
        };

        Assert.AreEqual(MacStatus.Success, bed.Run(() => sleeper.PollRequestAsync(PollCoordinator)));
        bed.Scheduler.RunFor(TimeSpan.FromMilliseconds(50));
        Assert.IsTrue(dropped);
        Assert.HasCount(1, bed.FramesOfType(MacFrameType.Data), "no MAC retry of an indirect frame");
        Assert.IsFalse(confirm.IsCompleted);
        Assert.AreEqual(1, coordinator.PendingTransactions);

        Assert.AreEqual(MacStatus.Success, bed.Run(() => sleeper.PollRequestAsync(PollCoordinator)));
        Assert.AreEqual(MacStatus.Success, bed.Wait(confirm).Status);
        var data = bed.FramesOfType(MacFrameType.Data);
        Assert.AreEqual(data[0].Psdu[2], data[1].Psdu[2], "same DSN on the second delivery");
        Assert.AreEqual(1, received, "the second copy is a duplicate");
    }

    [TestMethod]
    public void PollWithoutCoordinatorGivesNoAckAndBusyChannelChannelAccessFailure()
    {
        var bed = new MacTestBed();
        var (sleeper, radio) = bed.AddNode(SleeperAddress);
        MacTestBed.Join(sleeper, SleeperShort, CoordinatorAddress, rxOnWhenIdle: false);
        Assert.AreEqual(MacStatus.NoAck, bed.Run(() => sleeper.PollRequestAsync(PollCoordinator)));
        Assert.IsFalse(radio.ReceiverEnabled);
        bed.Air.ChannelBusy = true;
        Assert.AreEqual(MacStatus.ChannelAccessFailure, bed.Run(() => sleeper.PollRequestAsync(PollCoordinator)));
    }

    [TestMethod]
    public void PendingFrameThatNeverComesGivesNoDataAfterMaxFrameTotalWaitTime()
    {
        var (bed, coordinator, sleeper, radio) = Setup();
        bed.Send(coordinator, MacTestBed.ToShort(SleeperShort, [1], 1, MacTxOptions.Acknowledged | MacTxOptions.Indirect));
        bed.Air.Fate = (sender, _, psdu) => sender.ExtendedAddress == CoordinatorAddress && (psdu[0] & 7) == 1 ? AirFate.Drop : AirFate.Deliver;
        var started = bed.Scheduler.Now;

        Assert.AreEqual(MacStatus.NoData, bed.Run(() => sleeper.PollRequestAsync(PollCoordinator)));
        var ack = bed.FramesOfType(MacFrameType.Acknowledgment).Single();
        Assert.IsGreaterThanOrEqualTo(ack.End + sleeper.Pib.MaxFrameTotalWaitTime, bed.Scheduler.Now);
        Assert.IsFalse(radio.ReceiverEnabled);
        Assert.IsGreaterThan(started, bed.Scheduler.Now);
    }

    [TestMethod]
    public void BeaconPendingAddressListNamesExactlyTheQueuedDestinations()
    {
        var (bed, coordinator, _, _) = Setup();
        coordinator.Pib.MacBeaconPayload = new byte[] { 0x00, 0x22 };
        var (scanner, _) = bed.AddNode(0x00124B00000000E1, seed: 33);
        var shorts = new List<ushort>();
        var extendeds = new List<ulong>();
        scanner.BeaconNotify += (in MlmeBeaconNotifyIndication _, ReadOnlySpan<ushort> s, ReadOnlySpan<ulong> x, ReadOnlySpan<byte> _) =>
        {
            shorts.AddRange(s.ToArray());
            extendeds.AddRange(x.ToArray());
        };
        var scan = new MlmeScanRequest(MacScanType.Active, 1u << 11, 1);

        Assert.AreEqual(MacStatus.Success, bed.Run(() => scanner.ScanRequestAsync(scan)).Status);
        Assert.IsEmpty(shorts);
        Assert.IsEmpty(extendeds);

        var options = MacTxOptions.Acknowledged | MacTxOptions.Indirect;
        bed.Send(coordinator, MacTestBed.ToShort(SleeperShort, [1], 1, options));
        bed.Send(coordinator, MacTestBed.ToShort(SleeperShort, [2], 2, options));
        bed.Send(coordinator, new McpsDataRequest(MacAddressingMode.Short, MacTestBed.PanId, MacAddress.FromExtended(0x1122334455667788), new byte[] { 3 }, 3, options));
        Assert.AreEqual(MacStatus.Success, bed.Run(() => scanner.ScanRequestAsync(scan)).Status);
        CollectionAssert.AreEqual(new ushort[] { SleeperShort }, shorts);
        CollectionAssert.AreEqual(new ulong[] { 0x1122334455667788 }, extendeds);
    }
}
