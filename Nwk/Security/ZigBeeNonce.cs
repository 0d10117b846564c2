using System.Buffers.Binary;

namespace ZigBee.Nwk.Security;

/// <summary>The CCM* nonce of a secured NWK or APS frame (§4.5.2.2).</summary>
public static class ZigBeeNonce
{
    public const int Length = 13;

    /// <summary>
    /// Source IEEE address as on air (little-endian) ‖ frame counter (little-endian) ‖ security control with the level
    /// patched to 5: ZigBee PRO sends level 0 on air but secures with nwkSecurityLevel 5 (§4.3.1.1).
    /// </summary>
    public static void Write(Span<byte> nonce, ulong sourceIeee, uint frameCounter, byte securityControl)
    {
        if (nonce.Length < Length)
        {
            throw new ArgumentException($"nonce holds {nonce.Length} octets; needs {Length}", nameof(nonce));
        }

        BinaryPrimitives.WriteUInt64LittleEndian(nonce, sourceIeee);
        BinaryPrimitives.WriteUInt32LittleEndian(nonce[8..], frameCounter);
        nonce[12] = PatchLevel(securityControl);
    }

    /// <summary>The security control byte with its level field (bits 0–2) set to 5 (ENC-MIC-32).</summary>
    public static byte PatchLevel(byte securityControl) => (byte)((securityControl & ~0x07) | ZigBeeCipher.SecurityLevel);
}
