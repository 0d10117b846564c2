using ZigBee.XBee.Frames;

namespace ZigBee.Tests.XBee;

/// <summary>Every frame type through encode, framing, the reader and decode, in both modes, with payloads that need escaping.</summary>
[TestClass]
public sealed class XBeeRoundTripTests
{
    [TestMethod]
    public void SamplesCoverEveryFrameType()
    {
        var types = XBeeSamples.All().Select(sample => sample.Type).ToHashSet();
        foreach (var type in Enum.GetValues<ApiFrameType>())
        {
            Assert.Contains(type, types);
            Assert.IsTrue(XBeeCodecs.ByType.ContainsKey(type), type.ToString());
        }
    }

    [TestMethod]
    [DataRow(ApiMode.Unescaped)]
    [DataRow(ApiMode.Escaped)]
    public void EveryTypeSurvivesTheWire(ApiMode mode)
    {
        var samples = XBeeSamples.All();
        var stream = new List<byte>();
        foreach (var (_, frameData) in samples)
        {
            var wire = new byte[ApiFrame.MaxEncodedLength(frameData.Length)];
            var written = ApiFrame.Encode(frameData, mode, wire);
            Assert.AreEqual(ApiFrame.EncodedLength(frameData, mode), written);
            if (mode == ApiMode.Escaped)
            {
                Assert.AreEqual(-1, wire.AsSpan(1, written - 1).IndexOfAny((byte)0x7E, (byte)0x11, (byte)0x13), "a special byte went out unescaped");
            }

            stream.AddRange(wire[..written]);
        }

        var reader = new ApiFrameReader(mode);
        ReadOnlySpan<byte> input = stream.ToArray();
        var again = new byte[256];
        foreach (var (type, frameData) in samples)
        {
            Assert.IsTrue(reader.TryRead(ref input, out var received), type.ToString());
            CollectionAssert.AreEqual(frameData, received.ToArray(), type.ToString());
            var length = XBeeCodecs.ByType[type](received, again);
            Assert.AreEqual(frameData.Length, length, type.ToString());
            CollectionAssert.AreEqual(frameData, again[..length], type.ToString());
        }

        Assert.IsFalse(reader.TryRead(ref input, out _));
        Assert.AreEqual(0, reader.Counters.Rejected);
    }

    [TestMethod]
    public void EachDecoderRefusesEveryOtherType()
    {
        var again = new byte[256];
        foreach (var (type, frameData) in XBeeSamples.All())
        {
            Assert.AreEqual(1, XBeeCodecs.DecodeWithAll(frameData, again), type.ToString());
        }
    }

    [TestMethod]
    public void FixedLengthFramesRefuseExtraOrMissingBytes()
    {
        byte[] status = [(byte)ApiFrameType.TransmitStatus, 1, 0x7D, 0x84, 0, 0, 1];
        Assert.IsTrue(TransmitStatusFrame.TryDecode(status, out _));
        Assert.IsFalse(TransmitStatusFrame.TryDecode(status[..6], out _));
        Assert.IsFalse(TransmitStatusFrame.TryDecode([.. status, 0], out _));
        Assert.IsFalse(ModemStatusFrame.TryDecode([(byte)ApiFrameType.ModemStatus], out _));
        Assert.IsFalse(TxStatusFrame.TryDecode([(byte)ApiFrameType.TxStatus, 1, 0, 0], out _));
    }

    [TestMethod]
    public void AddressListsMustMatchTheirCount()
    {
        var route = XBeeVectors.FrameData(XBeeVectors.RouteRecord);
        Assert.IsTrue(RouteRecordFrame.TryDecode(route, out _));
        Assert.IsFalse(RouteRecordFrame.TryDecode(route[..^1], out _));
        Assert.IsFalse(RouteRecordFrame.TryDecode(route[..^2], out _));
        Assert.IsFalse(RouteRecordFrame.TryDecode([.. route, 0, 0], out _));
        var create = XBeeVectors.FrameData(XBeeVectors.CreateSourceRoute);
        create[13] = 4;
        Assert.IsFalse(CreateSourceRouteFrame.TryDecode(create, out _));
    }

    [TestMethod]
    public void NodeIdentificationNeedsItsTerminatorAndAKnownTail()
    {
        var frame = XBeeVectors.FrameData(XBeeVectors.NodeIdentification);
        Assert.IsTrue(NodeIdentificationFrame.TryDecode(frame, out _));
        Assert.IsTrue(NodeIdentificationFrame.TryDecode([.. frame, 0x2E], out var withRssi));
        Assert.AreEqual((byte)0x2E, withRssi.Rssi);
        Assert.IsNull(withRssi.DeviceTypeIdentifier);
        Assert.IsFalse(NodeIdentificationFrame.TryDecode([.. frame, 1, 2], out _));
        Assert.IsFalse(NodeIdentificationFrame.TryDecode([.. frame, 1, 2, 3, 4, 5, 6], out _));
        Assert.IsFalse(NodeIdentificationFrame.TryDecode(frame[..^1], out _));
        var unterminated = frame.ToArray();
        unterminated.AsSpan(22).Fill(0x41);
        Assert.IsFalse(NodeIdentificationFrame.TryDecode(unterminated, out _));
    }
}
