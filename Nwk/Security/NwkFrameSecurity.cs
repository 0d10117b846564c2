using ZigBee.Nwk.Frames;

namespace ZigBee.Nwk.Security;

/// <summary>
/// Securing and unsecuring NWK frames (§4.3.1): CCM* level 5 with the network key; nonce from the auxiliary header
/// (source IEEE address, frame counter, security control with the level patched to 5); a-data = NWK header ‖ auxiliary
/// header with the same patched byte; the payload is encrypted and a 4-octet MIC ends the frame.
/// </summary>
public static class NwkFrameSecurity
{
    /// <summary>Longest NWK header with its auxiliary header that fits an 802.15.4 frame.</summary>
    private const int MaxHeader = 127;

    /// <summary>
    /// <paramref name="frame"/>[..<paramref name="length"/>] is an encoded NWK frame whose header ends with its auxiliary
    /// header (level 0 on air, extended nonce set) at <paramref name="auxOffset"/> and whose plaintext payload runs from
    /// <paramref name="payloadOffset"/> to <paramref name="length"/>. Encrypts the payload in place and writes the MIC
    /// after it; returns <paramref name="length"/> + 4. The level byte stays as it was on air.
    /// </summary>
    public static int Secure(Span<byte> frame, int auxOffset, int payloadOffset, int length, ZigBeeCipher cipher)
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

        if (!aux.ExtendedNonce)
        {
            throw new ArgumentException("NWK frames carry the source IEEE address in the auxiliary header (extended nonce, §4.3.1.1)", nameof(frame));
        }

        SecurePayload(frame, auxOffset, payloadOffset, length, aux.SourceAddress, aux, cipher);
        return length + ZigBeeCipher.MicLength;
    }

    /// <summary>
    /// Checks the MIC of a secured NWK frame (decoded with <see cref="NwkFrame.TryDecode(ReadOnlySpan{byte}, out NwkFrame)"/>)
    /// and writes its plaintext payload into <paramref name="plaintext"/>; false when the frame is not secured, does not
    /// fit, carries no source IEEE address for the nonce, or the MIC fails. Never throws on hostile input; allocation-free.
    /// </summary>
    public static bool TryUnsecure(ReadOnlySpan<byte> frame, in NwkFrame decoded, ZigBeeCipher cipher, Span<byte> plaintext, out int plaintextLength)
    {
        plaintextLength = 0;
        if (cipher is null || decoded.Header.Security is not { } aux)
        {
            return false;
        }

        ulong source;
        if (aux.ExtendedNonce)
        {
            source = aux.SourceAddress;
        }
        else if (decoded.Header.SourceIeeeAddress is { } nwkSource)
        {
            source = nwkSource;
        }
        else
        {
            return false;
        }

        return TryUnsecurePayload(frame, decoded.PayloadOffset - aux.Length, decoded.PayloadOffset, decoded.PayloadLength, source, aux, cipher, plaintext, out plaintextLength);
    }

    /// <summary>
    /// The step NWK and APS securing share: encrypts frame[payloadOffset..length] in place with a-data = frame[..payloadOffset]
    /// (the auxiliary header at <paramref name="auxOffset"/> patched to level 5 meanwhile) and writes the MIC after it.
    /// </summary>
    public static void SecurePayload(Span<byte> frame, int auxOffset, int payloadOffset, int length, ulong source, in NwkAuxiliarySecurityHeader aux, ZigBeeCipher cipher)
    {
        ArgumentNullException.ThrowIfNull(cipher);
        if (auxOffset < 0 || payloadOffset <= auxOffset || length < payloadOffset || frame.Length < length + ZigBeeCipher.MicLength)
        {
            throw new ArgumentException($"frame of {frame.Length} octets cannot hold aux header at {auxOffset}, payload {payloadOffset}..{length} and a MIC");
        }

        Span<byte> nonce = stackalloc byte[ZigBeeNonce.Length];
        ZigBeeNonce.Write(nonce, source, aux.FrameCounter, aux.SecurityControl);
        var onAir = frame[auxOffset];
        frame[auxOffset] = ZigBeeNonce.PatchLevel(onAir);
        try
        {
            var payload = frame[payloadOffset..length];
            cipher.Encrypt(nonce, frame[..payloadOffset], payload, payload, frame.Slice(length, ZigBeeCipher.MicLength));
        }
        finally
        {
            frame[auxOffset] = onAir;
        }
    }

    /// <summary>The step NWK and APS unsecuring share: checks and decrypts a payload whose header (ending with the auxiliary header) is frame[..payloadOffset]. Never throws.</summary>
    public static bool TryUnsecurePayload(
        ReadOnlySpan<byte> frame, int auxOffset, int payloadOffset, int payloadLength, ulong source, in NwkAuxiliarySecurityHeader aux,
        ZigBeeCipher cipher, Span<byte> plaintext, out int plaintextLength)
    {
        plaintextLength = 0;
        if (auxOffset < 0 || payloadOffset <= auxOffset || payloadOffset > MaxHeader || payloadLength < 0
            || (long)payloadOffset + payloadLength + ZigBeeCipher.MicLength > frame.Length || plaintext.Length < payloadLength)
        {
            return false;
        }

        Span<byte> nonce = stackalloc byte[ZigBeeNonce.Length];
        ZigBeeNonce.Write(nonce, source, aux.FrameCounter, aux.SecurityControl);
        var micOffset = payloadOffset + payloadLength;
        if (!cipher.TryDecryptPatched(nonce, frame[..payloadOffset], auxOffset, ZigBeeNonce.PatchLevel(frame[auxOffset]),
                frame.Slice(payloadOffset, payloadLength), frame.Slice(micOffset, ZigBeeCipher.MicLength), plaintext))
        {
            return false;
        }

        plaintextLength = payloadLength;
        return true;
    }
}
