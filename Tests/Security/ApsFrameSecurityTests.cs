using ZigBee.Aps.Frames;
using ZigBee.Aps.Security;
using ZigBee.Nwk.Frames;
using ZigBee.Nwk.Security;
using ZigBee.Tests.Cli;

namespace ZigBee.Tests.Security;

/// <summary>
/// APS frames secured by ApsFrameSecurity with the key each key identifier names (link key, key-transport key,
/// key-load key, network key): tshark decrypts them with the link or network key alone, TryUnsecure gives the
/// plaintext back, and wrong keys or tampering give false.
/// </summary>
[TestClass]
public sealed class ApsFrameSecurityTests
{
    private const ulong TrustCenter = 0x00124B0000000000;
    private const ulong Joiner = 0x00124B0000000001;
    private static readonly byte[] ZclToggle = [0x01, 0x07, 0x02];

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void EachKeyIdentifierUsesItsKeyAndOnlyThatKey()
    {
        using var link = new ApsLinkKeyCiphers(ZigBeeKey.DefaultTrustCenterLinkKey);
        using var network = new ZigBeeCipher(SecuredFrames.NetworkKey);
        foreach (var keyId in new[] { NwkKeyIdentifier.DataKey, NwkKeyIdentifier.NetworkKey, NwkKeyIdentifier.KeyTransportKey, NwkKeyIdentifier.KeyLoadKey })
        {
            var aps = SecureAps(keyId, extendedNonce: keyId != NwkKeyIdentifier.DataKey, link, network);
            Assert.IsTrue(ApsFrame.TryDecode(aps, out var frame), $"{keyId}");
            var plaintext = new byte[127];
            Assert.IsTrue(ApsFrameSecurity.TryUnsecure(aps, frame, TrustCenter, link, network, plaintext, out var length), $"{keyId}");
            CollectionAssert.AreEqual(Plaintext(keyId), plaintext[..length], $"{keyId}");
            var expected = ApsFrameSecurity.Select(keyId, link, network)!;
            foreach (var other in new[] { link.Data, link.KeyTransport, link.KeyLoad, network })
            {
                Assert.AreEqual(ReferenceEquals(other, expected), ApsFrameSecurity.TryUnsecure(aps, frame, TrustCenter, other, plaintext, out _), $"{keyId} with another key");
            }
        }
    }

    [TestMethod]
    public void WithoutExtendedNonceTheNwkSourceAddressIsTheNonceSource()
    {
        using var link = new ApsLinkKeyCiphers(ZigBeeKey.DefaultTrustCenterLinkKey);
        var aps = SecureAps(NwkKeyIdentifier.DataKey, extendedNonce: false, link, null);
        Assert.IsTrue(ApsFrame.TryDecode(aps, out var frame));
        var plaintext = new byte[127];
        Assert.IsTrue(ApsFrameSecurity.TryUnsecure(aps, frame, TrustCenter, link.Data, plaintext, out _));
        Assert.IsFalse(ApsFrameSecurity.TryUnsecure(aps, frame, Joiner, link.Data, plaintext, out _), "another source, another nonce");
        using var network = new ZigBeeCipher(SecuredFrames.NetworkKey);
        var underNetworkKey = SecureAps(NwkKeyIdentifier.NetworkKey, extendedNonce: true, link, network);
        Assert.IsTrue(ApsFrame.TryDecode(underNetworkKey, out var networkFrame));
        Assert.IsFalse(ApsFrameSecurity.TryUnsecure(underNetworkKey, networkFrame, TrustCenter, link, null, plaintext, out _), "no network key given");
        Assert.ThrowsExactly<ArgumentException>(() => SecureAps(NwkKeyIdentifier.NetworkKey, extendedNonce: true, link, null));
    }

    [TestMethod]
    public void TamperedAndHostileApsFramesAreRefused()
    {
        using var link = new ApsLinkKeyCiphers(ZigBeeKey.DefaultTrustCenterLinkKey);
        var original = SecureAps(NwkKeyIdentifier.KeyTransportKey, extendedNonce: true, link, null);
        var plaintext = new byte[127];
        var refused = 0;
        for (var i = 0; i < original.Length; i++)
        {
            var aps = (byte[])original.Clone();
            aps[i] ^= 0x80;
            if (!ApsFrame.TryDecode(aps, out var frame) || !ApsFrameSecurity.TryUnsecure(aps, frame, TrustCenter, link, null, plaintext, out _))
            {
                refused++;
            }
        }

        Assert.AreEqual(original.Length, refused, "a flipped high bit anywhere is refused");
        var (decoded, hostile) = HostileInput.Run([original], seed: 5, iterations: 3000, boundary: 0x30, input =>
            ApsFrame.TryDecode(input, out var frame) && ApsFrameSecurity.TryUnsecure(input, frame, TrustCenter, link, null, plaintext, out _));
        Assert.IsGreaterThan(2500, hostile);
        TestContext.WriteLine($"{decoded} mutations still verified, {hostile} refused");
    }

