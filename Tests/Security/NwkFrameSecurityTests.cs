using System.Globalization;
using ZigBee.Nwk.Frames;
using ZigBee.Nwk.Security;
using ZigBee.Tests.Cli;

namespace ZigBee.Tests.Security;

/// <summary>NWK frames secured by NwkFrameSecurity: the VECTORS.md frame byte for byte, tshark decrypts ours, tampering fails.</summary>
[TestClass]
public sealed class NwkFrameSecurityTests
{
    // VECTORS.md: NWK/APS/ZCL Toggle secured with 01030507…0C0D, frame counter 0x100, source 01:02:…:08, KSN 0.
    private const string VectorNwk = "4802341200001e112800010000080706050403020100fe45086affbd82431b4ba84e550e72";
    private static readonly byte[] TogglePlaintext = Convert.FromHexString("0001060004010108010602");

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void SecureReproducesTheVectorFrame()
    {
        using var cipher = new ZigBeeCipher(SecuredFrames.NetworkKey);
        var header = NwkHeader.Data(0x1234, 0x0000, 30, 0x11, security: NwkAuxiliarySecurityHeader.NetworkKey(0x100, 0x0102030405060708, 0));
        var nwk = SecuredFrames.SecureNwk(header, TogglePlaintext, cipher);
        Assert.AreEqual(VectorNwk, Convert.ToHexStringLower(nwk));
        Assert.AreEqual(0x28, nwk[8], "the level stays 0 on air");
        // VECTORS.md: the same frame in MAC with its FCS.
        Assert.AreEqual("618804621a34120000" + VectorNwk + "d09f", Convert.ToHexStringLower(SecuredFrames.InMac(nwk, 4, 0x1234, 0x0000, ackRequest: true)));
    }

    [TestMethod]
    public void TryUnsecureGivesThePlaintextBack()
    {
        using var cipher = new ZigBeeCipher(SecuredFrames.NetworkKey);
        var nwk = Convert.FromHexString(VectorNwk);
        Assert.IsTrue(NwkFrame.TryDecode(nwk, out var frame));
        var plaintext = new byte[127];
        Assert.IsTrue(NwkFrameSecurity.TryUnsecure(nwk, frame, cipher, plaintext, out var length));
        CollectionAssert.AreEqual(TogglePlaintext, plaintext[..length]);
    }

    [TestMethod]
    public void EveryFlippedBitAndAWrongKeyFail()
    {
        using var cipher = new ZigBeeCipher(SecuredFrames.NetworkKey);
        using var wrong = new ZigBeeCipher(ZigBeeKey.DefaultTrustCenterLinkKey);
        var original = Convert.FromHexString(VectorNwk);
        var plaintext = new byte[127];
        var failures = 0;
        var undecodable = 0;
        for (var bit = 0; bit < original.Length * 8; bit++)
        {
            var nwk = (byte[])original.Clone();
            nwk[bit / 8] ^= (byte)(1 << (bit % 8));
            if (!NwkFrame.TryDecode(nwk, out var frame))
            {
                undecodable++;
                continue;
            }

            if (!NwkFrameSecurity.TryUnsecure(nwk, frame, cipher, plaintext, out _))
            {
                failures++;
            }
        }

        // Bit 0-2 of the security control are the on-air level, which the a-data overwrites with 5: those flips still verify.
        Assert.AreEqual(original.Length * 8 - 3, failures + undecodable, "every other flipped bit is refused");
        Assert.IsTrue(NwkFrame.TryDecode(original, out var good));
        Assert.IsFalse(NwkFrameSecurity.TryUnsecure(original, good, wrong, plaintext, out var none));
        Assert.AreEqual(0, none);
    }

    [TestMethod]
    public void HostileSecuredFramesAreRefusedWithoutExceptions()
    {
        using var cipher = new ZigBeeCipher(SecuredFrames.NetworkKey);
        var corpus = new List<byte[]> { Convert.FromHexString(VectorNwk), BuildCommandFrames(cipher)[0] };
        var plaintext = new byte[127];
        var (decoded, refused) = HostileInput.Run(corpus, seed: 11, iterations: 5000, boundary: 0x28, input =>
            NwkFrame.TryDecode(input, out var frame) && NwkFrameSecurity.TryUnsecure(input, frame, cipher, plaintext, out _));
        Assert.IsGreaterThan(4000, refused);
        TestContext.WriteLine($"{decoded} mutated frames verified (level bit flips and untouched copies), {refused} refused");

        // A decoded frame paired with a shorter buffer, a tiny plaintext buffer, an unsecured frame.
        var nwk = Convert.FromHexString(VectorNwk);
        Assert.IsTrue(NwkFrame.TryDecode(nwk, out var vector));
        Assert.IsFalse(NwkFrameSecurity.TryUnsecure(nwk.AsSpan(0, 30), vector, cipher, plaintext, out _));
        Assert.IsFalse(NwkFrameSecurity.TryUnsecure(nwk, vector, cipher, new byte[5], out _));
        Assert.IsTrue(NwkFrame.TryDecode(Convert.FromHexString("4800341200001e10") , out var clear));
        Assert.IsFalse(NwkFrameSecurity.TryUnsecure(nwk, clear, cipher, plaintext, out _));
        Assert.IsFalse(NwkFrameSecurity.TryUnsecure(nwk, default, cipher, plaintext, out _));
    }

