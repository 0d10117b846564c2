using ZigBee.Mac.Frames;
using ZigBee.Mac.Pib;
using ZigBee.Mac.Service;
using ZigBee.Simulation.Medium;
using ZigBee.Simulation.Scheduling;
using ZigBee.Simulation.Topologies;

namespace ZigBee.Stack.Scenarios;

/// <summary>
/// A network at the MAC stage of the stack: a PAN coordinator starts a non-beacon PAN; every other node scans for it,
/// associates, and sends a data frame to it every interval; the coordinator queues a frame for each sleeping end
/// device every interval, which that device fetches by polling. Everything runs on one scheduler in virtual time.
/// </summary>
public sealed class MacScenario
{
    private const ushort CoordinatorShortAddress = 0x0000;
    private readonly MacScenarioOptions _options;
    private readonly DeliveryLedger _ledger = new();
    private readonly MacService[] _macs;
    private readonly bool[] _joined;
    private readonly ushort[] _shortAddress;
    private readonly Dictionary<ushort, int> _nodeByShort = new();
    private readonly Random _random;
    private readonly ProcedureFaults _faults = new();
    private readonly TimeSpan _trafficEnd;
    private ushort _nextShortAddress = 1;
    private uint _nextMessage = 1;
    private long _confirmFailures;
    private long _polls;
    private TimeSpan? _allJoinedAt;
    private int _joinedCount;

    public MacScenario(MacScenarioOptions options)
    {
        var problem = options.Validate();
        if (problem is not null)
        {
            throw new ArgumentException(problem, nameof(options));
        }

        _options = options;
        Scheduler = new SimulationScheduler();
        Medium = new SimulatedMedium(Scheduler, options.Seed);
        _random = new Random(options.Seed);
        _trafficEnd = options.Duration;
        _macs = new MacService[options.Nodes];
        _joined = new bool[options.Nodes];
        _shortAddress = new ushort[options.Nodes];
        // The coordinator queues a frame for every sleeping device each interval: room for two rounds of them.
        var coordinatorOptions = new MacServiceOptions { TransactionQueueCapacity = Math.Max(16, 2 * options.Sleepy) };
        for (var i = 0; i < options.Nodes; i++)
        {
            var radio = Medium.AddNode(ExtendedAddressOf(i));
            _macs[i] = new MacService(radio, Scheduler.Time, new Random(ScenarioSetup.NodeSeed(options.Seed, i)), options: i == 0 ? coordinatorOptions : null);
            var node = i;
            _macs[i].DataIndication += (in McpsDataIndication indication, ReadOnlySpan<byte> msdu) => OnData(node, msdu);
        }

        var topology = ZigBee.Simulation.Topologies.Topology.Create(options.Topology, options.Nodes, options.Seed);
        ScenarioSetup.Apply(Medium, topology, options.Loss);
    }

    public SimulationScheduler Scheduler { get; }

    public SimulatedMedium Medium { get; }

    public IReadOnlyList<MacService> Macs => _macs;

    /// <summary>The extended address the scenario gives node <paramref name="node"/>.</summary>
    public static ulong ExtendedAddressOf(int node) => 0x00124B0000000000UL | (uint)(node + 1);

    public bool IsJoined(int node) => _joined[node];

    private bool IsSleepy(int node) => node >= _options.Nodes - _options.Sleepy;

    private bool IsRouter(int node) => node >= 1 && node <= _options.Routers;

    /// <summary>Runs the whole scenario: joining, traffic for the duration, then the drain time.</summary>
    public MacScenarioResult Run()
    {
        Scheduler.Post(() => _faults.Observe(StartCoordinatorAsync()));
        for (var i = 1; i < _options.Nodes; i++)
        {
            var node = i;
            // Devices power up over the first seconds, as a house full of devices does after a power cut.
            var start = TimeSpan.FromMilliseconds(_random.Next(0, 1000 + (50 * _options.Nodes)));
            Scheduler.Schedule(start, () => _faults.Observe(DeviceAsync(node)));
        }

        Scheduler.RunUntil(_options.Duration + _options.DrainTime);
        _faults.ThrowIfAny();

        return Result();
    }

