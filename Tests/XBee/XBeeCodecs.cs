using ZigBee.XBee.Frames;

namespace ZigBee.Tests.XBee;

/// <summary>Every typed frame by API identifier, as a decode-then-re-encode function the tests can call without knowing the type.</summary>
internal static class XBeeCodecs
{
    /// <summary>Decodes <paramref name="frameData"/>; on success encodes the result into <paramref name="again"/> and returns its length, else -1.</summary>
    public delegate int RoundTrip(ReadOnlySpan<byte> frameData, Span<byte> again);

    public static readonly IReadOnlyDictionary<ApiFrameType, RoundTrip> ByType = new Dictionary<ApiFrameType, RoundTrip>
    {
        [ApiFrameType.AtCommand] = static (d, a) => AtCommandFrame.TryDecode(d, out var f) ? Check(f.Encode(a), f.Length) : -1,
        [ApiFrameType.AtCommandQueue] = static (d, a) => AtCommandFrame.TryDecode(d, out var f) ? Check(f.Encode(a), f.Length) : -1,
        [ApiFrameType.AtCommandResponse] = static (d, a) => AtCommandResponseFrame.TryDecode(d, out var f) ? Check(f.Encode(a), f.Length) : -1,
        [ApiFrameType.RemoteAtCommand] = static (d, a) => RemoteAtCommandFrame.TryDecode(d, out var f) ? Check(f.Encode(a), f.Length) : -1,
        [ApiFrameType.RemoteAtCommandResponse] = static (d, a) => RemoteAtCommandResponseFrame.TryDecode(d, out var f) ? Check(f.Encode(a), f.Length) : -1,
        [ApiFrameType.ModemStatus] = static (d, a) => ModemStatusFrame.TryDecode(d, out var f) ? Check(f.Encode(a), f.Length) : -1,
        [ApiFrameType.TransmitRequest] = static (d, a) => TransmitRequestFrame.TryDecode(d, out var f) ? Check(f.Encode(a), f.Length) : -1,
        [ApiFrameType.ExplicitAddressingCommand] = static (d, a) => ExplicitAddressingCommandFrame.TryDecode(d, out var f) ? Check(f.Encode(a), f.Length) : -1,
        [ApiFrameType.CreateSourceRoute] = static (d, a) => CreateSourceRouteFrame.TryDecode(d, out var f) ? Check(f.Encode(a), f.Length) : -1,
        [ApiFrameType.RegisterJoiningDevice] = static (d, a) => RegisterJoiningDeviceFrame.TryDecode(d, out var f) ? Check(f.Encode(a), f.Length) : -1,
        [ApiFrameType.RegisterJoiningDeviceStatus] = static (d, a) => RegisterJoiningDeviceStatusFrame.TryDecode(d, out var f) ? Check(f.Encode(a), f.Length) : -1,
        [ApiFrameType.TransmitStatus] = static (d, a) => TransmitStatusFrame.TryDecode(d, out var f) ? Check(f.Encode(a), f.Length) : -1,
        [ApiFrameType.ReceivePacket] = static (d, a) => ReceivePacketFrame.TryDecode(d, out var f) ? Check(f.Encode(a), f.Length) : -1,
        [ApiFrameType.ExplicitRxIndicator] = static (d, a) => ExplicitRxIndicatorFrame.TryDecode(d, out var f) ? Check(f.Encode(a), f.Length) : -1,
        [ApiFrameType.NodeIdentificationIndicator] = static (d, a) => NodeIdentificationFrame.TryDecode(d, out var f) ? Check(f.Encode(a), f.Length) : -1,
        [ApiFrameType.RouteRecordIndicator] = static (d, a) => RouteRecordFrame.TryDecode(d, out var f) ? Check(f.Encode(a), f.Length) : -1,
        [ApiFrameType.Tx64Request] = static (d, a) => Tx64RequestFrame.TryDecode(d, out var f) ? Check(f.Encode(a), f.Length) : -1,
        [ApiFrameType.Tx16Request] = static (d, a) => Tx16RequestFrame.TryDecode(d, out var f) ? Check(f.Encode(a), f.Length) : -1,
        [ApiFrameType.Rx64Indicator] = static (d, a) => Rx64Frame.TryDecode(d, out var f) ? Check(f.Encode(a), f.Length) : -1,
        [ApiFrameType.Rx16Indicator] = static (d, a) => Rx16Frame.TryDecode(d, out var f) ? Check(f.Encode(a), f.Length) : -1,
        [ApiFrameType.TxStatus] = static (d, a) => TxStatusFrame.TryDecode(d, out var f) ? Check(f.Encode(a), f.Length) : -1,
    };

    /// <summary>Decodes with every codec; returns how many accepted the input (a wrong identifier must be refused by all but one).</summary>
    public static int DecodeWithAll(ReadOnlySpan<byte> frameData, Span<byte> again)
    {
        var accepted = 0;
        foreach (var (type, codec) in ByType)
        {
            if (type == ApiFrameType.AtCommandQueue)
            {
                continue; // one codec serves 0x08 and 0x09
            }

            var length = codec(frameData, again);
            if (length < 0)
            {
                continue;
            }

            accepted++;
            if (!again[..length].SequenceEqual(frameData))
            {
                Assert.Fail($"decode then encode changed {Convert.ToHexString(frameData)} into {Convert.ToHexString(again[..length])}");
            }
        }

        return accepted;
    }

    private static int Check(int written, int length)
    {
        if (written != length)
        {
            Assert.Fail($"Encode wrote {written} bytes, Length says {length}");
        }

        return written;
    }
}
