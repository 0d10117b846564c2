using ZigBee.Aps.Frames;
using ZigBee.Aps.Service;
using ZigBee.Aps.Service.Primitives;
using ZigBee.Aps.Tables;
using ZigBee.Nwk.Service.Primitives;
using ZigBee.Simulation.Topologies;

namespace ZigBee.Stack.Scenarios;

// Traffic through the APS layer: a group of routers, bindings between devices, fragmented transfers.
public sealed partial class NwkScenario
{
    /// <summary>The group half the routers join for group traffic.</summary>
    public const ushort ScenarioGroup = 0x5A01;

    private const ushort HomeAutomationProfile = 0x0104;

    /// <summary>A manufacturer-specific cluster: the scenario's payload is no ZCL command.</summary>
    private const ushort ScenarioCluster = 0xFC5A;

    private const byte Endpoint = 1;

    private ApsService[] _aps = [];
    private bool[] _groupMember = [];
    private long _fragmentBits;
    private TimeSpan _fragmentTime;

    /// <summary>Every node's APS layer (empty unless the traffic uses APS).</summary>
    public IReadOnlyList<ApsService> ApsNodes => _aps;

    /// <summary>Whether node <paramref name="node"/> is in <see cref="ScenarioGroup"/> (group traffic).</summary>
    public bool IsGroupMember(int node) => _groupMember.Length > node && _groupMember[node];

    /// <summary>The devices node <paramref name="node"/> is bound to (bound traffic): the next two devices in index order.</summary>
    public (int First, int Second) BindingTargets(int node)
    {
        var devices = _options.Nodes - 1;
        var first = 1 + (node % devices);
        var second = 1 + ((node + 1) % devices);
        return (first, second);
    }

    private long ApsRetries => Sum(static c => c.Retries);

    private long ApsNoAck => Sum(static c => c.NoAck);

    private double? Goodput => _options.Traffic == ScenarioTraffic.Fragmented && _fragmentTime > TimeSpan.Zero
        ? _fragmentBits / _fragmentTime.TotalSeconds
        : null;

    /// <summary>The single-hop bound for frames that carry one full APS block (every node has the same block length).</summary>
    private double PhyBoundBps
    {
        get
        {
            var block = _aps.Length > 0 ? _aps[0].BlockLength : _nwks[0].MaxNsduLength - 10;
            return PhyBound.BitsPerSecond(block, Mac.Radio.Phy24GHz.MaxPhyPacketSize);
        }
    }

    private long Sum(Func<ApsCounters, long> counter)
    {
        long total = 0;
        foreach (var aps in _aps)
        {
            total += counter(aps.Counters);
        }

        return total;
    }

    private void CreateApsLayer()
    {
        var nodes = _nwks.Length;
        _aps = new ApsService[nodes];
        _groupMember = new bool[nodes];
        var options = new ApsServiceOptions
        {
            MaxWindowSize = _options.Window,
            MaxTransferSize = NwkScenarioOptions.MaxFragmentSize,
        };
        for (var i = 0; i < nodes; i++)
        {
            _aps[i] = new ApsService(_nwks[i], Scheduler.Time, WithTrustCenterLinkKey(options, i));
            _aps[i].RegisterEndpoint(Endpoint);
            var node = i;
            _aps[i].DataIndication += (in ApsdeDataIndication indication) => OnApsData(node, indication);
        }

        if (_options.Zdo)
        {
            CreateZdoLayer();
        }

        if (_options.Traffic == ScenarioTraffic.Group)
        {
            // Half the routers, picked with the run's seed.
            var routers = new List<int>();
            for (var node = 1; node < nodes; node++)
            {
                if (_router[node])
                {
                    routers.Add(node);
                }
            }

            var pick = new Random(_options.Seed ^ 0x5A01);
            for (var k = 0; k < routers.Count / 2; k++)
            {
                var index = pick.Next(k, routers.Count);
                (routers[k], routers[index]) = (routers[index], routers[k]);
                _groupMember[routers[k]] = true;
            }
        }
    }

