using ZigBee.Nwk.Security;

namespace ZigBee.XBee.Coordinator;

/// <summary>The network a coordinator dongle forms: what goes into ID, ZS, SC, EE, EO, NK, KY and NJ.</summary>
public sealed record XBeeNetworkSettings
{
    /// <summary>ID: the extended PAN ID (0: the dongle picks one).</summary>
    public ulong ExtendedPanId { get; init; }

    /// <summary>ZS: ZigBee stack profile (2 for ZigBee PRO).</summary>
    public byte StackProfile { get; init; } = 2;

    /// <summary>SC: channels to consider, bit 0 for channel 11 up to bit 15 for channel 26.</summary>
    public ushort ScanChannels { get; init; } = 0x7FFF;

    /// <summary>EE: NWK security.</summary>
    public bool Security { get; init; } = true;

    /// <summary>EO: encryption options (bit 1: the coordinator acts as trust center).</summary>
    public byte EncryptionOptions { get; init; } = 0x02;

    /// <summary>NK: the network key (null: the dongle makes a random one).</summary>
    public ZigBeeKey? NetworkKey { get; init; }

    /// <summary>KY: the trust-center link key (null: left at 0, the dongle's default).</summary>
    public ZigBeeKey? LinkKey { get; init; }

    /// <summary>NJ: seconds joining stays open after forming (0xFF: always).</summary>
    public byte PermitJoinSeconds { get; init; } = 0xFF;

    /// <summary>The scan channels of SC for a single channel 11–26.</summary>
    public static ushort Channel(int channel) =>
        channel is >= 11 and <= 26 ? (ushort)(1 << (channel - 11)) : throw new ArgumentOutOfRangeException(nameof(channel), channel, "channels are 11–26");
}
