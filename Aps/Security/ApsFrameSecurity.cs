using ZigBee.Aps.Frames;
using ZigBee.Nwk.Frames;
using ZigBee.Nwk.Security;

namespace ZigBee.Aps.Security;

/// <summary>
/// Securing and unsecuring APS frames (§4.4.1): CCM* level 5; a-data = APS header ‖ auxiliary header with the level
/// patched to 5; nonce source = the auxiliary header's source address when the extended nonce bit is set, else the
/// IEEE address of the NWK source (which the caller knows from the NWK header or its address map). The key identifier
/// of the auxiliary header says which key: the link key (data key), the network key, or a key derived from the link key
/// (key-transport, key-load; see <see cref="ApsLinkKeyCiphers"/>).
/// </summary>
public static class ApsFrameSecurity
{
    /// <summary>
    /// <paramref name="frame"/>[..<paramref name="length"/>] is an encoded APS frame whose header ends with its auxiliary
    /// header (level 0 on air) at <paramref name="auxOffset"/>, plaintext payload from <paramref name="payloadOffset"/>
    /// to <paramref name="length"/>. Encrypts the payload in place with <paramref name="cipher"/> and writes the MIC
    /// after it; returns <paramref name="length"/> + 4. <paramref name="sourceIeee"/> is this device's IEEE address,
    /// used for the nonce when the auxiliary header does not carry it.
    /// </summary>
    public static int Secure(Span<byte> frame, int auxOffset, int payloadOffset, int length, ulong sourceIeee, ZigBeeCipher cipher)
    {
        ArgumentNullException.ThrowIfNull(cipher);
        if (auxOffset < 0 || payloadOffset <= auxOffset || length < payloadOffset || frame.Length < length + ZigBeeCipher.MicLength)
        {
            throw new ArgumentException($"frame of {frame.Length} octets cannot hold aux header at {auxOffset}, payload {payloadOffset}..{length} and a MIC");
        }

        if (!NwkAuxiliarySecurityHeader.TryRead(frame[auxOffset..payloadOffset], out var aux, out var auxLength) || auxOffset + auxLength != payloadOffset)
        {
            throw new ArgumentException("the auxiliary security header does not end where the payload starts", nameof(payloadOffset));
        }

        NwkFrameSecurity.SecurePayload(frame, auxOffset, payloadOffset, length, aux.ExtendedNonce ? aux.SourceAddress : sourceIeee, aux, cipher);
        return length + ZigBeeCipher.MicLength;
    }

    /// <summary>As <see cref="Secure(Span{byte}, int, int, int, ulong, ZigBeeCipher)"/>, with the cipher the auxiliary header's key identifier names.</summary>
    public static int Secure(Span<byte> frame, int auxOffset, int payloadOffset, int length, ulong sourceIeee, ApsLinkKeyCiphers linkKey, ZigBeeCipher? networkKey = null)
    {
        ArgumentNullException.ThrowIfNull(linkKey);
        if (auxOffset < 0 || auxOffset >= frame.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(auxOffset));
        }

        var keyIdentifier = (NwkKeyIdentifier)((frame[auxOffset] >> 3) & 0x3);
        var cipher = Select(keyIdentifier, linkKey, networkKey)
            ?? throw new ArgumentException("the frame asks for the network key and none was given", nameof(networkKey));
        return Secure(frame, auxOffset, payloadOffset, length, sourceIeee, cipher);
    }

    /// <summary>
    /// Checks the MIC of a secured APS frame (decoded with <see cref="ApsFrame.TryDecode(ReadOnlySpan{byte}, out ApsFrame)"/>)
    /// and writes its plaintext payload into <paramref name="plaintext"/>. <paramref name="nwkSourceIeee"/> is the IEEE
    /// address of the NWK source, used when the auxiliary header has no extended nonce. False when the frame is not
    /// secured, does not fit, or the MIC fails. Never throws on hostile input; allocation-free.
    /// </summary>
    public static bool TryUnsecure(ReadOnlySpan<byte> frame, in ApsFrame decoded, ulong nwkSourceIeee, ZigBeeCipher cipher, Span<byte> plaintext, out int plaintextLength)
    {
        plaintextLength = 0;
        if (cipher is null || decoded.Header.Security is not { } aux)
        {
            return false;
        }

        var source = aux.ExtendedNonce ? aux.SourceAddress : nwkSourceIeee;
        return NwkFrameSecurity.TryUnsecurePayload(frame, decoded.PayloadOffset - aux.Length, decoded.PayloadOffset, decoded.PayloadLength, source, aux, cipher, plaintext, out plaintextLength);
    }

    /// <summary>As <see cref="TryUnsecure(ReadOnlySpan{byte}, in ApsFrame, ulong, ZigBeeCipher, Span{byte}, out int)"/>, with the cipher the key identifier names (false when it names the network key and none is given).</summary>
    public static bool TryUnsecure(ReadOnlySpan<byte> frame, in ApsFrame decoded, ulong nwkSourceIeee, ApsLinkKeyCiphers linkKey, ZigBeeCipher? networkKey, Span<byte> plaintext, out int plaintextLength)
    {
        plaintextLength = 0;
        if (linkKey is null || decoded.Header.Security is not { } aux || Select(aux.KeyIdentifier, linkKey, networkKey) is not { } cipher)
        {
            return false;
        }

        return TryUnsecure(frame, decoded, nwkSourceIeee, cipher, plaintext, out plaintextLength);
    }

    /// <summary>The cipher for a key identifier: a link key or one derived from it, or the network key.</summary>
    public static ZigBeeCipher? Select(NwkKeyIdentifier keyIdentifier, ApsLinkKeyCiphers linkKey, ZigBeeCipher? networkKey)
    {
        ArgumentNullException.ThrowIfNull(linkKey);
        return keyIdentifier == NwkKeyIdentifier.NetworkKey ? networkKey : linkKey.For(keyIdentifier);
    }
}