    /// <summary>
    /// What a broadcast from a node would take to reach each other one: a relay's jitter (nwkcMaxBroadcastJitter, 64 ms,
    /// so 32 ms on average) and airtime per hop. The stand-in Device_annce reaches nodes in that order, as the real one
    /// would: a device that sees an address conflict in it then hears the report of a nearer one before its own is due
    /// (all at one instant, hundreds would report the same conflict).
    /// </summary>
    private static readonly TimeSpan AnnounceHopDelay = TimeSpan.FromMilliseconds(35);

    private readonly int[][] _hearing;
    private int[]? _announceHops;

    /// <summary>The others learn the newcomer's addresses hop by hop, as its Device_annce broadcast would tell them.</summary>
    private void AnnounceAsBroadcast(int node)
    {
        var nwk = _nwks[node];
        var (address, ieee) = (nwk.NetworkAddress, nwk.ExtendedAddress);
        var hops = _announceHops ??= new int[_nwks.Length];
        Array.Fill(hops, -1);
        hops[node] = 0;
        var frontier = new List<int> { node };
        for (var hop = 1; frontier.Count > 0; hop++)
        {
            var next = new List<int>();
            foreach (var from in frontier)
            {
                foreach (var to in _hearing[from])
                {
                    if (hops[to] < 0)
                    {
                        hops[to] = hop;
                        next.Add(to);
                    }
                }
            }

            if (next.Count > 0)
            {
                var ring = next.ToArray();
                Scheduler.Schedule(hop * AnnounceHopDelay, () =>
                {
                    foreach (var other in ring)
                    {
                        if (_nwks[other].IsJoined)
                        {
                            _nwks[other].NoteDeviceAnnounce(address, ieee);
                        }
                    }
                });
            }

            frontier = next;
        }
    }

    /// <summary>
    /// A node joined (or formed). Stands in for ZDO until it exists: every node learns the device's two addresses, as
    /// its Device_annce broadcast tells them, and the device learns theirs, as NWK_addr_req would. Then its group
    /// membership and bindings are set up.
    /// </summary>
    private void OnJoined(int node)
    {
        if (_aps.Length == 0)
        {
            return;
        }

        var nwk = _nwks[node];
        foreach (var other in _nwks)
        {
            if (other.IsJoined)
            {
                // The newcomer learns the others as ZDO's NWK_addr_req would tell it.
                nwk.NoteDeviceAnnounce(other.NetworkAddress, other.ExtendedAddress);
            }
        }

        if (!_options.Zdo)
        {
            // With ZDO running, the others learn the newcomer from its own Device_annce.
            AnnounceAsBroadcast(node);
        }

        if (_groupMember[node])
        {
            _aps[node].AddGroup(ScenarioGroup, Endpoint);
        }

        if (_options.Traffic == ScenarioTraffic.Bound && _options.Nodes > 2)
        {
            // As a commissioning tool binds two devices once both are on the network: this one to its targets that
            // are already there, and every device already there whose target this one is.
            for (var source = 1; source < _options.Nodes; source++)
            {
                var (first, second) = BindingTargets(source);
                var sourceIn = source == node || _nwks[source].IsJoined;
                if (sourceIn && (first == node || (source == node && _nwks[first].IsJoined)))
                {
                    BindTo(source, first);
                }

                if (sourceIn && (second == node || (source == node && _nwks[second].IsJoined)))
                {
                    BindTo(source, second);
                }
            }
        }
    }

    private void BindTo(int source, int target) =>
        _aps[source].Bind(BindingEntry.ToDevice(_nwks[source].ExtendedAddress, Endpoint, ScenarioCluster, _nwks[target].ExtendedAddress, Endpoint));

