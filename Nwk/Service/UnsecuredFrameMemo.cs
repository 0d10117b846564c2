using ZigBee.Nwk.Frames;
using ZigBee.Nwk.Security;

namespace ZigBee.Nwk.Service;

/// <summary>
/// Recent NWK frames of this thread with their plaintext, by key and exact bytes on air: those it secured and those
/// it checked. In a simulated network every node runs on one thread, and each frame is secured once by its sender
/// and then heard by every neighbour, which would each repeat the same CCM* work. Checking a frame is a pure
/// function of the key and the bytes (nonce, a-data, ciphertext and MIC all come from them), and a frame secured
/// with a key checks under it to the payload it was made from; so a frame held here is answered with exactly the
/// result a fresh check gives, refusal included. Anything else (another key, one bit changed, an entry overwritten)
/// is checked afresh. Freshness (the frame counter) stays each receiver's own check, made before.
/// </summary>
internal sealed class UnsecuredFrameMemo
{
    /// <summary>Slots, by the sender's address and frame counter: enough for the frames secured but not yet heard.</summary>
    private const int Slots = 256;

    [ThreadStatic]
    private static UnsecuredFrameMemo? t_current;

    private readonly Entry[] _entries = new Entry[Slots];

    public UnsecuredFrameMemo()
    {
        // All made up front: holding and checking frames allocates nothing.
        for (var i = 0; i < _entries.Length; i++)
        {
            _entries[i] = new Entry();
        }
    }

    public static UnsecuredFrameMemo Current => t_current ??= new UnsecuredFrameMemo();

    /// <summary>
    /// Notes a frame this thread just secured: <paramref name="frame"/> as it goes on air, secured under
    /// <paramref name="key"/> from <paramref name="plaintext"/>, its payload in the clear.
    /// </summary>
    public void Secured(ReadOnlySpan<byte> frame, in NwkAuxiliarySecurityHeader aux, ZigBeeKey key, ReadOnlySpan<byte> plaintext)
    {
        if (frame.Length > NwkTxOperation.MaxFrameLength || plaintext.Length > NwkTxOperation.MaxFrameLength)
        {
            return;
        }

        var entry = _entries[SlotOf(aux)];
        entry.Store(frame, key, valid: true, plaintext);
    }

    /// <summary>As <see cref="NwkFrameSecurity.TryUnsecure"/>, from a held entry when these bytes are held under this key.</summary>
    public bool TryUnsecure(ReadOnlySpan<byte> frame, in NwkFrame decoded, ZigBeeCipher cipher, Span<byte> plaintext, out int plaintextLength)
    {
        if (frame.Length > NwkTxOperation.MaxFrameLength || decoded.Header.Security is not { } aux)
        {
            return NwkFrameSecurity.TryUnsecure(frame, decoded, cipher, plaintext, out plaintextLength);
        }

        var entry = _entries[SlotOf(aux)];
        if (!entry.Holds(frame, cipher.Key))
        {
            var valid = NwkFrameSecurity.TryUnsecure(frame, decoded, cipher, entry.Scratch, out var length);
            entry.Store(frame, cipher.Key, valid, entry.Scratch.AsSpan(0, length));
        }

        return entry.CopyOut(plaintext, out plaintextLength);
    }

    private static int SlotOf(in NwkAuxiliarySecurityHeader aux) =>
        (int)((aux.FrameCounter ^ (uint)aux.SourceAddress ^ (uint)(aux.SourceAddress >> 32)) % Slots);

    private sealed class Entry
    {
        private readonly byte[] _frame = new byte[NwkTxOperation.MaxFrameLength];
        private readonly byte[] _plaintext = new byte[NwkTxOperation.MaxFrameLength];
        private int _frameLength = -1;
        private ZigBeeKey _key;
        private bool _valid;
        private int _plaintextLength;

        /// <summary>Where a fresh check writes its plaintext before it is stored.</summary>
        public byte[] Scratch { get; } = new byte[NwkTxOperation.MaxFrameLength];

        public bool Holds(ReadOnlySpan<byte> frame, ZigBeeKey key) =>
            _frameLength == frame.Length && _key == key && frame.SequenceEqual(_frame.AsSpan(0, _frameLength));

        public void Store(ReadOnlySpan<byte> frame, ZigBeeKey key, bool valid, ReadOnlySpan<byte> plaintext)
        {
            frame.CopyTo(_frame);
            _frameLength = frame.Length;
            _key = key;
            _valid = valid;
            _plaintextLength = valid ? plaintext.Length : 0;
            plaintext[.._plaintextLength].CopyTo(_plaintext);
        }

        public bool CopyOut(Span<byte> plaintext, out int plaintextLength)
        {
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
}