    [TestMethod]
    public void SecureAndUnsecureAllocateNothing()
    {
        using var cipher = new ZigBeeCipher(SecuredFrames.NetworkKey);
        var nwk = Convert.FromHexString(VectorNwk);
        Assert.IsTrue(NwkFrame.TryDecode(nwk, out var frame));
        var plaintext = new byte[127];
        var buffer = new byte[127];
        var header = NwkHeader.Data(0x1234, 0x0000, 30, 0x11, security: NwkAuxiliarySecurityHeader.NetworkKey(0x100, 0x0102030405060708, 0));
        var length = NwkFrame.Encode(header, TogglePlaintext, buffer);
        NwkFrameSecurity.TryUnsecure(nwk, frame, cipher, plaintext, out _);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            NwkFrameSecurity.TryUnsecure(nwk, frame, cipher, plaintext, out _);
            NwkFrameSecurity.Secure(buffer, length - TogglePlaintext.Length - 14, length - TogglePlaintext.Length, length, cipher);
        }

        Assert.AreEqual(0L, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [TestMethod]
    public async Task TsharkDecryptsFramesWeSecured()
    {
        using var cipher = new ZigBeeCipher(SecuredFrames.NetworkKey);
        var frames = BuildCommandFrames(cipher);
        frames.Add(SecuredFrames.SecureNwk(NwkHeader.Data(0x1234, 0x0000, 30, 40, security: NwkAuxiliarySecurityHeader.NetworkKey(77, 0x00124B0001020304, 3)), TogglePlaintext, cipher));
        var psdus = frames.Select((nwk, i) => SecuredFrames.InMac(nwk, (byte)i)).ToList();
        var path = SecuredFrames.WriteCapture(TestContext, "nwk-security-tests", psdus);
        string[] fields = ["frame.number", "zbee.sec.decryption_key", "zbee_nwk.cmd.id", "zbee_aps.counter", "_ws.malformed", "zbee_nwk.seqno"];
        var rows = await TsharkWithKeys.FieldsAsync(path, [SecuredFrames.NetworkKeyHex], fields, TestContext.CancellationToken);
        Assert.HasCount(psdus.Count, rows);
        var plaintext = new byte[127];
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            Assert.AreEqual("key0", row[1], $"frame {i + 1}: tshark decrypted it with the key");
            Assert.AreEqual(string.Empty, row[4], $"frame {i + 1}: malformed");
            Assert.IsTrue(NwkFrame.TryDecode(frames[i], out var frame));
            Assert.IsTrue(NwkFrameSecurity.TryUnsecure(frames[i], frame, cipher, plaintext, out var length));
            if (frame.Header.FrameType == NwkFrameType.Command)
            {
                Assert.AreEqual($"0x{plaintext[0]:x2}", row[2], $"frame {i + 1}: command identifier");
            }
            else
            {
                Assert.AreEqual(plaintext[7].ToString(CultureInfo.InvariantCulture), row[3], $"frame {i + 1}: APS counter inside");
            }

            Assert.AreEqual(frame.Header.SequenceNumber.ToString(CultureInfo.InvariantCulture), row[5]);
            Assert.IsGreaterThan(0, length);
        }
    }

    /// <summary>Secured NWK commands of several header shapes: broadcast, with IEEE addresses, with a source route.</summary>
    private static List<byte[]> BuildCommandFrames(ZigBeeCipher cipher)
    {
        var list = new List<byte[]>();
        var command = new byte[40];
        var length = RouteRequestCommand.Create(9, 0x4321, 0, ManyToOneMode.None).Encode(command);
        list.Add(SecuredFrames.SecureNwk(
            NwkHeader.Command(0xFFFC, 0x0001, 30, 1, security: NwkAuxiliarySecurityHeader.NetworkKey(1000, 0x00124B0000000001, 0)), command.AsSpan(0, length), cipher));
        length = new LeaveCommand(0x20).Encode(command);
        list.Add(SecuredFrames.SecureNwk(
            NwkHeader.Command(0x0000, 0x0001, 1, 2, destinationIeeeAddress: 0x00124B0000000000, sourceIeeeAddress: 0x00124B0000000001,
                security: NwkAuxiliarySecurityHeader.NetworkKey(1001, 0x00124B0000000001, 0)), command.AsSpan(0, length), cipher));
        var routed = new NwkHeader(NwkFrameControl.Create(NwkFrameType.Data), 0x0005, 0x0000, 30, 3, SourceRoute: new NwkSourceRoute(2, 1),
            Security: NwkAuxiliarySecurityHeader.NetworkKey(1002, 0x00124B0000000000, 0));
        list.Add(SecuredFrames.SecureNwk(routed, TogglePlaintext, cipher, [0x0003, 0x0004]));
        return list;
    }
}