    /// <summary>One interval of the coordinator's APS traffic.</summary>
    private async Task ApsCoordinatorRoundAsync()
    {
        switch (_options.Traffic)
        {
            case ScenarioTraffic.Group:
                {
                    var payload = new byte[_options.PayloadLength];
                    var message = NewMessage(payload, 0, ScenarioGroup);
                    for (var node = 1; node < _options.Nodes; node++)
                    {
                        if (_groupMember[node] && Alive(node))
                        {
                            Owe(message, node);
                        }
                    }

                    _faults.Observe(ConfirmAsync(_aps[0].DataRequestAsync(ApsdeDataRequest.ToGroup(ScenarioGroup, HomeAutomationProfile, ScenarioCluster, Endpoint, payload))));
                    await Task.Delay(_options.Interval, Scheduler.Time);
                    break;
                }

            case ScenarioTraffic.Fragmented:
                {
                    // One transfer at a time, device after device, as an OTA server would hand out images.
                    var round = Scheduler.Now;
                    for (var node = 1; node < _options.Nodes && Scheduler.Now < _options.Duration; node++)
                    {
                        if (Alive(node))
                        {
                            await SendFragmentedAsync(node);
                        }
                    }

                    var rest = _options.Interval - (Scheduler.Now - round);
                    await Task.Delay(rest > TimeSpan.Zero ? rest : TimeSpan.FromMilliseconds(1), Scheduler.Time);
                    break;
                }

            default:
                await Task.Delay(_options.Interval, Scheduler.Time);
                break;
        }
    }

    private async Task SendFragmentedAsync(int node)
    {
        var payload = new byte[_options.FragmentSize];
        var message = NewMessage(payload, 0, node);
        Owe(message, node);
        var started = Scheduler.Now;
        var request = ApsdeDataRequest.ToShort(_nwks[node].NetworkAddress, Endpoint, HomeAutomationProfile, ScenarioCluster, Endpoint, payload,
            ApsTxOptions.Acknowledged | ApsTxOptions.FragmentationPermitted);
        var confirm = await _aps[0].DataRequestAsync(request);
        if (confirm.Status == ApsStatus.Success)
        {
            _fragmentBits += 8L * payload.Length;
            _fragmentTime += Scheduler.Now - started;
        }
        else
        {
            _confirmFailures++;
        }
    }

    /// <summary>A device sends through its bindings; each binding it holds is owed the message.</summary>
    private async Task SendThroughBindingsAsync(int node)
    {
        var bindings = _aps[node].Bindings;
        if (bindings.Count == 0)
        {
            return;
        }

        var payload = new byte[_options.PayloadLength];
        var (first, second) = BindingTargets(node);
        var message = NewMessage(payload, node, first);
        for (var i = 0; i < bindings.Count; i++)
        {
            var target = bindings[i].DstAddress == _nwks[first].ExtendedAddress ? first : second;
            Owe(message, target);
        }

        await ConfirmAsync(_aps[node].DataRequestAsync(ApsdeDataRequest.ToBindings(HomeAutomationProfile, ScenarioCluster, Endpoint, payload, ApsTxOptions.Acknowledged)));
    }

    private async Task ConfirmAsync(Task<ApsdeDataConfirm> request)
    {
        var confirm = await request;
        if (confirm.Status != ApsStatus.Success)
        {
            _confirmFailures++;
        }
    }

    /// <summary>APS traffic is accounted for at the APS layer; NWK only tells how far its frames travelled.</summary>
    private void NoteApsHops(in NldeDataIndication indication, ReadOnlySpan<byte> nsdu)
    {
        if (ApsFrame.TryDecode(nsdu, out var frame) && frame.Header.FrameType == ApsFrameType.Data
            && ScenarioMessage.TryRead(frame.Payload(nsdu), out _, out _))
        {
            _maxHops = Math.Max(_maxHops, SendRadius - indication.Radius + 1);
        }
    }

    private void OnApsData(int node, in ApsdeDataIndication indication)
    {
        if (!ScenarioMessage.TryRead(indication.Asdu.Span, out var message, out var intact))
        {
            return;
        }

        // A group member that joined after a group frame was sent was owed nothing, and is no misdelivery.
        if (IsGroupMember(node) && indication.DstAddrMode == ApsAddressMode.Group && !_ledger.IsOwed(message, node))
        {
            return;
        }

        _ledger.Arrived(message, node, intact);
        if (_sentAt.TryGetValue(message, out var sentAt) && _killed && sentAt >= _options.KillAt)
        {
            _afterKill.Arrived(message, node, intact);
            if (sentAt >= _options.KillAt + _options.RecoveryTime)
            {
                _afterRecovery.Arrived(message, node, intact);
            }
        }
    }
}
