using ZigBee.Aps.Frames;
using ZigBee.Aps.Security;
using ZigBee.Mac.Frames;
using ZigBee.Nwk.Frames;
using ZigBee.Nwk.Security;

namespace ZigBee.Cli.Decode;

/// <summary>
/// The keys `zigbee decode --key` was given, used as Wireshark uses its key table: every key is tried as the network
/// key of a NWK-secured frame (the key sequence number does not pick one) and as the link key of an APS-secured frame
/// (with its derived key-transport or key-load key when the auxiliary header's key identifier says so). Like
/// Wireshark, keys carried by transport-key commands that decode are learned, and so are IEEE addresses of NWK
/// sources, which an APS nonce needs when its auxiliary header has no extended nonce.
/// </summary>
public sealed class FrameDecryptor : IDisposable
{
    private const int MaxFrame = 127;
    private readonly List<ZigBeeCipher> networkKeys = [];
    private readonly List<ApsLinkKeyCiphers> linkKeys = [];
    private readonly Dictionary<ushort, ulong> ieeeOfShort = [];
    private readonly byte[] nwkPlaintext = new byte[MaxFrame];
    private readonly byte[] apsPlaintext = new byte[MaxFrame];

    public FrameDecryptor(IEnumerable<ZigBeeKey> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        foreach (var key in keys)
        {
            LearnNetworkKey(key);
            LearnLinkKey(key);
        }
    }

    /// <summary>The plaintext payload of the last NWK frame <see cref="TryDecryptNwk"/> decrypted.</summary>
    public ReadOnlySpan<byte> NwkPlaintext(int length) => nwkPlaintext.AsSpan(0, length);

    /// <summary>The plaintext payload of the last APS frame <see cref="TryDecryptAps"/> decrypted.</summary>
    public ReadOnlySpan<byte> ApsPlaintext(int length) => apsPlaintext.AsSpan(0, length);

    /// <summary>Notes the addresses a decoded NWK frame reveals: NWK source and its IEEE address, MAC source and the aux header's.</summary>
    public void Observe(in MacFrame mac, in NwkFrame nwk)
    {
        var header = nwk.Header;
        if (header.IsInterPan)
        {
            return;
        }

        if (header.SourceIeeeAddress is { } source64)
        {
            ieeeOfShort[header.SourceAddress] = source64;
        }

        // NWK security is applied hop by hop: the aux header's source is the device that sent this hop (the MAC source).
        if (header.Security is { ExtendedNonce: true } aux && mac.Header.Source.Mode == MacAddressingMode.Short)
        {
            ieeeOfShort[mac.Header.Source.Short] = aux.SourceAddress;
        }
    }

    /// <summary>Tries every network key on a NWK-secured frame; the payload lands in <see cref="NwkPlaintext"/>.</summary>
    public bool TryDecryptNwk(ReadOnlySpan<byte> nwk, in NwkFrame frame, out int length)
    {
        length = 0;
        foreach (var cipher in networkKeys)
        {
            if (NwkFrameSecurity.TryUnsecure(nwk, frame, cipher, nwkPlaintext, out length))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Tries every link key (or its derived key, or every network key, as the key identifier says) on an APS-secured
    /// frame carried by <paramref name="nwk"/>; the payload lands in <see cref="ApsPlaintext"/>.
    /// </summary>
    public bool TryDecryptAps(ReadOnlySpan<byte> aps, in ApsFrame frame, in NwkFrame nwk, out int length)
    {
        length = 0;
        if (frame.Header.Security is not { } aux)
        {
            return false;
        }

        ulong source = 0;
        if (!aux.ExtendedNonce)
        {
            if (nwk.Header.SourceIeeeAddress is { } source64)
            {
                source = source64;
            }
            else if (nwk.Header.IsInterPan || !ieeeOfShort.TryGetValue(nwk.Header.SourceAddress, out source))
            {
                return false;
            }
        }

        if (aux.KeyIdentifier == NwkKeyIdentifier.NetworkKey)
        {
            foreach (var cipher in networkKeys)
            {
                if (ApsFrameSecurity.TryUnsecure(aps, frame, source, cipher, apsPlaintext, out length))
                {
                    return true;
                }
            }

            return false;
        }

        foreach (var link in linkKeys)
        {
            if (ApsFrameSecurity.TryUnsecure(aps, frame, source, link, null, apsPlaintext, out length))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Learns the key of a transport-key command (plaintext APS command payload), as Wireshark does.</summary>
    public void LearnFrom(ReadOnlySpan<byte> apsCommandPayload)
    {
        if (!TransportKeyCommand.TryDecode(apsCommandPayload, out var command))
        {
            return;
        }

        var key = command.Key.ToZigBeeKey();
        if (command.KeyType == ApsKeyType.StandardNetworkKey)
        {
            LearnNetworkKey(key);
        }
        else
        {
            LearnLinkKey(key);
        }
    }

    public void Dispose()
    {
        foreach (var cipher in networkKeys)
        {
            cipher.Dispose();
        }

        foreach (var link in linkKeys)
        {
            link.Dispose();
        }
    }

    private void LearnNetworkKey(ZigBeeKey key)
    {
        foreach (var known in networkKeys)
        {
            if (known.Key == key)
            {
                return;
            }
        }

        networkKeys.Add(new ZigBeeCipher(key));
    }

    private void LearnLinkKey(ZigBeeKey key)
    {
        foreach (var known in linkKeys)
        {
            if (known.LinkKey == key)
            {
                return;
            }
        }

        linkKeys.Add(new ApsLinkKeyCiphers(key));
    }
}
