using ZigBee.Nwk.Security;

namespace ZigBee.Nwk.Nib;

/// <summary>
/// nwkSecurityMaterialSet with nwkActiveKeySeqNumber (§4.3.1): the active network key and an alternate one. A key
/// installed with <see cref="SetAlternate"/> waits until <see cref="Switch"/> (APSME-SWITCH-KEY, or the first frame
/// received under it, §4.3.1.2); the key it replaces stays as the previous key, still accepted on receive so frames
/// secured by devices that have not switched yet are not lost, but never switched back to.
/// </summary>
public sealed class NwkSecurityMaterialSet : IDisposable
{
    private readonly int _incomingCapacity;

    internal NwkSecurityMaterialSet(int incomingCapacity) => _incomingCapacity = incomingCapacity;

    /// <summary>The key frames are secured with; null before a network key arrived.</summary>
    public NwkSecurityMaterialDescriptor? Active { get; private set; }

    /// <summary>The other key held: an alternate waiting to be switched to, or the previous active key.</summary>
    public NwkSecurityMaterialDescriptor? Alternate { get; private set; }

    /// <summary>True when <see cref="Alternate"/> is a new key not yet switched to (a frame under it makes this device switch).</summary>
    public bool AlternatePending { get; private set; }

    /// <summary>Raised after the active or alternate key changed.</summary>
    internal event Action? Changed;

    /// <summary>nwkActiveKeySeqNumber; 0 before a key arrived.</summary>
    public byte ActiveKeySeqNumber => Active?.KeySeqNumber ?? 0;

    /// <summary>The descriptor with <paramref name="keySeqNumber"/>, or null.</summary>
    public NwkSecurityMaterialDescriptor? Find(byte keySeqNumber) =>
        Active?.KeySeqNumber == keySeqNumber ? Active
        : Alternate?.KeySeqNumber == keySeqNumber ? Alternate
        : null;

    /// <summary>Makes <paramref name="key"/> the active key (a preconfigured key, or the first one transported); the old active becomes the previous key.</summary>
    internal void InstallActive(ZigBeeKey key, byte keySeqNumber)
    {
        if (Active is { } active && active.KeySeqNumber == keySeqNumber && active.Key == key)
        {
            return;
        }

        var previous = Active;
        Active = new NwkSecurityMaterialDescriptor(key, keySeqNumber, _incomingCapacity);
        Alternate?.Dispose();
        Alternate = null;
        AlternatePending = false;
        if (previous is not null && previous.KeySeqNumber != keySeqNumber)
        {
            Alternate = previous;
        }
        else
        {
            previous?.Dispose();
        }

        Changed?.Invoke();
    }

    /// <summary>Holds <paramref name="key"/> as the alternate key, to be switched to later.</summary>
    internal void SetAlternate(ZigBeeKey key, byte keySeqNumber)
    {
        if (Active?.KeySeqNumber == keySeqNumber)
        {
            throw new ArgumentException($"key sequence number {keySeqNumber} is the active key's", nameof(keySeqNumber));
        }

        Alternate?.Dispose();
        Alternate = new NwkSecurityMaterialDescriptor(key, keySeqNumber, _incomingCapacity);
        AlternatePending = true;
        Changed?.Invoke();
    }

    /// <summary>Makes the alternate key with <paramref name="keySeqNumber"/> active; false when no such alternate is held.</summary>
    internal bool Switch(byte keySeqNumber)
    {
        if (Alternate is not { } next || next.KeySeqNumber != keySeqNumber)
        {
            return false;
        }

        Alternate = Active;
        AlternatePending = false;
        Active = next;
        Changed?.Invoke();
        return true;
    }

    /// <summary>Forgets every key (a device that leaves with no rejoin).</summary>
    internal void Clear()
    {
        Active?.Dispose();
        Alternate?.Dispose();
        Active = null;
        Alternate = null;
        AlternatePending = false;
        Changed?.Invoke();
    }

    public void Dispose() => Clear();
}
