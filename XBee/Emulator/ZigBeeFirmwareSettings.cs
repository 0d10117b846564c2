using ZigBee.Nwk.Security;

namespace ZigBee.XBee.Emulator;

/// <summary>
/// The ZigBee firmware's settings as AT commands set them (defaults as the module ships). Which of them define the
/// network: <see cref="Network"/>; a change there makes a formed coordinator leave and form again at the next apply.
/// </summary>
public sealed record ZigBeeFirmwareSettings
{
    /// <summary>ID: the extended PAN ID to form (0: a random one).</summary>
    public ulong ExtendedPanId { get; init; }

    /// <summary>ZS: the ZigBee stack profile (0–2).</summary>
    public byte StackProfile { get; init; }

    /// <summary>SC: channels to scan, bit 0 for channel 11 up to bit 15 for channel 26.</summary>
    public ushort ScanChannels { get; init; } = 0x7FFF;

    /// <summary>EE: network security on.</summary>
    public bool EncryptionEnabled { get; init; }

    /// <summary>EO: encryption options (bit 1: act as trust center, as a coordinator always does here).</summary>
    public byte EncryptionOptions { get; init; }

    /// <summary>NK: the network key to use (null: NK = 0, a random key at formation).</summary>
    public ZigBeeKey? NetworkKey { get; init; }

    /// <summary>KY: the trust-center link key written by the host (null: KY = 0).</summary>
    public ZigBeeKey? LinkKey { get; init; }

    /// <summary>NJ: seconds the coordinator permits joining after forming or an apply (0xFF: always).</summary>
    public byte NodeJoinTime { get; init; } = 0xFF;

    /// <summary>CE: this module is the coordinator.</summary>
    public bool CoordinatorEnabled { get; init; }

    /// <summary>AO: 0 native (0x90), 1 explicit (0x91), 3 explicit with ZDO pass-through.</summary>
    public byte ApiOptions { get; init; }

    /// <summary>The settings that define the network a coordinator forms.</summary>
    internal (ulong, byte, ushort, bool, byte, ZigBeeKey?, ZigBeeKey?, bool) Network =>
        (ExtendedPanId, StackProfile, ScanChannels, EncryptionEnabled, EncryptionOptions, NetworkKey, LinkKey, CoordinatorEnabled);

    /// <summary>The channel mask of SC in the spec's form (bit n for channel n).</summary>
    public uint ChannelMask => (uint)ScanChannels << 11;
}
