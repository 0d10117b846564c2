using ZigBee.Nwk.Frames;

namespace ZigBee.Tests.Nwk;

/// <summary>Encode then decode gives the same header for every combination of optional header fields, and the in-place patches work.</summary>
[TestClass]
public sealed class NwkFrameRoundTripTests
{
    private static readonly NwkAuxiliarySecurityHeader?[] SecurityVariants =
    [
        null,
        NwkAuxiliarySecurityHeader.NetworkKey(0x01020304, 0x0011223344556677, 5),
        new(NwkAuxiliarySecurityHeader.CreateSecurityControl(0, NwkKeyIdentifier.NetworkKey, extendedNonce: false), 7, 0, 9),
        new(NwkAuxiliarySecurityHeader.CreateSecurityControl(5, NwkKeyIdentifier.DataKey, extendedNonce: true), 0xFFFFFFFF, 0xA1A2A3A4A5A6A7A8),
        new((byte)(NwkAuxiliarySecurityHeader.CreateSecurityControl(7, NwkKeyIdentifier.KeyLoadKey, extendedNonce: false) | 0xC0), 1),
    ];

    [TestMethod]
    public void EveryOptionalFieldCombinationRoundTrips()
    {
        ushort[] relays = [0x1111, 0x2222, 0x3333];
        var payload = new byte[] { 0x08, 0x40, 0x01, 0x02, 0x03, 0x04 };
        var buffer = new byte[128];
        var combinations = 0;
        for (var mask = 0; mask < 16; mask++)
        {
            foreach (var security in SecurityVariants)
            {
                foreach (var type in new[] { NwkFrameType.Data, NwkFrameType.Command, NwkFrameType.Reserved })
                {
                    var relayCount = (mask & 8) != 0 ? relays.Length : 0;
                    var header = new NwkHeader(
                        NwkFrameControl.Create(type, NwkDiscoverRoute.Enable, endDeviceInitiator: mask == 5),
                        0xFFFD,
                        0x796F,
                        (byte)(mask + 1),
                        (byte)(200 + mask),
                        (mask & 1) != 0 ? 0x00124B0001020304UL : null,
                        (mask & 2) != 0 ? 0x1122334455667788UL : null,
                        (mask & 4) != 0 ? NwkMulticastControl.Create(NwkMulticastMode.Member, 3, 7) : null,
                        (mask & 8) != 0 ? new NwkSourceRoute((byte)relayCount, 1) : null,
                        security);
                    var relaySpan = relays.AsSpan(0, relayCount);
                    var length = NwkFrame.Encode(header, relaySpan, payload, buffer);
                    var mic = security.HasValue ? NwkAuxiliarySecurityHeader.MicLength : 0;
                    Assert.AreEqual(header.Length + payload.Length, length);
                    Assert.AreEqual(header.Length, NwkFrame.EncodeHeader(header, relaySpan, new byte[header.Length]));

                    var frame = NwkFrame.Decode(buffer.AsSpan(0, length));
                    var decoded = frame.Header;
                    var expectedControl = header.Normalised();
                    Assert.AreEqual(expectedControl, decoded.FrameControl);
                    Assert.AreEqual((mask & 1) != 0, decoded.FrameControl.DestinationIeeeAddressPresent);
                    Assert.AreEqual((mask & 4) != 0, decoded.FrameControl.Multicast);
                    Assert.AreEqual(security.HasValue, decoded.FrameControl.Security);
                    Assert.AreEqual(header with { FrameControl = expectedControl, SourceRoute = decoded.SourceRoute }, decoded);
                    if ((mask & 8) != 0)
                    {
                        var route = decoded.SourceRoute!.Value;
                        Assert.AreEqual((byte)3, route.RelayCount);
                        Assert.AreEqual((byte)1, route.RelayIndex);
                        for (var i = 0; i < relays.Length; i++)
                        {
                            Assert.AreEqual(relays[i], frame.GetRelay(buffer, i));
                        }
                    }
                    else
                    {
                        Assert.IsNull(decoded.SourceRoute);
                    }

                    Assert.AreEqual(header.Length, frame.PayloadOffset);
                    Assert.AreEqual(payload.Length - mic, frame.PayloadLength);
                    combinations++;
                }
            }
        }

        Assert.AreEqual(16 * 5 * 3, combinations);
    }

    [TestMethod]
    public void InterPanStubHeaderIsTheFrameControlAlone()
    {
        var buffer = new byte[16];
        var length = NwkFrame.Encode(NwkHeader.InterPan(), new byte[] { 0x0B, 0x01, 0x02 }, buffer);
        Assert.AreEqual(5, length);
        Assert.AreEqual(0x0B, buffer[0]); // frame type 3, protocol version 2
        Assert.AreEqual(0x00, buffer[1]);
        var frame = NwkFrame.Decode(buffer.AsSpan(0, length));
        Assert.IsTrue(frame.Header.IsInterPan);
        Assert.AreEqual(2, frame.PayloadOffset);
        Assert.AreEqual(3, frame.PayloadLength);
        Assert.AreEqual(-1, NwkFrame.RelayIndexOffset(buffer.AsSpan(0, length)));
    }

