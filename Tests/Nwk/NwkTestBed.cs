using ZigBee.Mac.Frames;
using ZigBee.Mac.Service;
using ZigBee.Nwk.Nib;
using ZigBee.Nwk.Service;
using ZigBee.Nwk.Service.Primitives;
using ZigBee.Simulation.Medium;
using ZigBee.Simulation.Scheduling;
using ZigBee.Simulation.Topologies;

namespace ZigBee.Tests.Nwk;

/// <summary>
/// N nodes — each a real <see cref="MacService"/> under an <see cref="NwkService"/> — on one simulated medium and one
/// scheduler, in virtual time with fixed seeds. Node 0 forms; the others join in order of hop distance from it
/// (routers start routing and permit joining; end devices pick the best parent in range), then tests run traffic.
/// </summary>
internal sealed class NwkTestBed
{
    public const ulong AddressBase = 0x00124B0001000000;

    private readonly Topology _topology;

    public NwkTestBed(Topology topology, int seed = 1, Func<int, NwkServiceOptions?>? options = null, Action<int, NwkNib>? nib = null, bool record = true,
        Func<int, MacService, IMacService>? mac = null)
    {
        _topology = topology;
        Scheduler = new SimulationScheduler();
        Medium = new SimulatedMedium(Scheduler, seed);
        var count = topology.NodeCount;
        Macs = new MacService[count];
        Nodes = new NwkService[count];
        for (var i = 0; i < count; i++)
        {
            var radio = Medium.AddNode(AddressBase + (ulong)i + 1);
            Macs[i] = new MacService(radio, Scheduler.Time, new Random(unchecked((seed * 1_000_003) + i)), options: new MacServiceOptions { TransactionQueueCapacity = 32 });
            Nodes[i] = new NwkService(mac?.Invoke(i, Macs[i]) ?? Macs[i], Scheduler.Time, new Random(unchecked((seed * 7_919) + i + 17)), options?.Invoke(i));
            nib?.Invoke(i, Nodes[i].Nib);
            var node = i;
            if (!record)
            {
                continue;
            }

            Nodes[i].DataIndication += (in NldeDataIndication indication, ReadOnlySpan<byte> nsdu) =>
                Received.Add(new Delivery(node, indication, nsdu.ToArray()));
        }

        Medium.ApplyTopology(topology);
    }

    public SimulationScheduler Scheduler { get; }

    public SimulatedMedium Medium { get; }

    public MacService[] Macs { get; }

    public NwkService[] Nodes { get; }

    public List<Delivery> Received { get; } = [];

    public byte Channel { get; private set; }

    public NwkService this[int node] => Nodes[node];

    public readonly record struct Delivery(int Node, NldeDataIndication Indication, byte[] Nsdu);

    public T Run<T>(Func<Task<T>> operation, TimeSpan? limit = null) =>
        Scheduler.Run(operation, limit ?? TimeSpan.FromMinutes(2)).GetAwaiter().GetResult();

    /// <summary>
    /// Starts an operation on the scheduler's context without running it to completion: its awaits come back to the
    /// simulation, not to the thread pool where they would race the scheduler.
    /// </summary>
    public Task<T> Start<T>(Func<Task<T>> operation)
    {
        Task<T>? task = null;
        Scheduler.Post(() => task = operation());
        Scheduler.RunUntil(Scheduler.Now);
        return task!;
    }

    /// <summary>Node <paramref name="coordinator"/> forms on one of <paramref name="channels"/> and permits joining.</summary>
    public NlmeNetworkFormationConfirm Form(int coordinator = 0, uint channels = 1u << 15)
    {
        var confirm = Run(() => Nodes[coordinator].NetworkFormationAsync(new NlmeNetworkFormationRequest(channels, ScanDuration: 2)));
        Assert.AreEqual(NwkStatus.Success, confirm.Status, "formation");
        Channel = confirm.LogicalChannel;
        Assert.AreEqual(NwkStatus.Success, Run(() => Nodes[coordinator].PermitJoiningAsync(0xFF)));
        return confirm;
    }

