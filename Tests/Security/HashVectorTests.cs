using ZigBee.Aps.Frames;
using ZigBee.Aps.Security;
using ZigBee.Nwk.Security;

namespace ZigBee.Tests.Security;

/// <summary>MMO hash, keyed hash, install codes and derived keys against VECTORS.md.</summary>
[TestClass]
public sealed class HashVectorTests
{
    [TestMethod]
    public void MmoHashOfShortMessagesMatchesAnnexC5()
    {
        // ZigBee spec Annex C.5 examples.
        Assert.AreEqual("AE3A102A28D43EE0D4A09E22788B206C", MmoHash.Compute([0xC0]).ToString());
        Assert.AreEqual("A7977E88BC0B61E8210827109A228F2D", MmoHash.Compute(Convert.FromHexString("C0C1C2C3C4C5C6C7C8C9CACBCCCDCECF")).ToString());
    }

    [TestMethod]
    public void MmoHashPadsBothSidesOfTheLongMessageBoundary()
    {
        // VECTORS.md: 8191 octets 00 01 … FF 00 … (16-bit length) and 8192 octets (32-bit length padding).
        var message = new byte[8192];
        for (var i = 0; i < message.Length; i++)
        {
            message[i] = (byte)i;
        }

        Assert.AreEqual("24EC2FE75BBFFCB34789BC0610E7F165", MmoHash.Compute(message.AsSpan(0, 8191)).ToString());
        Assert.AreEqual("DC6B0687F09F8607131C170B3BD31591", MmoHash.Compute(message).ToString());
    }

    [TestMethod]
    public void KeyedHashMatchesAnnexC6()
    {
        // ZigBee spec Annex C.6: key 40…4F, message C0.
        var key = ZigBeeKey.Read(Convert.FromHexString("404142434445464748494A4B4C4D4E4F"));
        Assert.AreEqual("4512807BF94CB3400F0E2C25FB76E999", KeyedHash.Compute(key, [0xC0]).ToString());
    }

    [TestMethod]
    public void DefaultTrustCenterLinkKeyAndItsDerivedKeys()
    {
        // VECTORS.md: "ZigBeeAlliance09" and HMAC(K, 0x00 / 0x02 / 0x03).
        var key = ZigBeeKey.DefaultTrustCenterLinkKey;
        Assert.AreEqual("5A6967426565416C6C69616E63653039", key.ToString());
        Assert.AreEqual("4BAB0F173E1434A2D572E1C1EF478782", KeyDerivation.KeyTransportKey(key).ToString());
        Assert.AreEqual("C5A47035C332CCBF251571D8BADED188", KeyDerivation.KeyLoadKey(key).ToString());
        Assert.AreEqual("1AB128DF1639A1246AABA72A6A559124", KeyDerivation.VerifyKeyHash(key).ToString());
    }

    [TestMethod]
    [DataRow("83FED3407A939723A5C639B26916D505C3B5", "66B6900981E1EE3CA4206B6B861C02BB")]
    [DataRow("11223344556677884AF7", "41618FC0C83B0E14A589954B16E31466")]
    [DataRow("55555555555555555555555555555555A9D1", "3C6047F3C55C8C8290A5839C213B6714")]
    public void InstallCodeGivesItsLinkKey(string codeWithCrc, string linkKey)
    {
        // VECTORS.md install codes (CRC-16/X-25, stored little-endian).
        Assert.IsTrue(InstallCode.TryDeriveLinkKey(Convert.FromHexString(codeWithCrc), out var key));
        Assert.AreEqual(linkKey, key.ToString());
    }

    [TestMethod]
    public void InstallCodeCrcAndBadCodes()
    {
        Assert.AreEqual(0x906E, InstallCode.Crc("123456789"u8), "CRC-16/X-25 check value");
        Assert.IsFalse(InstallCode.TryDeriveLinkKey(Convert.FromHexString("11223344556677884AF6"), out _), "wrong CRC");
        Assert.IsFalse(InstallCode.TryDeriveLinkKey(Convert.FromHexString("112233445566774AF7"), out _), "7-octet code");
        Assert.IsFalse(InstallCode.TryDeriveLinkKey([], out _), "empty");
        var six = new byte[8];
        Random.Shared.NextBytes(six.AsSpan(0, 6));
        var crc = InstallCode.Crc(six.AsSpan(0, 6));
        six[6] = (byte)crc;
        six[7] = (byte)(crc >> 8);
        Assert.IsTrue(InstallCode.IsValid(six), "6-octet codes are allowed");
    }

    [TestMethod]
    [DataRow("5A6967426565416C6C69616E63653039")]
    [DataRow("5a:69:67:42:65:65:41:6c:6c:69:61:6e:63:65:30:39")]
    [DataRow("5A 69 67 42 65 65 41 6C 6C 69 61 6E 63 65 30 39")]
    public void KeyParsesWithOrWithoutSeparators(string text)
    {
        Assert.IsTrue(ZigBeeKey.TryParse(text, out var key));
        Assert.AreEqual(ZigBeeKey.DefaultTrustCenterLinkKey, key);
    }

    [TestMethod]
    public void ApsKeyAndZigBeeKeyKeepTheOctetOrder()
    {
        var octets = Convert.FromHexString("5A6967426565416C6C69616E63653039");
        var apsKey = ApsKey.Read(octets);
        Assert.AreEqual(ZigBeeKey.DefaultTrustCenterLinkKey, apsKey.ToZigBeeKey());
        Assert.AreEqual(apsKey, ZigBeeKey.DefaultTrustCenterLinkKey.ToApsKey());
    }

    [TestMethod]
    [DataRow("")]
    [DataRow("5A6967426565416C6C69616E6365303")]
    [DataRow("5A6967426565416C6C69616E636530390")]
    [DataRow("5A6967426565416C6C69616E636530390A")]
    [DataRow("5G6967426565416C6C69616E63653039")]
    [DataRow("5:A6967426565416C6C69616E63653039")]
    public void BadKeyTextIsRefused(string text) => Assert.IsFalse(ZigBeeKey.TryParse(text, out _));
}
