using ZigBee.Nwk.Security;

namespace ZigBee.Tests.Security;

/// <summary>CCM* against the vectors of VECTORS.md, at every MIC length they cover.</summary>
[TestClass]
public sealed class CcmStarVectorTests
{
    [TestMethod]
    public void ZigBeeAnnexC4Level6MatchesTheSpecification()
    {
        // ZigBee spec Annex C.3/C.4, level 6 (M = 8).
        using var cipher = new ZigBeeCipher(Key("C0C1C2C3C4C5C6C7C8C9CACBCCCDCECF"));
        var nonce = Hex("A0A1A2A3A4A5A6A70302010006");
        var a = Hex("0001020304050607");
        var m = Hex("08090A0B0C0D0E0F101112131415161718191A1B1C1D1E");
        var c = new byte[m.Length];
        var mic = new byte[8];
        CcmStar.Encrypt(cipher, nonce, a, m, c, mic);
        Assert.AreEqual("1A55A36ABB6C610D066B3375649CEF10D4664ECAD854A8", Convert.ToHexString(c));
        Assert.AreEqual("0A895CC1D8FF9469", Convert.ToHexString(mic));
        var back = new byte[c.Length];
        Assert.IsTrue(CcmStar.TryDecrypt(cipher, nonce, a, c, mic, back));
        CollectionAssert.AreEqual(m, back);
        mic[7] ^= 1;
        Assert.IsFalse(CcmStar.TryDecrypt(cipher, nonce, a, c, mic, back));
        Assert.IsTrue(back.All(b => b == 0), "a failed check leaves no plaintext behind");
    }

    [TestMethod]
    public void Ieee802154AnnexC22EncryptionOnlyMatches()
    {
        // IEEE 802.15.4-2011 Annex C.2.2, level 4 (M = 0), key C0…CF.
        using var cipher = new ZigBeeCipher(Key("C0C1C2C3C4C5C6C7C8C9CACBCCCDCECF"));
        var nonce = Hex("ACDE4800000000010000000504");
        var a = Hex("69DC842143020000000048DEAC010000000048DEAC0405000000");
        var c = new byte[4];
        CcmStar.Encrypt(cipher, nonce, a, Hex("61626364"), c, []);
        Assert.AreEqual("D43E022B", Convert.ToHexString(c));
        var back = new byte[4];
        Assert.IsTrue(CcmStar.TryDecrypt(cipher, nonce, a, c, [], back));
        Assert.AreEqual("61626364", Convert.ToHexString(back));
    }

    [TestMethod]
    public void NwkSecuredFrameVectorDecryptsWithLevelFive()
    {
        // VECTORS.md: NWK-secured frame built here, decrypted by tshark and zigbee-on-host; key 01030507…0C0D.
        using var cipher = new ZigBeeCipher(Key("01030507090B0D0F00020406080A0C0D"));
        var nonce = new byte[ZigBeeNonce.Length];
        ZigBeeNonce.Write(nonce, 0x0102030405060708, 0x100, 0x28);
        Assert.AreEqual("08070605040302010001000" + "02D", Convert.ToHexString(nonce));
        var aData = Hex("4802341200001E112D000100000807060504030201" + "00");
        var ciphertext = Hex("FE45086AFFBD82431B4BA8");
        var plaintext = new byte[ciphertext.Length];
        Assert.IsTrue(cipher.TryDecrypt(nonce, aData, ciphertext, Hex("4E550E72"), plaintext));
        Assert.AreEqual("0001060004010108010602", Convert.ToHexString(plaintext));
        var again = new byte[ciphertext.Length];
        var mic = new byte[4];
        cipher.Encrypt(nonce, aData, plaintext, again, mic);
        CollectionAssert.AreEqual(ciphertext, again);
        Assert.AreEqual("4E550E72", Convert.ToHexString(mic));
    }

    [TestMethod]
    public void CcmStarAgreesWithThePlatformsAesCcmOnEveryLength()
    {
        // System.Security.Cryptography.AesCcm is CCM with L = 2 for 13-octet nonces: CCM* at M = 4, 8, 16 must match it.
        var random = new Random(7);
        var key = new byte[16];
        random.NextBytes(key);
        using var ours = AesBlockCipher.Create(key);
        using var reference = new System.Security.Cryptography.AesCcm(key);
        var nonce = new byte[13];
        random.NextBytes(nonce);
        foreach (var length in new[] { 0, 1, 15, 16, 17, 100, 127, 300 })
        {
            foreach (var micLength in new[] { 4, 8, 16 })
            {
                var a = new byte[(length * 7) % 200];
                var m = new byte[length];
                random.NextBytes(a);
                random.NextBytes(m);
                var (c1, t1) = (new byte[length], new byte[micLength]);
                var (c2, t2) = (new byte[length], new byte[micLength]);
                CcmStar.Encrypt(ours, nonce, a, m, c1, t1);
                reference.Encrypt(nonce, m, c2, t2, a);
                CollectionAssert.AreEqual(c2, c1, $"ciphertext, {length} octets, M = {micLength}");
                CollectionAssert.AreEqual(t2, t1, $"MIC, {length} octets, M = {micLength}");
                var back = new byte[length];
                Assert.IsTrue(CcmStar.TryDecrypt(ours, nonce, a, c1, t1, back));
                CollectionAssert.AreEqual(m, back);
            }
        }
    }

    [TestMethod]
    public void BadArgumentsAreRefusedAndBadInputIsFalse()
    {
        using var cipher = new ZigBeeCipher(ZigBeeKey.DefaultTrustCenterLinkKey);
        var nonce = new byte[13];
        Assert.ThrowsExactly<ArgumentException>(() => CcmStar.Encrypt(cipher, nonce, [], new byte[4], new byte[4], new byte[6]));
        Assert.ThrowsExactly<ArgumentException>(() => CcmStar.Encrypt(cipher, new byte[12], [], new byte[4], new byte[4], new byte[4]));
        Assert.IsFalse(cipher.TryDecrypt(new byte[12], [], new byte[4], new byte[4], new byte[4]), "short nonce");
        Assert.IsFalse(cipher.TryDecrypt(nonce, [], new byte[4], new byte[3], new byte[4]), "short MIC");
        Assert.IsFalse(cipher.TryDecrypt(nonce, [], new byte[4], new byte[4], new byte[3]), "short plaintext buffer");
        Assert.IsFalse(cipher.TryDecrypt(nonce, [], new byte[4], new byte[4], new byte[4]), "garbage");
    }

    internal static ZigBeeKey Key(string hex) => ZigBeeKey.Read(Hex(hex));

    internal static byte[] Hex(string hex) => Convert.FromHexString(hex);
}
