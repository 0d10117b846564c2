using ZigBee.Mac.Frames;
using ZigBee.Mac.Service;
using ZigBee.Tests.Mac.Fakes;

namespace ZigBee.Tests.Mac.Service;

[TestClass]
public sealed class HostileFrameTests
{
    private const ulong CoordinatorAddress = 0x00124B00000000C0;
    private const ulong DeviceAddress = 0x00124B00000000D1;

    private static byte[] WithFcs(params byte[] body)
    {
        var frame = new byte[body.Length + 2];
        body.CopyTo(frame, 0);
        Fcs.Write(body, frame.AsSpan(body.Length));
        return frame;
    }

    private static (MacTestBed Bed, MacService Coordinator, FakeRadio Radio, MacService Device) Setup()
    {
        var bed = new MacTestBed();
        var (coordinator, radio) = bed.AddCoordinator(CoordinatorAddress);
        var (device, _) = bed.AddNode(DeviceAddress, seed: 4);
        MacTestBed.Join(device, 0x1234, CoordinatorAddress, rxOnWhenIdle: true);
        return (bed, coordinator, radio, device);
    }

    private static void AssertStillWorks(MacTestBed bed, MacService coordinator, MacService device)
    {
        var heard = 0;
        coordinator.DataIndication += (in McpsDataIndication _, ReadOnlySpan<byte> _) => heard++;
        bed.Scheduler.RunFor(TimeSpan.FromMilliseconds(100));
        Assert.AreEqual(MacStatus.Success, bed.SendAndWait(device, MacTestBed.ToShort(0x0000, [0x42], handle: 99)).Status);
        Assert.AreEqual(1, heard);
    }

    [TestMethod]
    public void ShortAndTruncatedPsdusAreDecodeErrors()
    {
        var (bed, coordinator, radio, device) = Setup();
        FakeAir.Inject(radio, []);
        FakeAir.Inject(radio, [0x41]);
        FakeAir.Inject(radio, [0x41, 0x88, 0x01, 0x62]);
        FakeAir.Inject(radio, WithFcs(0x41, 0x88, 0x01, 0x62, 0x1A)); // destination address cut off
        FakeAir.Inject(radio, WithFcs(0x41, 0xCC, 0x01, 0x62, 0x1A, 0, 0, 0)); // extended addresses cut off
        Assert.AreEqual(5, coordinator.Counters.DecodeErrors);
        Assert.AreEqual(0, coordinator.Counters.FramesReceived);
        AssertStillWorks(bed, coordinator, device);
    }

    [TestMethod]
    public void BadFcsIsCountedAndNotAcknowledged()
    {
        var (bed, coordinator, radio, device) = Setup();
        var heard = 0;
        coordinator.DataIndication += (in McpsDataIndication _, ReadOnlySpan<byte> _) => heard++;
        var frame = WithFcs(0x61, 0x88, 0x05, 0x62, 0x1A, 0x00, 0x00, 0x34, 0x12, 0xAA);
        frame[^1] ^= 0x01;
        FakeAir.Inject(radio, frame);
        bed.Scheduler.RunFor(TimeSpan.FromMilliseconds(10));
        Assert.AreEqual(1, coordinator.Counters.FcsErrors);
        Assert.AreEqual(0, heard);
        Assert.IsEmpty(bed.Air.Log, "no ACK for a corrupted frame");
        AssertStillWorks(bed, coordinator, device);
    }

    [TestMethod]
    public void MalformedCommandsAndFramesAreCountedAndDropped()
    {
        var (bed, coordinator, radio, device) = Setup();
        var associations = 0;
        coordinator.AssociateIndication += (in MlmeAssociateIndication _) => associations++;

        // Association request without its capability byte, from an extended source, to the coordinator.
        FakeAir.Inject(radio, WithFcs(0x23, 0xC8, 0x01, 0x62, 0x1A, 0x00, 0x00, 0xFF, 0xFF, 1, 2, 3, 4, 5, 6, 7, 8, 0x01));

        // Unknown command identifier 0x7F, to the coordinator.
        FakeAir.Inject(radio, WithFcs(0x43, 0x88, 0x02, 0x62, 0x1A, 0x00, 0x00, 0x34, 0x12, 0x7F));

        // Reserved frame type 5, and a secured frame.
        FakeAir.Inject(radio, WithFcs(0x45, 0x88, 0x03, 0x62, 0x1A, 0x00, 0x00, 0x34, 0x12));
        FakeAir.Inject(radio, WithFcs(0x49, 0x98, 0x04, 0x62, 0x1A, 0x00, 0x00, 0x34, 0x12, 0x05, 1, 0, 0, 0, 0xEE, 0xA1, 0xA2, 0xA3, 0xA4));

        Assert.AreEqual(0, associations);
        Assert.AreEqual(2, coordinator.Counters.DecodeErrors);
        Assert.AreEqual(1, coordinator.Counters.FramesFiltered);
        Assert.AreEqual(1, coordinator.Counters.SecuredFramesDropped);
        AssertStillWorks(bed, coordinator, device);
    }

    [TestMethod]
    public void BeaconWithImpossiblePendingListDuringAScanIsADecodeError()
    {
        var bed = new MacTestBed();
        var (scanner, radio) = bed.AddNode(DeviceAddress);
        var scan = bed.Start(() => scanner.ScanRequestAsync(new MlmeScanRequest(MacScanType.Passive, 1u << 11, 1)));

        // Beacon claiming 7 short and 7 extended pending addresses, with none present.
        FakeAir.Inject(radio, WithFcs(0x00, 0x80, 0x01, 0x62, 0x1A, 0x00, 0x00, 0xFF, 0xCF, 0x00, 0x77));
        var confirm = bed.Wait(scan);
        Assert.AreEqual(MacStatus.NoBeacon, confirm.Status);
        Assert.AreEqual(1, scanner.Counters.DecodeErrors);
    }

    [TestMethod]
    public void RandomBytesNeverThrowAndTheMacKeepsWorking()
    {
        var (bed, coordinator, radio, device) = Setup();
        var random = new Random(1234);
        for (var i = 0; i < 3000; i++)
        {
            var body = new byte[random.Next(0, 40)];
            random.NextBytes(body);
            if (body.Length >= 3 && i % 2 == 0)
            {
                // Steer half of them at the coordinator's PAN and address so they get past the filter.
                body[0] = (byte)((body[0] & 0xB7) | 0x00);
                body[1] = (byte)((body[1] & 0x33) | 0x88);
                if (body.Length >= 7)
                {
                    body[3] = 0x62;
                    body[4] = 0x1A;
                    body[5] = 0x00;
                    body[6] = 0x00;
                }
            }

            FakeAir.Inject(radio, i % 3 == 0 ? body : WithFcs(body));
            if (i % 50 == 0)
            {
                bed.Scheduler.RunFor(TimeSpan.FromMilliseconds(5));
            }
        }

        var c = coordinator.Counters;
        Assert.IsGreaterThan(0, c.DecodeErrors);
        Assert.IsGreaterThan(0, c.FcsErrors);
        Assert.IsGreaterThan(0, c.FramesReceived);
        AssertStillWorks(bed, coordinator, device);
    }
}
