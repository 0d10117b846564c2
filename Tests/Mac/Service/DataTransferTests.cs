using ZigBee.Mac.Frames;
using ZigBee.Mac.Radio;
using ZigBee.Mac.Service;
using ZigBee.Tests.Mac.Fakes;

namespace ZigBee.Tests.Mac.Service;

[TestClass]
public sealed class DataTransferTests
{
    private const ulong CoordinatorAddress = 0x00124B0000000001;
    private const ulong DeviceAddress = 0x00124B0000000002;

    private static (MacTestBed Bed, MacService Coordinator, MacService Device) Pair(int seed = 3)
    {
        var bed = new MacTestBed();
        var (coordinator, _) = bed.AddCoordinator(CoordinatorAddress);
        var (device, _) = bed.AddNode(DeviceAddress, seed: seed);
        MacTestBed.Join(device, 0x1234, CoordinatorAddress, rxOnWhenIdle: true);
        return (bed, coordinator, device);
    }

    [TestMethod]
    public void AcknowledgedDataIsIndicatedWithAddressesAndAcknowledgedAfterTurnaround()
    {
        var (bed, coordinator, device) = Pair();
        var received = new List<(McpsDataIndication Indication, byte[] Msdu)>();
        coordinator.DataIndication += (in McpsDataIndication i, ReadOnlySpan<byte> msdu) => received.Add((i, msdu.ToArray()));

        var confirm = bed.SendAndWait(device, MacTestBed.ToShort(0x0000, [1, 2, 3], handle: 42));

        Assert.AreEqual(MacStatus.Success, confirm.Status);
        Assert.AreEqual((byte)42, confirm.MsduHandle);
        Assert.HasCount(1, received);
        CollectionAssert.AreEqual(new byte[] { 1, 2, 3 }, received[0].Msdu);
        Assert.AreEqual(MacAddress.FromShort(0x1234), received[0].Indication.SrcAddr);
        Assert.AreEqual(MacAddress.FromShort(0x0000), received[0].Indication.DstAddr);
        Assert.AreEqual(MacTestBed.PanId, received[0].Indication.SrcPanId);
        Assert.AreEqual((byte)200, received[0].Indication.MpduLinkQuality);

        var data = bed.FramesOfType(MacFrameType.Data).Single();
        var ack = bed.FramesOfType(MacFrameType.Acknowledgment).Single();
        Assert.AreEqual(data.End + Phy24GHz.TurnaroundTime, ack.Start, "ACK exactly aTurnaroundTime after the frame");
        Assert.AreEqual(data.Psdu[2], ack.Psdu[2], "ACK carries the frame's DSN");
        Assert.AreEqual(bed.Scheduler.Epoch + ack.End, confirm.Timestamp, "confirmed when the ACK arrived");
        Assert.AreEqual(1, coordinator.Counters.AcksTransmitted);
        Assert.AreEqual(1, device.Counters.AcksReceived);
    }

    [TestMethod]
    public void DataSequenceNumberIncrementsPerFrame()
    {
        var (bed, _, device) = Pair();
        device.Pib.MacDsn = 0xFE;
        bed.SendAndWait(device, MacTestBed.ToShort(0x0000, [1]));
        bed.SendAndWait(device, MacTestBed.ToShort(0x0000, [2]));
        bed.SendAndWait(device, MacTestBed.ToShort(0x0000, [3]));
        var dsns = bed.FramesOfType(MacFrameType.Data).Select(f => f.Psdu[2]).ToArray();
        CollectionAssert.AreEqual(new byte[] { 0xFE, 0xFF, 0x00 }, dsns);
    }

    [TestMethod]
    public void LostAcksGiveOnePlusMaxFrameRetriesTransmissionsThenNoAckAndOneIndication()
    {
        var (bed, coordinator, device) = Pair();
        var indications = 0;
        coordinator.DataIndication += (in McpsDataIndication _, ReadOnlySpan<byte> _) => indications++;
        bed.Air.Fate = (sender, _, _) => sender.ExtendedAddress == CoordinatorAddress ? AirFate.Drop : AirFate.Deliver;

        var confirm = bed.SendAndWait(device, MacTestBed.ToShort(0x0000, [9]));

        Assert.AreEqual(MacStatus.NoAck, confirm.Status);
        var data = bed.FramesOfType(MacFrameType.Data);
        Assert.HasCount(1 + device.Pib.MacMaxFrameRetries, data);
        Assert.IsTrue(data.All(f => f.Psdu.AsSpan().SequenceEqual(data[0].Psdu)), "retransmissions are the same bytes, same DSN");
        Assert.AreEqual(3, device.Counters.Retries);
        Assert.AreEqual(1, device.Counters.NoAck);
        Assert.AreEqual(1, indications, "the retransmissions are duplicates: acknowledged, not indicated again");
        Assert.AreEqual(3, coordinator.Counters.DuplicatesDropped);
        Assert.AreEqual(4, coordinator.Counters.AcksTransmitted);
    }

