using ZigBee.Aps.Service;
using ZigBee.Nwk.Security;
using ZigBee.Nwk.Service;
using ZigBee.Nwk.Service.Primitives;
using ZigBee.XBee.Frames;

namespace ZigBee.XBee.Emulator;

// Forming the network when the settings are applied (CE=1 then AC), leaving it (CE=0, NR), permit joining (NJ),
// and the simulated devices that join it.
public sealed partial class ZigBeeFirmware
{
    private (ulong, byte, ushort, bool, byte, ZigBeeKey?, ZigBeeKey?, bool)? _appliedNetwork;
    private bool _forming;

    /// <summary>How long a coordinator that could not start waits before it tries again.</summary>
    private static readonly TimeSpan FormationRetryInterval = TimeSpan.FromSeconds(10);

    /// <summary>Formations completed since power-up (each one ends with modem status "coordinator started").</summary>
    public int Formations { get; private set; }

    /// <summary>
    /// AC: a coordinator (CE=1) forms its network when it has none, or leaves and forms again when a setting that
    /// defines the network changed (ID, ZS, SC, EE, EO, NK, KY); NJ opens joining again for its time.
    /// </summary>
    protected override void ApplyChanges()
    {
        var wanted = _settings.Network;
        if (_forming)
        {
            // The formation in progress looks at the settings again when it ends.
            return;
        }

        if (!_settings.CoordinatorEnabled)
        {
            _appliedNetwork = wanted;
            if (Nwk.IsJoined)
            {
                // Not a coordinator any more: it leaves; joining as a router is not emulated, so it keeps scanning.
                AssociationIndication = Scanning;
                Observe(Nwk.ResetAsync(warmStart: false));
            }

            return;
        }

        if (!Nwk.IsJoined || wanted != _appliedNetwork)
        {
            StartFormation();
            return;
        }

        Observe(ApplyPermitJoiningAsync());
    }

    /// <summary>NR: the coordinator leaves its network and, being a coordinator still, forms a new one.</summary>
    private void NetworkReset()
    {
        if (_forming)
        {
            return;
        }

        if (_settings.CoordinatorEnabled)
        {
            StartFormation();
            return;
        }

        AssociationIndication = Scanning;
        Observe(Nwk.ResetAsync(warmStart: false));
    }

    private void StartFormation()
    {
        _forming = true;
        AssociationIndication = Scanning;
        Observe(FormAsync());
    }

    private async Task FormAsync()
    {
        try
        {
            while (true)
            {
                var settings = _settings;
                if (Nwk.IsJoined)
                {
                    SendModemStatus(ModemStatus.Disassociated);
                    await Nwk.ResetAsync(warmStart: false);
                }

                if (!settings.CoordinatorEnabled)
                {
                    // CE was cleared while it formed: no coordinator, no network.
                    _appliedNetwork = settings.Network;
                    return;
                }

                // The simulated devices follow the network reset and come back factory-new (as NR1 has every node
                // reset): routers of the old network beaconing its extended PAN ID would keep a coordinator with a
                // fixed ID from forming, and their frame counters would not match the new network's.
                await RetireDevicesAsync();

                // EE: NWK security on with the trust center's network key, NK or a random one.
                Nwk.Nib.SecurityLevel = settings.EncryptionEnabled ? (byte)5 : (byte)0;
                if (settings.EncryptionEnabled)
                {
                    Nwk.InstallNetworkKey(settings.NetworkKey ?? RandomKey(), 0);
                }

                var extendedPanId = settings.ExtendedPanId;
                while (extendedPanId == 0)
                {
                    extendedPanId = (ulong)_random.NextInt64();
                }

                // Many-to-one routing, as the firmware's AR setting gives it: route records come in (0xA1) and source
                // routes (0x21) take effect.
                Nwk.Nib.IsConcentrator = true;
                var formed = await Nwk.NetworkFormationAsync(new NlmeNetworkFormationRequest(settings.ChannelMask, ExtendedPanId: extendedPanId));
                if (settings.Network != _settings.Network)
                {
                    // Changed while it was forming: form with what the host wants now.
                    continue;
                }

                _appliedNetwork = settings.Network;
                if (formed.Status != NwkStatus.Success)
                {
                    // The firmware keeps trying while it is a coordinator.
                    AssociationIndication = CoordinatorStartFailed;
                    Scheduler.Schedule(FormationRetryInterval, () =>
                    {
                        if (!_forming && !Nwk.IsJoined && _settings.CoordinatorEnabled)
                        {
                            StartFormation();
                        }
                    });
                    return;
                }

                if (settings.EncryptionEnabled)
                {
                    Aps.StartTrustCenter(new TrustCenterPolicy { Mode = TrustCenterMode.AllowAll }, NodeSeed(0));
                }

                AssociationIndication = Formed;
                Formations++;
                SendModemStatus(ModemStatus.CoordinatorStarted);
                await ApplyPermitJoiningAsync();
                StartDevices(settings.EncryptionEnabled, settings.LinkKey);
                return;
            }
        }
        finally
        {
            _forming = false;
        }
    }

    private ZigBeeKey RandomKey()
    {
        Span<byte> bytes = stackalloc byte[ZigBeeKey.Length];
        _random.NextBytes(bytes);
        return ZigBeeKey.Read(bytes);
    }

    private async Task ApplyPermitJoiningAsync()
    {
        if (Nwk.IsJoined)
        {
            await Nwk.PermitJoiningAsync(_settings.NodeJoinTime);
        }
    }

    /// <summary>
    /// Powers the simulated devices up, configured for the network's security as an installer would (EE, and KY as
    /// their trust-center link key; KY = 0 leaves them the well-known "ZigBeeAlliance09"), and sends them looking for
    /// the network.
    /// </summary>
    private void StartDevices(bool secured, ZigBeeKey? linkKey)
    {
        BuildDevices(secured, linkKey ?? ZigBeeKey.DefaultTrustCenterLinkKey);
        foreach (var device in _devices)
        {
            Observe(device.RestartAsync());
        }
    }

    /// <summary>The devices leave, their radios go silent, and the trust center forgets their link keys.</summary>
    private async Task RetireDevicesAsync()
    {
        foreach (var device in _devices)
        {
            await device.LeaveAsync();
            SwitchOff(device.Index);
            Aps.KeyPairs.Remove(device.ExtendedAddress);
        }

        _devices.Clear();
    }

    private void BuildDevices(bool secured, ZigBeeKey linkKey)
    {
        var endDevices = _options.Devices - _options.Routers;
        for (var i = 0; i < _options.Devices; i++)
        {
            var router = i < _options.Routers;
            var sleepy = !router && i >= _options.Routers + endDevices - _options.Sleepy;
            var ieee = 0x00124B00_00000000UL | ((ulong)((uint)_options.Seed & 0xFFFFFF) << 8) | (uint)(i + 1);
            var node = Medium.NodeCount;
            var radio = Medium.AddNode(ieee);
            // Everyone hears everyone (a living room, every device one hop from the dongle), but those placed out of its reach.
            if (!_options.OutOfCoordinatorReach.Contains(i))
            {
                Medium.Link(0, node);
            }

            foreach (var other in _devices)
            {
                Medium.Link(other.MediumNode, node);
            }

            _devices.Add(new ZigBeeFirmwareDevice(this, i, node, radio, router, sleepy, secured, linkKey));
            if (secured && linkKey != ZigBeeKey.DefaultTrustCenterLinkKey)
            {
                // KY: the installer gave the devices the network's trust-center link key, and the trust center holds it for them.
                Aps.KeyPairs.Set(ieee, linkKey);
            }
        }
    }
}