    [TestMethod]
    public async Task TsharkDecryptsApsFramesWeSecuredWithTheLinkKeyAlone()
    {
        using var link = new ApsLinkKeyCiphers(ZigBeeKey.DefaultTrustCenterLinkKey);
        var psdus = new List<byte[]>();
        byte sequence = 0;
        var keyIds = new[] { NwkKeyIdentifier.KeyTransportKey, NwkKeyIdentifier.KeyLoadKey, NwkKeyIdentifier.DataKey };
        foreach (var keyId in keyIds)
        {
            var aps = SecureAps(keyId, extendedNonce: keyId != NwkKeyIdentifier.DataKey, link, null);
            // The NWK header names the source's IEEE address, which a nonce without extended source needs.
            var nwk = new byte[127];
            var nwkLength = NwkFrame.Encode(NwkHeader.Data(0x0001, 0x0000, 30, sequence, sourceIeeeAddress: TrustCenter), aps, nwk);
            psdus.Add(SecuredFrames.InMac(nwk.AsSpan(0, nwkLength), sequence++, macDestination: 0x0001, macSource: 0x0000));
        }

        var path = SecuredFrames.WriteCapture(TestContext, "aps-security-tests", psdus);
        string[] fields = ["frame.number", "zbee_aps.cmd.id", "zbee_aps.cluster", "_ws.malformed", "zbee.sec.key_id"];
        var rows = await TsharkWithKeys.FieldsAsync(path, [ZigBeeKey.DefaultTrustCenterLinkKey.ToString()], fields, TestContext.CancellationToken);
        Assert.HasCount(psdus.Count, rows);
        Assert.AreEqual("0x05", rows[0][1], "transport key under the key-transport key");
        Assert.AreEqual("0x05", rows[1][1], "transport key under the key-load key");
        Assert.AreEqual("0x0006", rows[2][2], "ZCL On/Off under the link key");
        foreach (var row in rows)
        {
            Assert.AreEqual(string.Empty, row[3], $"frame {row[0]} malformed");
        }

        // zigbee decode with the same key says the same.
        var output = new StringWriter();
        var error = new StringWriter();
        Assert.AreEqual(0, ZigBee.Cli.Decode.DecodeCommand.Run(new FileInfo(path), false, [ZigBeeKey.DefaultTrustCenterLinkKey.ToString()], output, error));
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        StringAssert.Contains(lines[0], "secured decrypted transport_key");
        StringAssert.Contains(lines[1], "secured decrypted transport_key");
        StringAssert.Contains(lines[2], "secured decrypted");
    }

    /// <summary>An APS frame from the trust center secured under <paramref name="keyId"/>: a transport-key command, or ZCL data for the data key.</summary>
    private static byte[] SecureAps(NwkKeyIdentifier keyId, bool extendedNonce, ApsLinkKeyCiphers link, ZigBeeCipher? network)
    {
        var aux = new NwkAuxiliarySecurityHeader(
            NwkAuxiliarySecurityHeader.CreateSecurityControl(0, keyId, extendedNonce), 4242, extendedNonce ? TrustCenter : 0, 0);
        var header = keyId == NwkKeyIdentifier.DataKey
            ? ApsHeader.Unicast(1, 0x0006, 0x0104, 1, 9) with { Security = aux }
            : ApsHeader.Command(9) with { Security = aux };
        var payload = Plaintext(keyId);
        var buffer = new byte[127];
        var length = ApsFrame.Encode(header, payload, buffer);
        var payloadOffset = length - payload.Length;
        var secured = ApsFrameSecurity.Secure(buffer, payloadOffset - aux.Length, payloadOffset, length, TrustCenter, link, network);
        return buffer[..secured];
    }

    private static byte[] Plaintext(NwkKeyIdentifier keyId)
    {
        if (keyId == NwkKeyIdentifier.DataKey)
        {
            return ZclToggle;
        }

        var command = new byte[64];
        var key = new ApsKey(SecuredFrames.NetworkKey.Low, SecuredFrames.NetworkKey.High);
        var length = TransportKeyCommand.NetworkKey(key, 0, Joiner, TrustCenter).Encode(command);
        return command[..length];
    }
}