    [TestMethod]
    public void RetransmissionWaitsAtLeastMacAckWaitDuration()
    {
        var (bed, _, device) = Pair();
        bed.Air.Fate = (sender, _, _) => sender.ExtendedAddress == CoordinatorAddress ? AirFate.Drop : AirFate.Deliver;
        bed.SendAndWait(device, MacTestBed.ToShort(0x0000, [9]));
        var data = bed.FramesOfType(MacFrameType.Data);
        for (var i = 1; i < data.Count; i++)
        {
            var gap = data[i].Start - data[i - 1].End;
            Assert.IsGreaterThanOrEqualTo(device.Pib.AckWaitDuration + Phy24GHz.TurnaroundTime, gap);
            Assert.IsLessThanOrEqualTo(device.Pib.AckWaitDuration + Phy24GHz.TurnaroundTime + (MacConstants.UnitBackoffTime * 7), gap);
        }
    }

    [TestMethod]
    public void ZeroMaxFrameRetriesSendsOnce()
    {
        var (bed, _, device) = Pair();
        device.Pib.MacMaxFrameRetries = 0;
        bed.Air.Fate = (sender, _, _) => sender.ExtendedAddress == CoordinatorAddress ? AirFate.Drop : AirFate.Deliver;
        Assert.AreEqual(MacStatus.NoAck, bed.SendAndWait(device, MacTestBed.ToShort(0x0000, [9])).Status);
        Assert.HasCount(1, bed.FramesOfType(MacFrameType.Data));
    }

    [TestMethod]
    public void CorruptedAckCausesRetryAndTheRetryIsNotIndicatedTwice()
    {
        var (bed, coordinator, device) = Pair();
        var indications = 0;
        coordinator.DataIndication += (in McpsDataIndication _, ReadOnlySpan<byte> _) => indications++;
        var acks = 0;
        bed.Air.Fate = (sender, _, psdu) => sender.ExtendedAddress == CoordinatorAddress && (psdu[0] & 7) == 2 && acks++ == 0 ? AirFate.Corrupt : AirFate.Deliver;

        var confirm = bed.SendAndWait(device, MacTestBed.ToShort(0x0000, [5]));

        Assert.AreEqual(MacStatus.Success, confirm.Status);
        Assert.HasCount(2, bed.FramesOfType(MacFrameType.Data));
        Assert.AreEqual(1, indications);
        Assert.AreEqual(1, device.Counters.FcsErrors);
        Assert.AreEqual(1, coordinator.Counters.DuplicatesDropped);
    }

    [TestMethod]
    public void BroadcastIsNotAcknowledgedAndReachesEveryone()
    {
        var (bed, coordinator, device) = Pair();
        var (other, _) = bed.AddNode(0x00124B0000000003, seed: 9);
        MacTestBed.Join(other, 0x0042, CoordinatorAddress, rxOnWhenIdle: true);
        var heard = 0;
        coordinator.DataIndication += (in McpsDataIndication _, ReadOnlySpan<byte> _) => heard++;
        other.DataIndication += (in McpsDataIndication _, ReadOnlySpan<byte> _) => heard++;

        var confirm = bed.SendAndWait(device, MacTestBed.ToShort(MacAddress.BroadcastShort, [7]));

        Assert.AreEqual(MacStatus.Success, confirm.Status);
        Assert.AreEqual(2, heard);
        Assert.IsEmpty(bed.FramesOfType(MacFrameType.Acknowledgment));
        Assert.AreEqual(0, bed.FramesOfType(MacFrameType.Data)[0].Psdu[0] & 0x20, "no ACK request on a broadcast");
    }

