using System.Globalization;
using System.Text;
using ZigBee.Mac.Frames;
using ZigBee.Mac.Service;
using ZigBee.Nwk;
using ZigBee.Nwk.Service;
using ZigBee.Nwk.Service.Primitives;
using ZigBee.Simulation.Medium;
using ZigBee.Simulation.Scheduling;
using ZigBee.Simulation.Topologies;

namespace ZigBee.Cli.Demo;

/// <summary>
/// The demo: a small ZigBee mesh on the simulated radio, in virtual time, showing what the stack does today — a
/// coordinator forms the network on the quietest channel, routers join through each other, a sleeping sensor joins
/// at the far end, its reading crosses the mesh hop by hop, a broadcast reaches everyone once, and when a router dies
/// the route is repaired around it.
/// </summary>
internal sealed class DemoRunner
{
    private const byte Radius = 30;
    private static readonly string[] Names = ["coordinator", "router A", "router B", "router C", "router D", "router E", "sleepy sensor"];
    private readonly TextWriter _out;
    private readonly SimulationScheduler _scheduler = new();
    private readonly SimulatedMedium _medium;
    private readonly NwkService[] _nodes = new NwkService[Names.Length];

    public DemoRunner(TextWriter output, int seed)
    {
        _out = output;
        _medium = new SimulatedMedium(_scheduler, seed);
        for (var i = 0; i < _nodes.Length; i++)
        {
            var radio = _medium.AddNode(0x00124B0000DE0000UL | (uint)(i + 1));
            var mac = new MacService(radio, _scheduler.Time, new Random(seed + i));
            _nodes[i] = new NwkService(mac, _scheduler.Time, new Random(~(seed + i)));
            var node = i;
            _nodes[i].DataIndication += (in NldeDataIndication indication, ReadOnlySpan<byte> nsdu) =>
                Say(node, $"received \"{Encoding.ASCII.GetString(nsdu)}\" from 0x{indication.SrcAddr:x4} after {Radius - indication.Radius + 1} hop(s)");
        }

        // A chain coordinator–A–B–C–D with a second way A–E–C around B, and the sensor beside D.
        _medium.ApplyTopology(Topology.FromLinks(_nodes.Length, Both((0, 1), (1, 2), (2, 3), (3, 4), (1, 5), (5, 3), (4, 6))));
        // A busy Wi-Fi network sits on channels 11–14 and 21–24: the coordinator should avoid them.
        foreach (byte channel in (byte[])[11, 12, 13, 14, 21, 22, 23, 24])
        {
            _medium.SetChannelEnergy(channel, 180);
        }
    }

    public SimulatedMedium Medium => _medium;

    /// <summary>Runs the demo to its end in virtual time; the returned task is already complete.</summary>
    public Task<int> Run() => _scheduler.Run(RunAsync, TimeSpan.FromMinutes(30));

    private async Task<int> RunAsync()
    {
        var formed = await _nodes[0].NetworkFormationAsync(new NlmeNetworkFormationRequest());
        Say(0, $"NLME-NETWORK-FORMATION: {formed.Status} — PAN 0x{formed.PanId:x4}, extended PAN {MacAddress.FormatExtended(formed.ExtendedPanId)}, channel {formed.LogicalChannel} (the quietest after an energy scan)");
        if (formed.Status != NwkStatus.Success)
        {
            return 1;
        }

        await _nodes[0].PermitJoiningAsync(0xFF);
        foreach (var node in (int[])[1, 2, 5, 3, 4, 6])
        {
            var router = node != 6;
            var nwk = _nodes[node];
            var capability = CapabilityInformation.Create(fullFunctionDevice: router, mainsPowered: router, receiverOnWhenIdle: router);
            await nwk.NetworkDiscoveryAsync(new NlmeNetworkDiscoveryRequest()); // fills the neighbor table with potential parents
            var joined = await nwk.JoinAsync(new NlmeJoinRequest(formed.ExtendedPanId, NwkRejoinNetwork.Association, capability));
            if (joined.Status != NwkStatus.Success)
            {
                Say(node, $"NLME-JOIN failed: {joined.Status}");
                return 1;
            }

            if (router)
            {
                await nwk.StartRouterAsync();
                await nwk.PermitJoiningAsync(0xFF);
            }

            Say(node, $"joined as {(router ? "router" : "sleeping end device")}: address 0x{nwk.NetworkAddress:x4}, parent 0x{joined.ParentAddress:x4}, depth {nwk.Depth}");
        }

        await Task.Delay(TimeSpan.FromSeconds(20), _scheduler.Time); // a few link status rounds: neighbours learn their link costs
        var sensor = _nodes[6];
        var sent = await Send(6, NwkConstants.CoordinatorAddress, "temperature 21.5 C");
        Say(6, $"NLDE-DATA.confirm: {sent.Status} (route discoveries so far: {TotalDiscoveries()})");

        await Task.Delay(TimeSpan.FromSeconds(5), _scheduler.Time);
        var broadcast = await Send(0, NwkConstants.BroadcastAll, "all lights off");
        Say(0, $"broadcast to 0xffff: {broadcast.Status}");
        await Task.Delay(TimeSpan.FromSeconds(10), _scheduler.Time);

        _medium.SwitchOff(2);
        Say(2, "switched off — the sensor's route ran through it");
        await Task.Delay(TimeSpan.FromSeconds(5), _scheduler.Time);
        var relayedBefore = _nodes[5].Counters.FramesRelayed;
        var deliveredBefore = _nodes[0].Counters.DataDelivered;
        for (var attempt = 1; attempt <= 3 && _nodes[0].Counters.DataDelivered == deliveredBefore; attempt++)
        {
            // The first reading after the loss dies at router C, which reports the broken link back to the sensor
            // (network status); the sensor rediscovers, and the next reading takes the way round through router E.
            sent = await Send(6, NwkConstants.CoordinatorAddress, $"temperature 21.{5 + attempt} C");
            Say(6, $"NLDE-DATA.confirm: {sent.Status}");
            await Task.Delay(TimeSpan.FromSeconds(5), _scheduler.Time);
        }

        Say(5, $"relayed {_nodes[5].Counters.FramesRelayed - relayedBefore} frame(s) on the repaired route (route repairs: {TotalRepairs()}, route discoveries: {TotalDiscoveries()})");
        var stats = _medium.Statistics;
        _out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{_scheduler.Now.TotalSeconds:F3} s of virtual time, {_scheduler.EventsExecuted} events, {stats.FramesTransmitted} frames on air, {stats.Collisions} collisions."));
        return sensor.IsJoined ? 0 : 1;
    }

    private ValueTask<NldeDataConfirm> Send(int from, ushort to, string text) =>
        _nodes[from].DataRequestAsync(NldeDataRequest.To(to, Encoding.ASCII.GetBytes(text), radius: Radius));

    private long TotalDiscoveries()
    {
        long total = 0;
        foreach (var node in _nodes)
        {
            total += node.Counters.RouteDiscoveriesStarted;
        }

        return total;
    }

    private long TotalRepairs()
    {
        long total = 0;
        foreach (var node in _nodes)
        {
            total += node.Counters.RouteRepairs;
        }

        return total;
    }

    private static IEnumerable<TopologyLink> Both(params (int A, int B)[] pairs)
    {
        foreach (var (a, b) in pairs)
        {
            yield return new TopologyLink(a, b, 200);
            yield return new TopologyLink(b, a, 200);
        }
    }

    private void Say(int node, string text) =>
        _out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{_scheduler.Now.TotalSeconds,8:F3} s] {Names[node],-13} {text}"));
}