    private async Task StartCoordinatorAsync()
    {
        var mac = _macs[0];
        await mac.ResetRequestAsync(setDefaultPib: true);
        await mac.SetRequestAsync(MacPibAttribute.MacShortAddress, (ulong)CoordinatorShortAddress);
        await mac.SetRequestAsync(MacPibAttribute.MacAssociationPermit, true);
        await mac.SetRequestAsync(MacPibAttribute.MacRxOnWhenIdle, true);
        mac.AssociateIndication += OnAssociateIndication;
        var status = await mac.StartRequestAsync(new MlmeStartRequest(_options.PanId, _options.Channel, PanCoordinator: true));
        if (status != MacStatus.Success)
        {
            throw new InvalidOperationException($"MLME-START failed: {status}");
        }

        _nodeByShort[CoordinatorShortAddress] = 0;
        _joined[0] = true;
        Scheduler.Schedule(_options.Interval, SendToSleepyDevices);
    }

    private void OnAssociateIndication(in MlmeAssociateIndication indication)
    {
        var node = (int)((indication.DeviceAddress & 0xFFFFFFFF) - 1);
        if (node <= 0 || node >= _options.Nodes || ExtendedAddressOf(node) != indication.DeviceAddress)
        {
            _faults.Observe(_macs[0].AssociateResponseAsync(new MlmeAssociateResponse(indication.DeviceAddress, MacAddress.NoShortAddress, MacStatus.PanAccessDenied)));
            return;
        }

        // A device that associates again keeps the address it was given.
        if (_shortAddress[node] == 0)
        {
            _shortAddress[node] = _nextShortAddress++;
            _nodeByShort[_shortAddress[node]] = node;
        }

        _faults.Observe(_macs[0].AssociateResponseAsync(new MlmeAssociateResponse(indication.DeviceAddress, _shortAddress[node], MacStatus.Success)));
    }

