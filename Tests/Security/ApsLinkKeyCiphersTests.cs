using ZigBee.Aps.Security;
using ZigBee.Nwk.Security;

namespace ZigBee.Tests.Security;

/// <summary>The derived keys of a link key's ciphers are its own, whichever link keys were built before it.</summary>
[TestClass]
public sealed class ApsLinkKeyCiphersTests
{
    [TestMethod]
    public void EachLinkKeyGetsItsOwnDerivedKeysWhateverCameBefore()
    {
        var first = ZigBeeKey.DefaultTrustCenterLinkKey;
        var second = ZigBeeKey.Read(Convert.FromHexString("01030507090B0D0F00020406080A0C0D"));
        foreach (var key in new[] { first, first, second, first, second, second })
        {
            using var ciphers = new ApsLinkKeyCiphers(key);
            Assert.AreEqual(key, ciphers.Data.Key);
            Assert.AreEqual(KeyDerivation.KeyTransportKey(key), ciphers.KeyTransport.Key);
            Assert.AreEqual(KeyDerivation.KeyLoadKey(key), ciphers.KeyLoad.Key);
            Assert.AreNotEqual(ciphers.KeyTransport.Key, ciphers.KeyLoad.Key);
        }
    }
}
