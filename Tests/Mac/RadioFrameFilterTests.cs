using ZigBee.Mac.Frames;
using ZigBee.Mac.Radio;

namespace ZigBee.Tests.Mac;

[TestClass]
public sealed class RadioFrameFilterTests
{
    private const ushort Pan = 0x1A62;
    private const ushort Own = 0x0042;
    private const ulong OwnExtended = 0x00124B0000000042;
    private static readonly RadioFrameFilter Filter = new(true, Pan, Own, OwnExtended);

    private static byte[] Data(ushort pan, MacAddress destination, bool ackRequest = true)
    {
        var header = MacHeader.Data(7, pan, destination, MacAddress.FromShort(0x0001), ackRequest);
        var psdu = new byte[127];
        var length = MacFrame.Encode(header, [1, 2, 3], psdu);
        return psdu[..length];
    }

    private static byte[] Ack(byte sequence) => [0x02, 0x00, sequence, 0, 0];

    [TestMethod]
    public void UnicastsPassOnlyForThisDeviceOnThisPan()
    {
        Assert.IsTrue(Filter.Accepts(Data(Pan, MacAddress.FromShort(Own))));
        Assert.IsTrue(Filter.Accepts(Data(Pan, MacAddress.FromShort(MacAddress.BroadcastShort))));
        Assert.IsTrue(Filter.Accepts(Data(MacAddress.BroadcastPan, MacAddress.FromShort(Own))));
        Assert.IsTrue(Filter.Accepts(Data(Pan, MacAddress.FromExtended(OwnExtended))));
        Assert.IsFalse(Filter.Accepts(Data(Pan, MacAddress.FromShort(0x0043))));
        Assert.IsFalse(Filter.Accepts(Data(0x1A63, MacAddress.FromShort(Own))));
        Assert.IsFalse(Filter.Accepts(Data(Pan, MacAddress.FromExtended(OwnExtended + 1))));
    }

    [TestMethod]
    public void AcknowledgmentsPassOnlyWhileTheirSequenceIsAwaited()
    {
        Assert.IsFalse(Filter.Accepts(Ack(9)));
        var awaiting = Filter with { AwaitingAcknowledgment = true, AcknowledgmentSequence = 9 };
        Assert.IsTrue(awaiting.Accepts(Ack(9)));
        Assert.IsFalse(awaiting.Accepts(Ack(10)));
    }

    [TestMethod]
    public void WhatTheMacMustJudgePasses()
    {
        var beacon = new byte[] { 0x00, 0x80, 0x01, 0x63, 0x1A, 0x00, 0x00, 0xFF, 0xCF, 0x00, 0x00, 0, 0 };
        Assert.IsTrue(Filter.Accepts(beacon), "beacons");
        Assert.IsTrue(Filter.Accepts([0x41, 0x08]), "too short to read");
        Assert.IsTrue(Filter.Accepts([0x41, 0x08, 0x01, 0x63]), "truncated destination");
        var version2015 = Data(Pan, MacAddress.FromShort(0x0043));
        version2015[1] |= 0x20;
        Assert.IsTrue(Filter.Accepts(version2015), "frame version 2 is the MAC's to refuse");
        Assert.IsTrue((Filter with { Enabled = false }).Accepts(Data(Pan, MacAddress.FromShort(0x0043))), "disabled");
        Assert.IsTrue(default(RadioFrameFilter).Accepts(Ack(1)), "never set");
    }

    [TestMethod]
    public void HostileBytesNeverThrow()
    {
        var random = new Random(5);
        var buffer = new byte[127];
        var awaiting = Filter with { AwaitingAcknowledgment = true, AcknowledgmentSequence = 3 };
        var accepted = 0;
        for (var i = 0; i < 200_000; i++)
        {
            var length = random.Next(buffer.Length + 1);
            random.NextBytes(buffer.AsSpan(0, length));
            accepted += awaiting.Accepts(buffer.AsSpan(0, length)) ? 1 : 0;
        }

        Assert.IsGreaterThan(0, accepted);
        Assert.IsLessThan(200_000, accepted);
    }
}
