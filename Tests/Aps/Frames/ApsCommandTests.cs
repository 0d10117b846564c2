using ZigBee.Aps.Frames;
using ZigBee.Aps.Service;

namespace ZigBee.Tests.Aps.Frames;

/// <summary>APS command payloads (§4.4.10): byte vectors (the layouts tshark reads in ApsCommandTsharkTests), round trips and refusals.</summary>
[TestClass]
public sealed class ApsCommandTests
{
    private const string KeyHex = "5A6967426565416C6C69616E63653039";

    [TestMethod]
    public void KeyKeepsTheOctetOrderOfTheAir()
    {
        var bytes = Convert.FromHexString(KeyHex);
        var key = ApsKey.Read(bytes);
        Assert.AreEqual(KeyHex.ToLowerInvariant(), key.ToString());
        var again = new byte[16];
        key.CopyTo(again);
        CollectionAssert.AreEqual(bytes, again);
        Assert.AreEqual(ApsKey.Read(again), key);
        Assert.ThrowsExactly<ArgumentException>(() => ApsKey.Read(new byte[15]));
        Assert.ThrowsExactly<ArgumentException>(() => key.CopyTo(new byte[15]));
    }

    [TestMethod]
    public void TransportKeyHasOneDescriptorPerKeyType()
    {
        var key = ApsKey.Read(Convert.FromHexString(KeyHex));
        AssertVector(TransportKeyCommand.NetworkKey(key, 1, 0x00124B0001020304, 0x00124B00AABBCCDD), c => c.Encode, TransportKeyCommand.TryDecode,
            "05 01" + KeyHex + "01 0403020100 4B1200 DDCCBBAA00 4B1200");
        AssertVector(TransportKeyCommand.TrustCenterLinkKey(key, 0x00124B0001020304, 0x00124B00AABBCCDD), c => c.Encode, TransportKeyCommand.TryDecode,
            "05 04" + KeyHex + "0403020100 4B1200 DDCCBBAA00 4B1200");
        AssertVector(TransportKeyCommand.ApplicationLinkKey(key, 0x1122334455667788, initiator: true), c => c.Encode, TransportKeyCommand.TryDecode,
            "05 03" + KeyHex + "8877665544332211 01");
        Assert.AreEqual(35, TransportKeyCommand.NetworkKey(key, 0, 0, 0).Length);
        Assert.AreEqual(34, TransportKeyCommand.TrustCenterLinkKey(key, 0, 0).Length);
        Assert.AreEqual(27, TransportKeyCommand.ApplicationLinkKey(key, 0, false).Length);
    }

    [TestMethod]
    public void TransportKeyRefusesReservedKeyTypesAndBadInitiatorFlags()
    {
        var payload = new byte[40];
        TransportKeyCommand.ApplicationLinkKey(default, 1, false).Encode(payload);
        foreach (var reserved in new byte[] { 0x00, 0x02, 0x05, 0xFF })
        {
            payload[1] = reserved;
            Assert.IsFalse(TransportKeyCommand.TryDecode(payload, out _), $"key type 0x{reserved:x2} has no descriptor layout in R22");
        }

        payload[1] = (byte)ApsKeyType.ApplicationLinkKey;
        payload[26] = 2;
        Assert.IsFalse(TransportKeyCommand.TryDecode(payload, out _), "the initiator flag is 0 or 1");
        Assert.ThrowsExactly<InvalidOperationException>(() => new TransportKeyCommand((ApsKeyType)0x02, default).Encode(payload));
    }

    [TestMethod]
    public void DeviceCommandsHaveTheirVectors()
    {
        AssertVector(new UpdateDeviceCommand(0x00124B0001020304, 0x796F, ApsUpdateDeviceStatus.StandardDeviceUnsecuredJoin), c => c.Encode, UpdateDeviceCommand.TryDecode,
            "06 0403020100 4B1200 6F79 01");
        AssertVector(new UpdateDeviceCommand(1, 2, (ApsUpdateDeviceStatus)0x07), c => c.Encode, UpdateDeviceCommand.TryDecode,
            "06 0100000000000000 0200 07");
        AssertVector(new RemoveDeviceCommand(0x00124B0001020304), c => c.Encode, RemoveDeviceCommand.TryDecode, "07 0403020100 4B1200");
    }

    [TestMethod]
    public void KeyRequestsSwitchesVerificationsAndConfirmationsHaveTheirVectors()
    {
        AssertVector(RequestKeyCommand.TrustCenterLinkKey(), c => c.Encode, RequestKeyCommand.TryDecode, "08 04");
        AssertVector(RequestKeyCommand.ApplicationLinkKey(0x1122334455667788), c => c.Encode, RequestKeyCommand.TryDecode, "08 02 8877665544332211");
        AssertVector(new RequestKeyCommand((ApsRequestKeyType)0x01), c => c.Encode, RequestKeyCommand.TryDecode, "08 01");
        AssertVector(new SwitchKeyCommand(2), c => c.Encode, SwitchKeyCommand.TryDecode, "09 02");
        AssertVector(new VerifyKeyCommand(ApsKeyType.TrustCenterLinkKey, 0x00124B0001020304, new ApsKey(0x0706050403020100, 0x0F0E0D0C0B0A0908)), c => c.Encode, VerifyKeyCommand.TryDecode,
            "0F 04 0403020100 4B1200 000102030405060708090A0B0C0D0E0F");
        AssertVector(new ConfirmKeyCommand(ApsStatus.SecurityFail, ApsKeyType.TrustCenterLinkKey, 0x00124B0001020304), c => c.Encode, ConfirmKeyCommand.TryDecode,
            "10 AD 04 0403020100 4B1200");
        Assert.IsFalse(RequestKeyCommand.TryDecode(Convert.FromHexString("0802887766"), out _), "application link key request without its partner");
    }

