using ZigBee.Nwk.Frames;
using ZigBee.Nwk.Security;

namespace ZigBee.Nwk.Service;

/// <summary>
/// The outcome of the last NWK frame checked and decrypted on this thread, by key and exact bytes received. Every
/// neighbour of a sender hears the same transmission: in a simulated network they all run on one thread, one after the
/// other, and each would otherwise repeat the same CCM* work. Checking a frame is a pure function of the key and the
/// bytes (nonce, a-data, ciphertext and MIC all come from them), so a repeat is answered from here with exactly the
/// result a fresh check gives, refusal included. Freshness (the frame counter) is checked by each receiver before.
/// </summary>
internal sealed class UnsecuredFrameMemo
{
    [ThreadStatic]
    private static UnsecuredFrameMemo? t_current;

    private readonly byte[] _received = new byte[NwkTxOperation.MaxFrameLength];
    private readonly byte[] _plaintext = new byte[NwkTxOperation.MaxFrameLength];
    private int _receivedLength = -1;
    private ZigBeeKey _key;
    private bool _valid;
    private int _plaintextLength;

    public static UnsecuredFrameMemo Current => t_current ??= new UnsecuredFrameMemo();

    /// <summary>As <see cref="NwkFrameSecurity.TryUnsecure"/>, from the memo when these bytes were just checked under this key.</summary>
    public bool TryUnsecure(ReadOnlySpan<byte> frame, in NwkFrame decoded, ZigBeeCipher cipher, Span<byte> plaintext, out int plaintextLength)
    {
        if (frame.Length > _received.Length)
        {
            return NwkFrameSecurity.TryUnsecure(frame, decoded, cipher, plaintext, out plaintextLength);
        }

        if (_receivedLength != frame.Length || _key != cipher.Key || !frame.SequenceEqual(_received.AsSpan(0, _receivedLength)))
        {
            _receivedLength = -1;
            _valid = NwkFrameSecurity.TryUnsecure(frame, decoded, cipher, _plaintext, out _plaintextLength);
            frame.CopyTo(_received);
            _receivedLength = frame.Length;
            _key = cipher.Key;
        }

        plaintextLength = 0;
        if (!_valid || plaintext.Length < _plaintextLength)
        {
            return false;
        }

        _plaintext.AsSpan(0, _plaintextLength).CopyTo(plaintext);
        plaintextLength = _plaintextLength;
        return true;
    }
}
