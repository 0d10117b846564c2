using ZigBee.Nwk.Security;

namespace ZigBee.Aps.Service;

/// <summary>Whom the trust center admits (§4.6.3.2: the trust center decides whether a joined device gets the network key).</summary>
public enum TrustCenterMode
{
    /// <summary>Every device that joins, under the default global trust-center link key "ZigBeeAlliance09" (or a unique key already held).</summary>
    AllowAll,

    /// <summary>Only devices whose install code the trust center was given, under the link key derived from it.</summary>
    InstallCodeOnly,

    /// <summary>No new device: the network is closed.</summary>
    RefuseAll,
}

/// <summary>The trust center's admission policy and the link keys it was given for devices (install codes).</summary>
public sealed class TrustCenterPolicy
{
    private readonly Dictionary<ulong, ZigBeeKey> _installCodeKeys = new();

    public TrustCenterMode Mode { get; set; } = TrustCenterMode.AllowAll;

    /// <summary>Devices whose install code the trust center knows.</summary>
    public int InstallCodeCount => _installCodeKeys.Count;

    /// <summary>Registers a device's install code (with its CRC); false when the code is not valid.</summary>
    public bool AddInstallCode(ulong device, ReadOnlySpan<byte> installCodeWithCrc)
    {
        if (!InstallCode.TryDeriveLinkKey(installCodeWithCrc, out var key))
        {
            return false;
        }

        _installCodeKeys[device] = key;
        return true;
    }

    /// <summary>
    /// The link key a joining <paramref name="device"/> is admitted under, or false when the policy refuses it.
    /// <paramref name="held"/> is a key the trust center already shares with it (a device that was admitted before).
    /// </summary>
    public bool TryAdmit(ulong device, ZigBeeKey? held, out ZigBeeKey linkKey)
    {
        switch (Mode)
        {
            case TrustCenterMode.AllowAll:
                linkKey = held ?? ZigBeeKey.DefaultTrustCenterLinkKey;
                return true;
            case TrustCenterMode.InstallCodeOnly when held is { } known && known != ZigBeeKey.DefaultTrustCenterLinkKey:
                // A unique key (from its install code, or updated since) was already established with this device.
                linkKey = known;
                return true;
            case TrustCenterMode.InstallCodeOnly:
                return _installCodeKeys.TryGetValue(device, out linkKey);
            default:
                linkKey = default;
                return false;
        }
    }
}
