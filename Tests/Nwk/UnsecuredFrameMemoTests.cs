using ZigBee.Nwk.Frames;
using ZigBee.Nwk.Security;
using ZigBee.Nwk.Service;
using ZigBee.Tests.Security;

namespace ZigBee.Tests.Nwk;

/// <summary>
/// The memo that spares the neighbours of one sender repeating the same frame check: whatever came before (frames
/// checked, frames secured), it answers exactly as a fresh check would, for the same bytes, for one bit changed and
/// for another key.
/// </summary>
[TestClass]
public sealed class UnsecuredFrameMemoTests
{
    private static readonly byte[] Plaintext = Convert.FromHexString("0001060004010108010602");

    private static byte[] Secured(ZigBeeCipher cipher, uint counter)
    {
        var header = NwkHeader.Data(0x1234, 0x0000, 30, 0x11, security: NwkAuxiliarySecurityHeader.NetworkKey(counter, 0x0102030405060708, 0));
        return SecuredFrames.SecureNwk(header, Plaintext, cipher);
    }

    private static bool Check(UnsecuredFrameMemo memo, byte[] nwk, ZigBeeCipher cipher, out byte[] plaintext)
    {
        plaintext = new byte[127];
        if (!NwkFrame.TryDecode(nwk, out var frame))
        {
            return false;
        }

        var ok = memo.TryUnsecure(nwk, frame, cipher, plaintext, out var length);
        plaintext = plaintext[..length];
        return ok;
    }

    [TestMethod]
    public void RepeatsGiveThePlaintextAgain()
    {
        using var cipher = new ZigBeeCipher(SecuredFrames.NetworkKey);
        var memo = new UnsecuredFrameMemo();
        var nwk = Secured(cipher, 0x100);
        for (var i = 0; i < 3; i++)
        {
            Assert.IsTrue(Check(memo, nwk, cipher, out var plaintext));
            CollectionAssert.AreEqual(Plaintext, plaintext);
        }
    }

    [TestMethod]
    public void EveryFlippedBitAfterTheGoodFrameIsRefusedAndTheGoodFrameStillPasses()
    {
        using var cipher = new ZigBeeCipher(SecuredFrames.NetworkKey);
        var memo = new UnsecuredFrameMemo();
        var original = Secured(cipher, 0x100);
        var refused = 0;
        for (var bit = 0; bit < original.Length * 8; bit++)
        {
            Assert.IsTrue(Check(memo, original, cipher, out _), $"the good frame before bit {bit}");
            var tampered = (byte[])original.Clone();
            tampered[bit / 8] ^= (byte)(1 << (bit % 8));
            if (!NwkFrame.TryDecode(tampered, out var frame))
            {
                continue;
            }

            var fresh = NwkFrameSecurity.TryUnsecure(tampered, frame, cipher, new byte[127], out _);
            Assert.AreEqual(fresh, Check(memo, tampered, cipher, out _), $"bit {bit}");
            Assert.AreEqual(fresh, Check(memo, tampered, cipher, out _), $"bit {bit} repeated");
            refused += fresh ? 0 : 1;
        }

        Assert.IsGreaterThan(original.Length * 8 / 2, refused);
    }

    [TestMethod]
    public void TheSameBytesUnderAnotherKeyAreRefused()
    {
        using var cipher = new ZigBeeCipher(SecuredFrames.NetworkKey);
        using var other = new ZigBeeCipher(ZigBeeKey.DefaultTrustCenterLinkKey);
        var memo = new UnsecuredFrameMemo();
        var nwk = Secured(cipher, 0x100);
        Assert.IsTrue(Check(memo, nwk, cipher, out _));
        Assert.IsFalse(Check(memo, nwk, other, out _));
        Assert.IsTrue(Check(memo, nwk, cipher, out _));
    }

    [TestMethod]
    public void AnotherFrameOfTheSameLengthGetsItsOwnPlaintext()
    {
        using var cipher = new ZigBeeCipher(SecuredFrames.NetworkKey);
        var memo = new UnsecuredFrameMemo();
        var first = Secured(cipher, 0x100);
        var second = Secured(cipher, 0x101);
        Assert.HasCount(first.Length, second);
        Assert.IsTrue(Check(memo, first, cipher, out var a));
        Assert.IsTrue(Check(memo, second, cipher, out var b));
        CollectionAssert.AreEqual(Plaintext, a);
        CollectionAssert.AreEqual(Plaintext, b);
    }

    [TestMethod]
    public void AFrameSecuredHereChecksToItsPlaintextAndATamperedCopyDoesNot()
    {
        using var cipher = new ZigBeeCipher(SecuredFrames.NetworkKey);
        var memo = new UnsecuredFrameMemo();
        var nwk = Secured(cipher, 0x100);
        Assert.IsTrue(NwkFrame.TryDecode(nwk, out var frame));
        memo.Secured(nwk, frame.Header.Security!.Value, cipher.Key, Plaintext);
        Assert.IsTrue(Check(memo, nwk, cipher, out var plaintext));
        CollectionAssert.AreEqual(Plaintext, plaintext);

        var tampered = (byte[])nwk.Clone();
        tampered[^1] ^= 0x01;
        Assert.IsFalse(Check(memo, tampered, cipher, out _), "MIC changed");
        using var other = new ZigBeeCipher(ZigBeeKey.DefaultTrustCenterLinkKey);
        memo.Secured(nwk, frame.Header.Security!.Value, cipher.Key, Plaintext);
        Assert.IsFalse(Check(memo, nwk, other, out _), "another key");
    }

    [TestMethod]
    public void ManyFramesSecuredBeforeAnyIsHeardAllCheckToTheirOwnPlaintext()
    {
        using var cipher = new ZigBeeCipher(SecuredFrames.NetworkKey);
        var memo = new UnsecuredFrameMemo();
        var frames = new List<(byte[] Nwk, byte[] Plain)>();
        for (uint counter = 0; counter < 600; counter++)
        {
            // Different payloads, so a frame answered with another's plaintext would show.
            var plain = BitConverter.GetBytes(counter * 2654435761u);
            var header = NwkHeader.Data(0x1234, 0x0000, 30, 0x11, security: NwkAuxiliarySecurityHeader.NetworkKey(counter, 0x0102030405060708UL + (counter % 3), 0));
            var nwk = SecuredFrames.SecureNwk(header, plain, cipher);
            Assert.IsTrue(NwkFrame.TryDecode(nwk, out var frame));
            memo.Secured(nwk, frame.Header.Security!.Value, cipher.Key, plain);
            frames.Add((nwk, plain));
        }

        foreach (var (nwk, plain) in frames)
        {
            Assert.IsTrue(Check(memo, nwk, cipher, out var plaintext));
            CollectionAssert.AreEqual(plain, plaintext);
        }
    }
}