    /// <summary>
    /// Joins <paramref name="node"/> by association: a router starts routing and permits joining; an end device
    /// keeps its receiver on or polls as <paramref name="rxOnWhenIdle"/> says.
    /// </summary>
    public NlmeJoinConfirm Join(int node, bool router = true, bool rxOnWhenIdle = true)
    {
        var capability = CapabilityInformation.Create(fullFunctionDevice: router, mainsPowered: router, receiverOnWhenIdle: router || rxOnWhenIdle);
        var extendedPanId = Nodes[0].Nib.ExtendedPanId;
        // As a real device would, try again a little later when no parent answered (beacons collide in dense spots).
        NlmeJoinConfirm confirm = null!;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            confirm = Run(() => Nodes[node].JoinAsync(new NlmeJoinRequest(extendedPanId, NwkRejoinNetwork.Association, capability, 1u << Channel, ScanDuration: 2)));
            if (confirm.Status == NwkStatus.Success)
            {
                break;
            }

            Scheduler.RunFor(TimeSpan.FromSeconds(1));
        }

        Assert.AreEqual(NwkStatus.Success, confirm.Status, $"join of node {node}");
        if (router)
        {
            Assert.AreEqual(NwkStatus.Success, Run(() => Nodes[node].StartRouterAsync()), $"start router {node}");
            Assert.AreEqual(NwkStatus.Success, Run(() => Nodes[node].PermitJoiningAsync(0xFF)));
        }

        return confirm;
    }

    /// <summary>Forms with node 0 and joins every other node in order of hop distance; lets link status settle.</summary>
    public void FormAndJoinAll(ISet<int>? endDevices = null, ISet<int>? sleepy = null)
    {
        Form();
        foreach (var node in ByHopDistance())
        {
            var endDevice = endDevices?.Contains(node) == true || sleepy?.Contains(node) == true;
            Join(node, router: !endDevice, rxOnWhenIdle: sleepy?.Contains(node) != true);
        }

        Settle();
    }

    /// <summary>Lets two link status periods pass so every router knows its neighbours both ways.</summary>
    public void Settle() => Scheduler.RunFor(TimeSpan.FromSeconds(35));

    /// <summary>Nodes other than 0, nearest to node 0 first (breadth first over the topology).</summary>
    public List<int> ByHopDistance()
    {
        var order = new List<int>();
        var seen = new bool[_topology.NodeCount];
        var queue = new Queue<int>();
        queue.Enqueue(0);
        seen[0] = true;
        while (queue.Count > 0)
        {
            var n = queue.Dequeue();
            foreach (var m in _topology.ReceiversOf(n).Order())
            {
                if (!seen[m])
                {
                    seen[m] = true;
                    order.Add(m);
                    queue.Enqueue(m);
                }
            }
        }

        return order;
    }

    /// <summary>Sends an NSDU from one node to a network address and runs until its confirm.</summary>
    public NldeDataConfirm Send(int from, ushort to, byte[] nsdu, byte radius = 0, byte handle = 1)
    {
        var request = new NldeDataRequest(NwkAddressMode.Unicast, to, nsdu, handle, radius);
        return Run(async () => await Nodes[from].DataRequestAsync(request), TimeSpan.FromSeconds(30));
    }

    public NldeDataConfirm Send(int from, int to, byte[] nsdu, byte radius = 0) => Send(from, Nodes[to].NetworkAddress, nsdu, radius);

    /// <summary>How many times <paramref name="node"/> received an NSDU equal to <paramref name="nsdu"/>.</summary>
    public int CountReceived(int node, byte[] nsdu) => Received.Count(d => d.Node == node && d.Nsdu.AsSpan().SequenceEqual(nsdu));
}
