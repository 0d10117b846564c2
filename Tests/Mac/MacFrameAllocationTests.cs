using ZigBee.Mac.Frames;

namespace ZigBee.Tests.Mac;

/// <summary>Decoding and encoding a frame allocate nothing, whether the frame is good or refused.</summary>
[TestClass]
public sealed class MacFrameAllocationTests
{
    [TestMethod]
    public void DecodeAndEncodeAllocateNothing()
    {
        var toggle = FrameHex.Parse("61 88 03 62 1A 34 12 00 00 48 00 34 12 00 00 1E 10 00 01 06 00 04 01 01 07 01 05 02 BF B7");
        var truncated = toggle[..6];
        var secured = new byte[64];
        var securedHeader = new MacHeader(
            FrameControl.Create(MacFrameType.Data, MacAddressingMode.Short, MacAddressingMode.Extended, securityEnabled: true, version: MacFrameVersion.Ieee2006),
            1, 0x1A62, MacAddress.FromShort(1), 0x1A62, MacAddress.FromExtended(2), new AuxiliarySecurityHeader(0x1D, 9, 0x01020304, 4));
        var securedLength = MacFrame.Encode(securedHeader, new byte[8], secured);
        var destination = new byte[127];
        var header = MacHeader.Data(3, 0x1A62, MacAddress.FromShort(0x1234), MacAddress.FromShort(0), ackRequest: true);
        var payload = toggle[9..^2];

        Exercise(); // JIT and static initialisation first
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            Exercise();
        }

        Assert.AreEqual(0, GC.GetAllocatedBytesForCurrentThread() - before);

        void Exercise()
        {
            Assert.IsTrue(MacFrame.TryDecode(toggle, out _));
            MacFrame.Decode(toggle);
            Assert.IsFalse(MacFrame.TryDecode(truncated, out _));
            Assert.IsFalse(MacFrame.TryDecode(truncated, true, out _, out _, out _));
            Assert.IsTrue(MacFrame.TryDecode(secured.AsSpan(0, securedLength), out _));
            MacFrame.Encode(header, payload, destination);
            MacFrame.Encode(securedHeader, payload, destination);
        }
    }
}