    private async Task DeviceAsync(int node)
    {
        var mac = _macs[node];
        while (Scheduler.Now < _trafficEnd && !await TryJoinAsync(node, mac))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(500 + _random.Next(0, 2000)), Scheduler.Time);
        }

        if (!_joined[node])
        {
            return;
        }

        if (IsSleepy(node))
        {
            _faults.Observe(PollLoopAsync(node, mac));
        }

        await Task.Delay(TimeSpan.FromTicks(_random.NextInt64(0, _options.Interval.Ticks)), Scheduler.Time);
        while (Scheduler.Now < _trafficEnd)
        {
            await SendAsync(node, target: 0, indirect: false);
            await Task.Delay(_options.Interval, Scheduler.Time);
        }
    }

    private async Task<bool> TryJoinAsync(int node, MacService mac)
    {
        await mac.ResetRequestAsync(setDefaultPib: true);
        var scan = await mac.ScanRequestAsync(new MlmeScanRequest(MacScanType.Active, 0x07FFF800, ScanDuration: 3));
        PanDescriptor? best = null;
        foreach (var pan in scan.PanDescriptorList)
        {
            if (pan.CoordPanId == _options.PanId && pan.SuperframeSpec.AssociationPermit && pan.SuperframeSpec.PanCoordinator
                && (best is null || pan.LinkQuality > best.Value.LinkQuality))
            {
                best = pan;
            }
        }

        if (best is not { } coordinator)
        {
            return false;
        }

        var capability = CapabilityInformation.Create(
            fullFunctionDevice: IsRouter(node), mainsPowered: IsRouter(node), receiverOnWhenIdle: !IsSleepy(node));
        var confirm = await mac.AssociateRequestAsync(new MlmeAssociateRequest(coordinator.LogicalChannel, coordinator.CoordPanId, coordinator.CoordAddress, capability));
        if (confirm.Status != MacStatus.Success)
        {
            return false;
        }

        await mac.SetRequestAsync(MacPibAttribute.MacRxOnWhenIdle, !IsSleepy(node));

        _joined[node] = true;
        if (++_joinedCount == _options.Nodes - 1)
        {
            _allJoinedAt = Scheduler.Now;
        }

        return true;
    }

    private async Task PollLoopAsync(int node, MacService mac)
    {
        while (Scheduler.Now < _trafficEnd + _options.DrainTime)
        {
            _polls++;
            var status = await mac.PollRequestAsync(new MlmePollRequest(_options.PanId, MacAddress.FromShort(CoordinatorShortAddress)));
            // Data came: more may be queued behind it, so ask again at once (the frame pending bit says so too).
            if (status != MacStatus.Success)
            {
                await Task.Delay(_options.PollInterval, Scheduler.Time);
            }
        }
    }

    private void SendToSleepyDevices()
    {
        if (Scheduler.Now >= _trafficEnd)
        {
            return;
        }

        for (var node = _options.Nodes - _options.Sleepy; node < _options.Nodes; node++)
        {
            if (_joined[node])
            {
                _faults.Observe(SendAsync(0, node, indirect: true));
            }
        }

        Scheduler.Schedule(_options.Interval, SendToSleepyDevices);
    }

    private async Task SendAsync(int source, int target, bool indirect)
    {
        var message = _nextMessage++;
        var payload = new byte[_options.PayloadLength];
        ScenarioMessage.Write(payload, message, source, target);
        _ledger.Owe(message, target);
        var options = MacTxOptions.Acknowledged | (indirect ? MacTxOptions.Indirect : MacTxOptions.None);
        var destination = MacAddress.FromShort(target == 0 ? CoordinatorShortAddress : _shortAddress[target]);
        var confirm = await _macs[source].DataRequestAsync(new McpsDataRequest(MacAddressingMode.Short, _options.PanId, destination, payload, (byte)message, options));
        if (confirm.Status != MacStatus.Success)
        {
            _confirmFailures++;
        }
    }

    private void OnData(int node, ReadOnlySpan<byte> msdu)
    {
        if (ScenarioMessage.TryRead(msdu, out var message, out var intact))
        {
            _ledger.Arrived(message, node, intact);
        }
    }

    private MacScenarioResult Result()
    {
        long retries = 0, noAck = 0, accessFailures = 0, expired = 0;
        foreach (var mac in _macs)
        {
            retries += mac.Counters.Retries;
            noAck += mac.Counters.NoAck;
            accessFailures += mac.Counters.ChannelAccessFailures;
            expired += mac.Counters.TransactionsExpired;
        }

        return new MacScenarioResult
        {
            Nodes = _options.Nodes,
            Joined = _joinedCount,
            Routers = _options.Routers,
            EndDevices = _options.EndDevices,
            Sleepy = _options.Sleepy,
            Sent = _ledger.Sent,
            Delivered = _ledger.Delivered,
            Duplicates = _ledger.Duplicates,
            Misdelivered = _ledger.Misdelivered,
            Corrupted = _ledger.Corrupted,
            DeliveryRatio = _ledger.DeliveryRatio,
            VirtualSeconds = Scheduler.Now.TotalSeconds,
            AllJoinedSeconds = _allJoinedAt?.TotalSeconds,
            Events = Scheduler.EventsExecuted,
            FramesOnAir = Medium.Statistics.FramesTransmitted,
            Collisions = Medium.Statistics.Collisions,
            MacRetries = retries,
            MacNoAck = noAck,
            ChannelAccessFailures = accessFailures,
            TransactionsExpired = expired,
            DataConfirmFailures = _confirmFailures,
            Polls = _polls,
        };
    }
}