    [TestMethod]
    public void TunnelCarriesADecodableApsFrame()
    {
        var tunnelled = ApsHeader.Command(33) with { Security = ApsSamples.KeyTransportSecurity };
        var buffer = new byte[60];
        var length = TunnelCommand.Encode(0x00124B0001020304, tunnelled, [0xEE, 1, 2, 3, 4], buffer);
        var payload = buffer[..length];
        Assert.AreEqual("0E" + "04030201004B1200" + "2121" + "30" + "04030201" + "04030201004B1200" + "EE" + "01020304", Convert.ToHexString(payload));
        Assert.IsTrue(TunnelCommand.TryDecode(payload, out var command));
        Assert.AreEqual(0x00124B0001020304UL, command.DestinationAddress);
        Assert.AreEqual(tunnelled with { FrameControl = tunnelled.Normalised() }, command.TunnelledFrame.Header);
        Assert.AreEqual(1, command.TunnelledFrame.PayloadLength);
        Assert.AreEqual(length, command.Length);

        var again = new byte[60];
        Assert.AreEqual(length, TunnelCommand.Encode(command.DestinationAddress, command.TunnelledBytes(payload), again));
        CollectionAssert.AreEqual(payload, again[..length]);
        Assert.IsFalse(TunnelCommand.TryDecode(payload[..^4], out _), "the tunnelled secured frame lost its MIC");
        Assert.IsFalse(TunnelCommand.TryDecode(payload[..10], out _), "no tunnelled counter");
    }

    [TestMethod]
    public void EveryCommandRefusesTruncationAndOtherIdentifiersButToleratesTrailingBytes()
    {
        foreach (var sample in ApsSamples.Commands)
        {
            var id = (ApsCommandId)sample[0];
            Assert.IsTrue(ApsCommand.IsKnown(id));
            Assert.IsTrue(Decodes(sample), $"{id}");
            Assert.IsTrue(Decodes([.. sample, 0x00, 0x01]) || id == ApsCommandId.Tunnel, $"{id} with trailing bytes (a tunnel's trailing bytes belong to its frame)");
            for (var length = 0; length < sample.Length; length++)
            {
                // A tunnel cut inside its frame's payload still holds a (shorter) APS frame.
                Assert.IsFalse(Decodes(sample[..length]) && id != ApsCommandId.Tunnel, $"{id} cut to {length}");
            }

            var other = (byte[])sample.Clone();
            other[0] = 0x01;
            Assert.IsFalse(Decodes(other), $"{id} under identifier 0x01");
        }

        Assert.IsFalse(ApsCommand.IsKnown((ApsCommandId)0x01), "SKKE-1 is reserved in R22");
        Assert.AreEqual(-1, ApsCommand.MinimumLength((ApsCommandId)0x11));
    }

    [TestMethod]
    public void EncodingIntoTooSmallABufferThrows()
    {
        Assert.ThrowsExactly<ArgumentException>(() => new RemoveDeviceCommand(1).Encode(new byte[8]));
        Assert.ThrowsExactly<ArgumentException>(() => TransportKeyCommand.NetworkKey(default, 0, 0, 0).Encode(new byte[34]));
        Assert.ThrowsExactly<ArgumentException>(() => TunnelCommand.Encode(1, new byte[5], new byte[13]));
    }

    /// <summary>True when the payload decodes as the command its identifier names.</summary>
    internal static bool Decodes(ReadOnlySpan<byte> payload)
    {
        if (payload.IsEmpty)
        {
            return false;
        }

        return (ApsCommandId)payload[0] switch
        {
            ApsCommandId.TransportKey => TransportKeyCommand.TryDecode(payload, out _),
            ApsCommandId.UpdateDevice => UpdateDeviceCommand.TryDecode(payload, out _),
            ApsCommandId.RemoveDevice => RemoveDeviceCommand.TryDecode(payload, out _),
            ApsCommandId.RequestKey => RequestKeyCommand.TryDecode(payload, out _),
            ApsCommandId.SwitchKey => SwitchKeyCommand.TryDecode(payload, out _),
            ApsCommandId.Tunnel => TunnelCommand.TryDecode(payload, out _),
            ApsCommandId.VerifyKey => VerifyKeyCommand.TryDecode(payload, out _),
            ApsCommandId.ConfirmKey => ConfirmKeyCommand.TryDecode(payload, out _),
            _ => false,
        };
    }

    private delegate bool Decoder<T>(ReadOnlySpan<byte> payload, out T command);

    private delegate int Encoder(Span<byte> destination);

    private static void AssertVector<T>(T command, Func<T, Encoder> encoder, Decoder<T> decode, string hex)
        where T : struct
    {
        var expected = Convert.FromHexString(hex.Replace(" ", string.Empty, StringComparison.Ordinal));
        var buffer = new byte[64];
        var length = encoder(command)(buffer);
        Assert.AreEqual(Convert.ToHexString(expected), Convert.ToHexString(buffer, 0, length), typeof(T).Name);
        Assert.IsTrue(decode(expected, out var decoded), typeof(T).Name);
        Assert.AreEqual(command, decoded);
    }
}
