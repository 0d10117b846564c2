using ZigBee.Aps.Service;
using ZigBee.Aps.Service.Primitives;
using ZigBee.Simulation.Topologies;
using ZigBee.Tests.Nwk;

namespace ZigBee.Tests.Aps;

/// <summary>
/// An <see cref="NwkTestBed"/> with an <see cref="ApsService"/> on every node (endpoint 1 active everywhere) and a
/// record of every APSDE-DATA.indication, in virtual time.
/// </summary>
internal sealed class ApsTestBed
{
    public ApsTestBed(Topology topology, int seed = 1, Func<int, ApsServiceOptions?>? options = null)
    {
        Network = new NwkTestBed(topology, seed, record: false);
        Nodes = new ApsService[topology.NodeCount];
        for (var i = 0; i < Nodes.Length; i++)
        {
            Nodes[i] = new ApsService(Network.Nodes[i], Network.Scheduler.Time, options?.Invoke(i));
            Nodes[i].RegisterEndpoint(1);
            var node = i;
            Nodes[i].DataIndication += (in ApsdeDataIndication indication) =>
                Received.Add(new Delivery(node, indication, indication.Asdu.ToArray()));
        }
    }

    public NwkTestBed Network { get; }

    public ApsService[] Nodes { get; }

    public List<Delivery> Received { get; } = [];

    public ApsService this[int node] => Nodes[node];

    public readonly record struct Delivery(int Node, ApsdeDataIndication Indication, byte[] Asdu);

    public ApsdeDataConfirm Send(int from, ApsdeDataRequest request, TimeSpan? limit = null) =>
        Network.Run(() => Nodes[from].DataRequestAsync(request), limit ?? TimeSpan.FromMinutes(5));

    /// <summary>How many copies of <paramref name="asdu"/> node <paramref name="node"/> received (on any endpoint, or on <paramref name="endpoint"/>).</summary>
    public int CountReceived(int node, byte[] asdu, byte? endpoint = null) =>
        Received.Count(d => d.Node == node && (endpoint is null || d.Indication.DstEndpoint == endpoint) && d.Asdu.AsSpan().SequenceEqual(asdu));

    public static byte[] Payload(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
