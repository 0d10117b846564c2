using ZigBee.Simulation.Topologies;

namespace ZigBee.Stack.Scenarios;

/// <summary>
/// Decides which nodes of a topology are routers and which end devices, the way an installer would place them: end
/// devices spread over the area, each within reach of a router or the coordinator, and the routers with the
/// coordinator still forming one connected mesh — so every device can join if the stack does its job.
/// </summary>
public static class ScenarioRoles
{
    /// <summary>Node 0 is the coordinator; <paramref name="routers"/> of the others route; the last chosen <paramref name="sleepy"/> end devices sleep.</summary>
    public static (bool[] Router, bool[] Sleepy) Assign(Topology topology, int routers, int sleepy)
    {
        var n = topology.NodeCount;
        var adjacency = topology.ReceiverLists();
        var router = new bool[n];
        var sleepyFlags = new bool[n];
        for (var i = 1; i < n; i++)
        {
            router[i] = true;
        }

        var endDevices = n - 1 - routers;
        var chosen = new List<int>(endDevices);
        // Routers reachable through routers when every node routes: choosing end devices must not cut any of them off.
        var reachable = ReachableThroughRouters(adjacency, router);
        // Visit candidates in an order that spreads the end devices evenly over the node numbering (and so the area).
        var order = new List<int>(n - 1);
        var taken = new bool[n];
        if (endDevices > 0)
        {
            var stride = (double)(n - 1) / endDevices;
            for (var k = 0; k < endDevices; k++)
            {
                var target = 1 + (int)Math.Floor((k * stride) + (stride / 2));
                if (target < n && !taken[target])
                {
                    taken[target] = true;
                    order.Add(target);
                }
            }

            for (var i = n - 1; i >= 1; i--)
            {
                if (!taken[i])
                {
                    order.Add(i);
                }
            }
        }

        foreach (var node in order)
        {
            if (chosen.Count == endDevices)
            {
                break;
            }

            router[node] = false;
            if (HasParent(adjacency, router, node) && AllEndDevicesHaveParents(adjacency, router, chosen) && StillReachable(adjacency, router, reachable))
            {
                chosen.Add(node);
            }
            else
            {
                router[node] = true;
            }
        }

        // Where the topology leaves no other choice (a star, say), the remaining end devices go where they must.
        for (var i = n - 1; i >= 1 && chosen.Count < endDevices; i--)
        {
            if (router[i])
            {
                router[i] = false;
                chosen.Add(i);
            }
        }

        for (var k = chosen.Count - Math.Min(sleepy, chosen.Count); k < chosen.Count; k++)
        {
            sleepyFlags[chosen[k]] = true;
        }

        return (router, sleepyFlags);
    }

    /// <summary>
    /// Renumbers the topology so that node 0, the coordinator, is within <paramref name="maxDepth"/> hops of every node
    /// when node 0's place is not: ZigBee PRO caps the join tree at nwkMaxDepth (15), so a large network needs its
    /// coordinator near the middle. A topology that already fits is returned unchanged.
    /// </summary>
    public static Topology PlaceCoordinator(Topology topology, int maxDepth)
    {
        var adjacency = topology.ReceiverLists();
        if (Eccentricity(adjacency, 0) <= maxDepth)
        {
            return topology;
        }

        var best = 0;
        var bestEccentricity = int.MaxValue;
        for (var node = 0; node < topology.NodeCount; node++)
        {
            var eccentricity = Eccentricity(adjacency, node);
            if (eccentricity < bestEccentricity)
            {
                best = node;
                bestEccentricity = eccentricity;
            }
        }

        return best == 0 ? topology : topology.Swap(0, best);
    }

    /// <summary>Most hops from <paramref name="start"/> to any node it can reach.</summary>
    private static int Eccentricity(int[][] adjacency, int start)
    {
        var distance = new int[adjacency.Length];
        Array.Fill(distance, -1);
        distance[start] = 0;
        var queue = new Queue<int>();
        queue.Enqueue(start);
        var most = 0;
        while (queue.Count > 0)
        {
            var node = queue.Dequeue();
            foreach (var next in adjacency[node])
            {
                if (distance[next] < 0)
                {
                    distance[next] = distance[node] + 1;
                    most = Math.Max(most, distance[next]);
                    queue.Enqueue(next);
                }
            }
        }

        return most;
    }

    private static bool HasParent(int[][] adjacency, bool[] router, int node)
    {
        foreach (var neighbour in adjacency[node])
        {
            if (neighbour == 0 || router[neighbour])
            {
                return true;
            }
        }

        return false;
    }

    private static bool AllEndDevicesHaveParents(int[][] adjacency, bool[] router, List<int> endDevices)
    {
        foreach (var node in endDevices)
        {
            if (!HasParent(adjacency, router, node))
            {
                return false;
            }
        }

        return true;
    }

    private static bool StillReachable(int[][] adjacency, bool[] router, bool[] before)
    {
        var now = ReachableThroughRouters(adjacency, router);
        for (var i = 1; i < router.Length; i++)
        {
            if (router[i] && before[i] && !now[i])
            {
                return false;
            }
        }

        return true;
    }

    private static bool[] ReachableThroughRouters(int[][] adjacency, bool[] router)
    {
        var seen = new bool[router.Length];
        var queue = new Queue<int>();
        queue.Enqueue(0);
        seen[0] = true;
        while (queue.Count > 0)
        {
            foreach (var next in adjacency[queue.Dequeue()])
            {
                if (!seen[next] && router[next])
                {
                    seen[next] = true;
                    queue.Enqueue(next);
                }
            }
        }

        return seen;
    }
}
