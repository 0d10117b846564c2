using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using ZigBee.Aps.Frames;
using ZigBee.Mac.Frames;
using ZigBee.Nwk.Frames;
using ZigBee.Nwk.Security;

namespace ZigBee.Benchmarks;

/// <summary>
/// Per-frame cost of NWK security: the full decode of a NWK-secured data frame (MAC, NWK, CCM* check and decryption,
/// APS) with ZigBeeCipher on the processor's AES and on the platform's AES, securing a frame, and System.Security's
/// AesCcm on the same frame for comparison.
/// </summary>
[MemoryDiagnoser]
public class SecurityBenchmarks : IDisposable
{
    // The NWK-secured data frame of ../shared/VECTORS.md, with FCS; network key 01030507…0C0D.
    private static readonly byte[] Secured = Convert.FromHexString("618804621a341200004802341200001e112800010000080706050403020100fe45086affbd82431b4ba84e550e72d09f");
    private static readonly ZigBeeKey Key = ZigBeeKey.Read(Convert.FromHexString("01030507090B0D0F00020406080A0C0D"));

    private readonly ZigBeeCipher hardware = new(Key);
    private readonly ZigBeeCipher platform = new(Key, ZigBeeAesImplementation.Platform);
    private readonly AesCcm aesCcm = new(Convert.FromHexString("01030507090B0D0F00020406080A0C0D"));
    private readonly byte[] plaintext = new byte[127];
    private readonly byte[] frame = new byte[127];
    private readonly byte[] nonce = Convert.FromHexString("08070605040302010001000" + "02D");
    private readonly byte[] aData = Convert.FromHexString("4802341200001E112D000100000807060504030201" + "00");
    private readonly byte[] nwkPlaintext = Convert.FromHexString("0001060004010108010602");
    private readonly NwkHeader nwkHeader = NwkHeader.Data(0x1234, 0x0000, 30, 0x11, security: NwkAuxiliarySecurityHeader.NetworkKey(256, 0x0102030405060708, 0));

    [Benchmark(Baseline = true)]
    public int FullDecodeSecuredFrame() => FullDecode(hardware);

    [Benchmark]
    public int FullDecodeSecuredFramePlatformAes() => FullDecode(platform);

    [Benchmark]
    public int EncodeAndSecureNwkFrame()
    {
        var length = NwkFrame.Encode(nwkHeader, nwkPlaintext, frame);
        return NwkFrameSecurity.Secure(frame, length - nwkPlaintext.Length - 14, length - nwkPlaintext.Length, length, hardware);
    }

    /// <summary>Only the CCM check and decryption of the payload with System.Security.Cryptography.AesCcm (throws on a bad tag).</summary>
    [Benchmark]
    public int AesCcmDecryptOnly()
    {
        aesCcm.Decrypt(nonce, Secured.AsSpan(31, 11), Secured.AsSpan(42, 4), plaintext.AsSpan(0, 11), aData);
        return plaintext[0];
    }

    public void Dispose()
    {
        hardware.Dispose();
        platform.Dispose();
        aesCcm.Dispose();
        GC.SuppressFinalize(this);
    }

    private int FullDecode(ZigBeeCipher cipher)
    {
        if (!MacFrame.TryDecode(Secured, out var mac))
        {
            return -1;
        }

        var nwkBytes = mac.Payload(Secured);
        if (!NwkFrame.TryDecode(nwkBytes, out var nwk)
            || !NwkFrameSecurity.TryUnsecure(nwkBytes, nwk, cipher, plaintext, out var length)
            || !ApsFrame.TryDecode(plaintext.AsSpan(0, length), out var aps))
        {
            return -1;
        }

        return aps.Header.ClusterId + aps.PayloadLength;
    }
}