    [TestMethod]
    public void ReservedBitsAndValuesSurvive()
    {
        var control = new NwkFrameControl((ushort)(0xC000 | 0x00C0 | (2 << 2) | 2));
        Assert.AreEqual(3, control.ReservedBits);
        Assert.AreEqual((NwkDiscoverRoute)3, control.DiscoverRoute);
        Assert.AreEqual(NwkFrameType.Reserved, control.FrameType);
        var header = new NwkHeader(control, 1, 2, 3, 4, MulticastControl: new NwkMulticastControl(0xFF));
        var buffer = new byte[32];
        var length = NwkFrame.Encode(header, new byte[] { 9 }, buffer);
        var decoded = NwkFrame.Decode(buffer.AsSpan(0, length)).Header;
        Assert.AreEqual((ushort)(control.Value | 0x0100), decoded.FrameControl.Value);
        Assert.AreEqual((NwkMulticastMode)3, decoded.MulticastControl!.Value.Mode);
        Assert.AreEqual(7, decoded.MulticastControl!.Value.NonMemberRadius);
        Assert.AreEqual(7, decoded.MulticastControl!.Value.MaxNonMemberRadius);
    }

    [TestMethod]
    public void RelayIndexAndRadiusArePatchedInPlace()
    {
        ushort[] relays = [0x0001, 0x0002];
        var header = NwkHeader.Data(0x1234, 0x0000, 30, 7, destinationIeeeAddress: 1, sourceIeeeAddress: 2) with
        {
            MulticastControl = NwkMulticastControl.Create(NwkMulticastMode.NonMember, 1, 2),
            SourceRoute = new NwkSourceRoute(2, 1),
        };
        var buffer = new byte[64];
        var length = NwkFrame.Encode(header, relays, new byte[] { 0xAA }, buffer);
        var frame = buffer.AsSpan(0, length);
        NwkFrame.SetRelayIndex(frame, 0);
        NwkFrame.SetRadius(frame, 29);
        var decoded = NwkFrame.Decode(frame);
        Assert.AreEqual((byte)0, decoded.Header.SourceRoute!.Value.RelayIndex);
        Assert.AreEqual((byte)29, decoded.Header.Radius);
        Assert.AreEqual((ushort)0x0002, decoded.GetRelay(frame, 1));
        Assert.AreEqual((byte)0xAA, decoded.Payload(frame)[0]);

        var plain = new byte[16];
        var plainLength = NwkFrame.Encode(NwkHeader.Data(1, 2, 3, 4), new byte[] { 0 }, plain);
        Assert.ThrowsExactly<ArgumentException>(() => NwkFrame.SetRelayIndex(plain.AsSpan(0, plainLength), 0));
        Assert.ThrowsExactly<ArgumentException>(() => NwkFrame.SetRadius(plain.AsSpan(0, 5), 0));
        Assert.ThrowsExactly<ArgumentException>(() => NwkFrame.SetRelayIndex(buffer.AsSpan(0, 27), 0), "relay list cut short");
    }

    [TestMethod]
    public void EncodingRefusesInconsistentArguments()
    {
        var routed = NwkHeader.Data(1, 2, 3, 4) with { SourceRoute = new NwkSourceRoute(2, 0) };
        Assert.ThrowsExactly<ArgumentException>(() => NwkFrame.Encode(routed, ReadOnlySpan<byte>.Empty, new byte[64]));
        Assert.ThrowsExactly<ArgumentException>(() => NwkFrame.EncodeHeader(NwkHeader.Data(1, 2, 3, 4), new ushort[] { 1 }, new byte[64]));
        Assert.ThrowsExactly<ArgumentException>(() => NwkFrame.Encode(NwkHeader.Data(1, 2, 3, 4), new byte[4], new byte[11]));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => NwkMulticastControl.Create(NwkMulticastMode.Member, 8, 0));
    }

    [TestMethod]
    public void SecuredFrameNeedsRoomForItsMic()
    {
        var header = NwkHeader.Data(1, 2, 3, 4, security: NwkAuxiliarySecurityHeader.NetworkKey(1, 2, 3));
        var buffer = new byte[64];
        var length = NwkFrame.Encode(header, new byte[3], buffer);
        Assert.IsFalse(NwkFrame.TryDecode(buffer.AsSpan(0, length), out _, out var offset, out var reason));
        Assert.AreEqual("payload shorter than the message integrity code", reason);
        Assert.AreEqual(header.Length, offset);
        length = NwkFrame.Encode(header, new byte[4], buffer);
        var frame = NwkFrame.Decode(buffer.AsSpan(0, length));
        Assert.AreEqual(0, frame.PayloadLength);
    }

    [TestMethod]
    public void CommandFrameNeedsAnIdentifier()
    {
        var buffer = new byte[16];
        var length = NwkFrame.EncodeHeader(NwkHeader.Command(1, 2, 3, 4), buffer);
        Assert.IsFalse(NwkFrame.TryDecode(buffer.AsSpan(0, length), out _, out _, out var reason));
        Assert.AreEqual("command frame without command identifier", reason);
        Assert.IsTrue(NwkFrame.TryDecode(buffer.AsSpan(0, length + 1), out var frame));
        Assert.AreEqual((NwkCommandId)0, frame.CommandId(buffer));
    }
}
