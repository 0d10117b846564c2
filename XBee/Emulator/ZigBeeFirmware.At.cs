using ZigBee.Nwk.Security;
using ZigBee.XBee.Frames;

namespace ZigBee.XBee.Emulator;

// The AT commands of the ZigBee firmware a coordinator's host uses (ZigBee RF Modules user guide 90000976, AT commands).
public sealed partial class ZigBeeFirmware
{
    private ZigBeeFirmwareSettings _settings = new();
    private byte _lastLinkQuality;

    /// <summary>The settings as the host set them (applied ones drive the network from the next AC).</summary>
    public ZigBeeFirmwareSettings Settings => _settings;

    protected override AtCommandStatus ExecuteAtCommand(AtCommandName command, ReadOnlySpan<byte> parameter, Span<byte> value, out int valueLength)
    {
        valueLength = 0;
        var read = parameter.IsEmpty;
        switch (command.ToString())
        {
            // Read-only state of the network.
            case "MY":
                return read ? Number(Nwk.IsJoined ? Nwk.NetworkAddress : (ushort)0xFFFE, 2, value, out valueLength) : AtCommandStatus.Error;
            case "OP":
                return read ? Number(Nwk.IsJoined ? Nwk.Nib.ExtendedPanId : 0, 8, value, out valueLength) : AtCommandStatus.Error;
            case "OI":
                return read ? Number(Nwk.IsJoined ? Nwk.Nib.PanId : (ushort)0xFFFF, 2, value, out valueLength) : AtCommandStatus.Error;
            case "CH":
                return read ? Number(Nwk.IsJoined ? Nwk.Nib.LogicalChannel : (byte)0, 1, value, out valueLength) : AtCommandStatus.Error;
            case "AI":
                return read ? Number(AssociationIndication, 1, value, out valueLength) : AtCommandStatus.Error;
            case "NP":
                return read ? Number((ulong)Math.Max(0, Aps.MaxAsduLength), 2, value, out valueLength) : AtCommandStatus.Error;
            case "DB":
                // RSSI of the last packet received, as −dBm: the simulator gives LQI, mapped linearly onto −100…−40 dBm.
                return read ? Number((ulong)(100 - (_lastLinkQuality * 60 / 255)), 1, value, out valueLength) : AtCommandStatus.Error;

            // Network settings.
            case "ID":
                return NumericSetting(parameter, 8, _settings.ExtendedPanId, v => _settings = _settings with { ExtendedPanId = v }, value, out valueLength);
            case "ZS":
                return NumericSetting(parameter, 1, _settings.StackProfile, v => _settings = _settings with { StackProfile = (byte)v }, value, out valueLength, max: 2);
            case "SC":
                return NumericSetting(parameter, 2, _settings.ScanChannels, v => _settings = _settings with { ScanChannels = (ushort)v }, value, out valueLength, min: 1);
            case "EE":
                return NumericSetting(parameter, 1, _settings.EncryptionEnabled ? 1UL : 0, v => _settings = _settings with { EncryptionEnabled = v != 0 }, value, out valueLength, max: 1);
            case "EO":
                return NumericSetting(parameter, 1, _settings.EncryptionOptions, v => _settings = _settings with { EncryptionOptions = (byte)v }, value, out valueLength);
            case "NJ":
                return NumericSetting(parameter, 1, _settings.NodeJoinTime, v => _settings = _settings with { NodeJoinTime = (byte)v }, value, out valueLength);
            case "CE":
                return NumericSetting(parameter, 1, _settings.CoordinatorEnabled ? 1UL : 0, v => _settings = _settings with { CoordinatorEnabled = v != 0 }, value, out valueLength, max: 1);
            case "AO":
                if (!read && parameter.Length == 1 && parameter[0] == 2)
                {
                    return AtCommandStatus.InvalidParameter;
                }

                return NumericSetting(parameter, 1, _settings.ApiOptions, v => _settings = _settings with { ApiOptions = (byte)v }, value, out valueLength, max: 3);
            case "NK":
                return Key(parameter, key => _settings = _settings with { NetworkKey = key });
            case "KY":
                return Key(parameter, key => _settings = _settings with { LinkKey = key });

            case "NT":
                return DiscoveryTimeCommand(parameter, value, out valueLength);

            case "NR":
                if (parameter.Length > 1 || (parameter.Length == 1 && parameter[0] > 1))
                {
                    return AtCommandStatus.InvalidParameter;
                }

                // NR0 resets this node's network; NR1 would ask every node to, which the simulated devices follow too.
                Scheduler.Post(NetworkReset);
                return AtCommandStatus.Ok;

            default:
                return AtCommandStatus.InvalidCommand;
        }
    }

    /// <summary>AI: 0x00 formed, 0xFF still scanning (or forming), 0x2A the coordinator could not start.</summary>
    public byte AssociationIndication { get; private set; } = Scanning;

    private const byte Formed = 0x00;
    private const byte Scanning = 0xFF;
    private const byte CoordinatorStartFailed = 0x2A;

    private static AtCommandStatus Number(ulong number, int bytes, Span<byte> value, out int valueLength)
    {
        valueLength = AtValue.Write(number, bytes, value);
        return AtCommandStatus.Ok;
    }

    /// <summary>NK and KY are write-only: a read answers OK with no value, as the firmware does; 0 means "none set".</summary>
    private static AtCommandStatus Key(ReadOnlySpan<byte> parameter, Action<ZigBeeKey?> set)
    {
        if (parameter.IsEmpty)
        {
            return AtCommandStatus.Ok;
        }

        if (parameter.Length > ZigBeeKey.Length)
        {
            return AtCommandStatus.InvalidParameter;
        }

        // The host writes the key as one big-endian number: right-align it in 16 bytes.
        Span<byte> bytes = stackalloc byte[ZigBeeKey.Length];
        parameter.CopyTo(bytes[(ZigBeeKey.Length - parameter.Length)..]);
        if (bytes.IndexOfAnyExcept((byte)0) < 0)
        {
            set(null);
            return AtCommandStatus.Ok;
        }

        set(ZigBeeKey.Read(bytes));
        return AtCommandStatus.Ok;
    }
}
