using System.Buffers.Binary;
using ZigBee.Aps.Service;
using ZigBee.Nwk.Security;
using ZigBee.Nwk.Service.Primitives;
using ZigBee.Simulation.Topologies;

namespace ZigBee.Stack.Scenarios;

// The trust center's part of a run: it admits every device by transport key under the policy, and intruders — devices
// with no key it accepts — try to join and must stay out.
public sealed partial class NwkScenario
{
    /// <summary>Whether node <paramref name="node"/> is an intruder (an extra device without an accepted key).</summary>
    public bool IsIntruder(int node) => node >= _options.Nodes;

    /// <summary>The install code of device <paramref name="node"/> (16 octets and CRC), the same for the same seed.</summary>
    public byte[] InstallCodeOf(int node)
    {
        var code = new byte[16 + InstallCode.CrcLength];
        new Random(ScenarioSetup.NodeSeed(_options.Seed ^ 0x1C0DE, node)).NextBytes(code.AsSpan(0, 16));
        BinaryPrimitives.WriteUInt16LittleEndian(code.AsSpan(16), InstallCode.Crc(code.AsSpan(0, 16)));
        return code;
    }

    /// <summary>
    /// NWK refusals each device counted before it held the network key: secured frames it could not read yet while it
    /// waited for the trust center, which are no unauthorised traffic. Taken when the key arrives; intruders never get one.
    /// </summary>
    private long[] _refusedBeforeKey = [];

    private long RefusedBeforeKey
    {
        get
        {
            long total = 0;
            foreach (var count in _refusedBeforeKey)
            {
                total += count;
            }

            return total;
        }
    }

    private void NoteRefusalsAtAuthentication()
    {
        _refusedBeforeKey = new long[_aps.Length];
        for (var i = 1; i < _aps.Length; i++)
        {
            var node = i;
            _aps[i].Authenticated += _ =>
            {
                var c = _nwks[node].Counters;
                _refusedBeforeKey[node] = c.RefusedUnauthorised + c.RefusedNoCounterRoom;
            };
        }
    }

    private int IntrudersJoined
    {
        get
        {
            var count = 0;
            for (var node = _options.Nodes; node < _aps.Length; node++)
            {
                count += _aps[node].IsAuthenticated || _nwks[node].IsSecuring ? 1 : 0;
            }

            return count;
        }
    }

    private int AuthenticatedCount
    {
        get
        {
            var count = 0;
            for (var node = 1; node < Math.Min(_aps.Length, _options.Nodes); node++)
            {
                count += _aps[node].IsAuthenticated ? 1 : 0;
            }

            return count;
        }
    }

    /// <summary>Every APS security refusal of the run (MIC, replay, no key, unsecured command) and every device the trust center refused.</summary>
    private long ApsRefusals
    {
        get
        {
            long total = 0;
            foreach (var aps in _aps)
            {
                total += aps.Counters.RefusedSecurity + aps.Counters.DevicesRefused;
            }

            return total;
        }
    }

    /// <summary>
    /// The trust-center link key node <paramref name="node"/> was given before the run: the default global key, its
    /// install code's key under the install-code policy, and for an intruder a key of its own that nobody accepts.
    /// </summary>
    private ApsServiceOptions WithTrustCenterLinkKey(ApsServiceOptions options, int node)
    {
        if (!_options.UsesTrustCenter)
        {
            return options;
        }

        ZigBeeKey key;
        if (node == 0)
        {
            // The trust center keeps a link key for every device it admits (intruders under allow-all included).
            key = ZigBeeKey.DefaultTrustCenterLinkKey;
        }
        else if (IsIntruder(node))
        {
            Span<byte> bytes = stackalloc byte[ZigBeeKey.Length];
            new Random(ScenarioSetup.NodeSeed(_options.Seed ^ 0xBAD, node)).NextBytes(bytes);
            key = ZigBeeKey.Read(bytes);
        }
        else if (_options.Policy == TrustCenterMode.InstallCodeOnly)
        {
            InstallCode.TryDeriveLinkKey(InstallCodeOf(node), out key);
        }
        else
        {
            key = ZigBeeKey.DefaultTrustCenterLinkKey;
        }

        return new ApsServiceOptions
        {
            MaxWindowSize = options.MaxWindowSize,
            MaxTransferSize = options.MaxTransferSize,
            TrustCenterLinkKey = key,
            KeyPairCapacity = Math.Max(options.KeyPairCapacity, _nwks.Length + 8),
            // Every device reports to the coordinator: its duplicate table must outlast a retransmission from each.
            DuplicateRejectionTableCapacity = node == 0
                ? Math.Max(options.DuplicateRejectionTableCapacity, 2 * _nwks.Length)
                : options.DuplicateRejectionTableCapacity,
        };
    }