    [TestMethod]
    public void FramesWithoutAckRequestAreNeverTakenForDuplicates()
    {
        // Only an acknowledged frame is ever sent again, so only those are checked against the last DSN of their source.
        var (bed, coordinator, device) = Pair();
        var received = new List<byte>();
        coordinator.DataIndication += (in McpsDataIndication _, ReadOnlySpan<byte> msdu) => received.Add(msdu[0]);

        device.Pib.MacDsn = 0x40;
        bed.SendAndWait(device, MacTestBed.ToShort(0x0000, [1]));
        device.Pib.MacDsn = 0x40;
        bed.SendAndWait(device, MacTestBed.ToShort(MacAddress.BroadcastShort, [2]));
        device.Pib.MacDsn = 0x40;
        bed.SendAndWait(device, MacTestBed.ToShort(MacAddress.BroadcastShort, [3]));
        device.Pib.MacDsn = 0x40;
        bed.SendAndWait(device, MacTestBed.ToShort(0x0000, [4], options: MacTxOptions.None));

        CollectionAssert.AreEqual(new byte[] { 1, 2, 3, 4 }, received, "the same DSN, but none of them a repeat");
        Assert.AreEqual(0, coordinator.Counters.DuplicatesDropped);
        Assert.IsTrue(bed.FramesOfType(MacFrameType.Data).All(f => f.Psdu[2] == 0x40));
    }

    [TestMethod]
    public void FramesForOthersAreFilteredNotIndicated()
    {
        var (bed, coordinator, device) = Pair();
        var heard = 0;
        coordinator.DataIndication += (in McpsDataIndication _, ReadOnlySpan<byte> _) => heard++;
        var confirm = bed.SendAndWait(device, MacTestBed.ToShort(0x0999, [7]));
        Assert.AreEqual(MacStatus.NoAck, confirm.Status);
        Assert.AreEqual(0, heard);
        Assert.AreEqual(4, coordinator.Counters.FramesFiltered);
    }

    [TestMethod]
    public void OversizeMsduGivesFrameTooLong()
    {
        var (bed, _, device) = Pair();
        var confirm = bed.SendAndWait(device, MacTestBed.ToShort(0x0000, new byte[MacConstants.MaxMacPayloadSize]));
        Assert.AreEqual(MacStatus.FrameTooLong, confirm.Status);
        Assert.IsEmpty(bed.Air.Log);

        // The largest MSDU that fits: 127 − (9 header bytes with PAN ID compression + 2 FCS).
        Assert.AreEqual(MacStatus.Success, bed.SendAndWait(device, MacTestBed.ToShort(0x0000, new byte[116])).Status);
    }

    [TestMethod]
    public void InvalidRequestsGiveInvalidParameter()
    {
        var (bed, _, device) = Pair();
        var noAddresses = new McpsDataRequest(MacAddressingMode.None, MacTestBed.PanId, MacAddress.None, new byte[] { 1 }, 1);
        Assert.AreEqual(MacStatus.InvalidParameter, bed.SendAndWait(device, noAddresses).Status);
        var gts = MacTestBed.ToShort(0x0000, [1], options: (MacTxOptions)0x02);
        Assert.AreEqual(MacStatus.InvalidParameter, bed.SendAndWait(device, gts).Status);
    }

    [TestMethod]
    public void FullTransmitQueueGivesTransactionOverflow()
    {
        var bed = new MacTestBed();
        var (device, _) = bed.AddNode(DeviceAddress, options: new MacServiceOptions { TransmitQueueCapacity = 2 });
        MacTestBed.Join(device, 0x1234, CoordinatorAddress, rxOnWhenIdle: true);
        bed.Air.ChannelBusy = true;

        // The first goes straight into CSMA-CA; two wait; the fourth finds the queue full.
        var tasks = Enumerable.Range(0, 4).Select(i => bed.Send(device, MacTestBed.ToShort(0x0000, [(byte)i], handle: (byte)i))).ToList();

        Assert.IsTrue(tasks[3].IsCompleted);
        Assert.AreEqual(MacStatus.TransactionOverflow, tasks[3].Result.Status);
        Assert.AreEqual(1, device.Counters.TransmitQueueOverflows);
        foreach (var task in tasks.Take(3))
        {
            Assert.AreEqual(MacStatus.ChannelAccessFailure, bed.Wait(task).Status);
        }
    }

    [TestMethod]
    public void SleepingReceiverHearsNothing()
    {
        var (bed, _, device) = Pair();
        device.Pib.MacRxOnWhenIdle = false;
        var heard = 0;
        device.DataIndication += (in McpsDataIndication _, ReadOnlySpan<byte> _) => heard++;
        var (sender, _) = bed.AddNode(0x00124B0000000009, seed: 5);
        MacTestBed.Join(sender, 0x0077, CoordinatorAddress, rxOnWhenIdle: true);

        Assert.AreEqual(MacStatus.NoAck, bed.SendAndWait(sender, MacTestBed.ToShort(0x1234, [1])).Status);
        Assert.AreEqual(0, heard);
    }
}
