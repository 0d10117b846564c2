using ZigBee.Mac.Frames;
using ZigBee.Mac.Service;
using ZigBee.Tests.Mac.Fakes;

namespace ZigBee.Tests.Mac.Service;

/// <summary>MCPS-DATA.request with a confirm receiver (IMcpsDataDirect) instead of a ValueTask.</summary>
[TestClass]
public sealed class DirectConfirmTests
{
    private const ulong CoordinatorAddress = 0x00124B0000000001;
    private const ulong DeviceAddress = 0x00124B0000000002;

    private sealed class Receiver : IMcpsDataConfirmReceiver
    {
        public readonly List<(McpsDataConfirm Confirm, TimeSpan At)> Confirms = [];
        public Func<TimeSpan> Clock = () => TimeSpan.Zero;
        public Action? Then;

        public void OnMcpsDataConfirm(in McpsDataConfirm confirm)
        {
            Confirms.Add((confirm, Clock()));
            Then?.Invoke();
        }
    }

    private static (MacTestBed Bed, MacService Coordinator, MacService Device) Pair()
    {
        var bed = new MacTestBed();
        var (coordinator, _) = bed.AddCoordinator(CoordinatorAddress);
        var (device, _) = bed.AddNode(DeviceAddress, seed: 3);
        MacTestBed.Join(device, 0x1234, CoordinatorAddress, rxOnWhenIdle: true);
        return (bed, coordinator, device);
    }

    [TestMethod]
    public void ReceiverIsCalledWhenTheAckArrivesNotFromInsideTheRequest()
    {
        var (bed, _, device) = Pair();
        var receiver = new Receiver { Clock = () => bed.Scheduler.Now };

        bed.Scheduler.Post(() => device.DataRequest(MacTestBed.ToShort(0x0000, [1, 2, 3], handle: 7), receiver));
        bed.Scheduler.RunOne();
        Assert.IsEmpty(receiver.Confirms, "a queued frame is confirmed later, never from inside the request");
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(1));

        Assert.HasCount(1, receiver.Confirms);
        Assert.AreEqual(MacStatus.Success, receiver.Confirms[0].Confirm.Status);
        Assert.AreEqual((byte)7, receiver.Confirms[0].Confirm.MsduHandle);
        var ack = bed.FramesOfType(MacFrameType.Acknowledgment).Single();
        Assert.AreEqual(ack.End, receiver.Confirms[0].At, "confirmed the instant the ACK ended");
        Assert.AreEqual(bed.Scheduler.Epoch + ack.End, receiver.Confirms[0].Confirm.Timestamp);
    }

    [TestMethod]
    public void RefusedRequestCallsTheReceiverAtOnce()
    {
        var (bed, _, device) = Pair();
        var receiver = new Receiver();
        var tooLong = new McpsDataRequest(MacAddressingMode.Short, MacTestBed.PanId, MacAddress.FromShort(0), new byte[200], 9);

        bed.Scheduler.Post(() => device.DataRequest(tooLong, receiver));
        bed.Scheduler.RunOne();

        Assert.HasCount(1, receiver.Confirms);
        Assert.AreEqual(MacStatus.FrameTooLong, receiver.Confirms[0].Confirm.Status);
        Assert.AreEqual((byte)9, receiver.Confirms[0].Confirm.MsduHandle);
    }

    [TestMethod]
    public void ReceiverMaySendAgainFromInsideItsConfirm()
    {
        var (bed, coordinator, device) = Pair();
        var indicated = 0;
        coordinator.DataIndication += (in McpsDataIndication _, ReadOnlySpan<byte> _) => indicated++;
        var receiver = new Receiver();
        receiver.Then = () =>
        {
            if (receiver.Confirms.Count < 3)
            {
                device.DataRequest(MacTestBed.ToShort(0x0000, [(byte)receiver.Confirms.Count]), receiver);
            }
        };

        bed.Scheduler.Post(() => device.DataRequest(MacTestBed.ToShort(0x0000, [0]), receiver));
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(1));

        Assert.HasCount(3, receiver.Confirms);
        Assert.IsTrue(receiver.Confirms.All(c => c.Confirm.Status == MacStatus.Success));
        Assert.AreEqual(3, indicated);
        Assert.AreEqual(3, device.Counters.AcksReceived);
    }

    [TestMethod]
    public void NullReceiverIsRefused()
    {
        var (_, _, device) = Pair();

        Assert.ThrowsExactly<ArgumentNullException>(() => device.DataRequest(MacTestBed.ToShort(0x0000, [1]), null!));
    }
}