    private void StartTrustCenter()
    {
        if (!_options.UsesTrustCenter)
        {
            return;
        }

        var policy = new TrustCenterPolicy { Mode = _options.Policy };
        if (_options.Policy == TrustCenterMode.InstallCodeOnly)
        {
            // The installer entered every device's install code (from its label) at the trust center; intruders have none there.
            for (var node = 1; node < _options.Nodes; node++)
            {
                policy.AddInstallCode(_nwks[node].ExtendedAddress, InstallCodeOf(node));
            }
        }

        _aps[0].StartTrustCenter(policy, ScenarioSetup.NodeSeed(_options.Seed, 0));
        NoteRefusalsAtAuthentication();
    }

    /// <summary>
    /// After NLME-JOIN: with a trust center, the device waits apsSecurityTimeOutPeriod for the network key; without it
    /// it leaves (§4.6.3.2.3) and tries again later. True when the device may take part.
    /// </summary>
    private async Task<bool> AwaitNetworkKeyAsync(int node)
    {
        if (!_options.UsesTrustCenter)
        {
            return true;
        }

        var aps = _aps[node];
        if (await aps.WaitForAuthenticationAsync(_options.SecurityTimeout))
        {
            return true;
        }

        // It leaves quietly: it holds no key, so a leave command from it would only be refused by everyone who hears it.
        await _nwks[node].ResetAsync(warmStart: false);
        aps.ResetAuthentication();
        return false;
    }

    private void ScheduleIntruders()
    {
        for (var node = _options.Nodes; node < _nwks.Length; node++)
        {
            var intruder = node;
            Scheduler.Schedule(TimeSpan.FromMilliseconds(_random.Next(0, 2000 + (20 * _options.Nodes))), () => _faults.Observe(IntruderAsync(intruder)));
        }
    }

    /// <summary>An intruder tries a few times, as a device out of the box does, backing off between tries.</summary>
    private async Task IntruderAsync(int node)
    {
        for (var attempt = 0; attempt < 3 && Scheduler.Now < _options.Duration; attempt++)
        {
            if (await TryJoinAsync(node, _nwks[node]))
            {
                return;
            }

            await Task.Delay(TimeSpan.FromSeconds(5 + _random.Next(0, 10)), Scheduler.Time);
        }
    }

    /// <summary>
    /// The run's topology with each intruder placed beside a device of the network (seeded pick): it hears exactly what
    /// that device hears, and the device hears it.
    /// </summary>
    private Topology WithIntruders(Topology topology)
    {
        var links = new List<TopologyLink>(topology.Links);
        var pick = new Random(_options.Seed ^ 0x1D7);
        for (var intruder = _options.Nodes; intruder < _options.Nodes + _options.Intruders; intruder++)
        {
            var host = pick.Next(0, _options.Nodes);
            foreach (var link in topology.Links)
            {
                if (link.From == host)
                {
                    links.Add(link with { From = intruder });
                    links.Add(new TopologyLink(link.To, intruder, link.Lqi, link.LossProbability));
                }
            }

            links.Add(new TopologyLink(host, intruder));
            links.Add(new TopologyLink(intruder, host));
        }

        return Topology.FromLinks(_options.Nodes + _options.Intruders, links);
    }
}
