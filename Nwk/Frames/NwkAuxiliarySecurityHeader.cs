using System.Buffers.Binary;

namespace ZigBee.Nwk.Frames;

/// <summary>
/// The ZigBee auxiliary frame header of a secured NWK frame (§4.5.1): security control (level bits 0–2, key identifier
/// bits 3–4, extended nonce bit 5, reserved bits 6–7), frame counter, the source IEEE address when the extended nonce
/// bit is set, and the key sequence number when the key identifier is the network key. Encoding writes exactly the
/// fields the security control announces.
/// </summary>
public readonly record struct NwkAuxiliarySecurityHeader(
    byte SecurityControl,
    uint FrameCounter,
    ulong SourceAddress = 0,
    byte KeySequenceNumber = 0)
{
    /// <summary>
    /// Bytes of MIC that end a secured NWK frame: ZigBee PRO uses nwkSecurityLevel 5 (ENC-MIC-32) and overwrites the
    /// level on air with 0 (§4.3.1.1), so the on-air level does not give the MIC length.
    /// </summary>
    public const int MicLength = 4;

    /// <summary>Security level as sent, bits 0–2 (0 in ZigBee PRO frames, see <see cref="MicLength"/>).</summary>
    public int SecurityLevel => SecurityControl & 0x7;

    /// <summary>Bits 3–4.</summary>
    public NwkKeyIdentifier KeyIdentifier => (NwkKeyIdentifier)((SecurityControl >> 3) & 0x3);

    /// <summary>Bit 5: the source IEEE address is in this header.</summary>
    public bool ExtendedNonce => (SecurityControl & 0x20) != 0;

    /// <summary>Bits 6–7, reserved.</summary>
    public int ReservedBits => SecurityControl >> 6;

    /// <summary>True when <see cref="KeySequenceNumber"/> is on air (key identifier = network key).</summary>
    public bool HasKeySequenceNumber => KeyIdentifier == NwkKeyIdentifier.NetworkKey;

    /// <summary>Bytes this header takes on air.</summary>
    public int Length => 5 + (ExtendedNonce ? 8 : 0) + (HasKeySequenceNumber ? 1 : 0);

    /// <summary>The security control field for a level, key identifier and extended nonce bit.</summary>
    public static byte CreateSecurityControl(int securityLevel, NwkKeyIdentifier keyIdentifier, bool extendedNonce) =>
        (byte)((securityLevel & 0x7) | (((int)keyIdentifier & 0x3) << 3) | (extendedNonce ? 0x20 : 0));

    /// <summary>A network-key header as ZigBee PRO sends it: level 0 on air, extended nonce with the source address.</summary>
    public static NwkAuxiliarySecurityHeader NetworkKey(uint frameCounter, ulong sourceAddress, byte keySequenceNumber) =>
        new(CreateSecurityControl(0, NwkKeyIdentifier.NetworkKey, extendedNonce: true), frameCounter, sourceAddress, keySequenceNumber);

    /// <summary>Reads the header at the start of <paramref name="data"/>; false when truncated. Never throws.</summary>
    public static bool TryRead(ReadOnlySpan<byte> data, out NwkAuxiliarySecurityHeader header, out int length)
    {
        header = default;
        length = 0;
        if (data.Length < 5)
        {
            return false;
        }

        var control = data[0];
        var extendedNonce = (control & 0x20) != 0;
        var hasKeySequence = ((control >> 3) & 0x3) == (int)NwkKeyIdentifier.NetworkKey;
        var needed = 5 + (extendedNonce ? 8 : 0) + (hasKeySequence ? 1 : 0);
        if (data.Length < needed)
        {
            return false;
        }

        var counter = BinaryPrimitives.ReadUInt32LittleEndian(data[1..]);
        var source = extendedNonce ? BinaryPrimitives.ReadUInt64LittleEndian(data[5..]) : 0UL;
        var keySequence = hasKeySequence ? data[needed - 1] : (byte)0;
        header = new NwkAuxiliarySecurityHeader(control, counter, source, keySequence);
        length = needed;
        return true;
    }

    /// <summary>Writes the header into <paramref name="destination"/>; returns its length.</summary>
    public int Write(Span<byte> destination)
    {
        var length = Length;
        if (destination.Length < length)
        {
            throw new ArgumentException($"destination holds {destination.Length} bytes; the security header needs {length}", nameof(destination));
        }

        destination[0] = SecurityControl;
        BinaryPrimitives.WriteUInt32LittleEndian(destination[1..], FrameCounter);
        if (ExtendedNonce)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(destination[5..], SourceAddress);
        }

        if (HasKeySequenceNumber)
        {
            destination[length - 1] = KeySequenceNumber;
        }

        return length;
    }
}
