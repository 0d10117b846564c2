using ZigBee.Mac.Frames;
using ZigBee.Nwk.Service;
using ZigBee.Nwk.Service.Primitives;
using ZigBee.Simulation.Topologies;

namespace ZigBee.Tests.Nwk;

[TestClass]
public sealed class NwkParallelJoinTests
{
    /// <summary>
    /// Every device powers up at a random moment and keeps trying to join (routers then start and permit joining),
    /// as a house does after a power cut: joins, scans and beacons overlap.
    /// </summary>
    [TestMethod]
    public void DevicesPoweringUpTogether_AllJoinAGrid()
    {
        const int count = 36;
        var bed = new NwkTestBed(Topology.Grid(count), seed: 81);
        bed.Form();
        var random = new Random(81);
        var extendedPanId = bed[0].Nib.ExtendedPanId;
        var joinedAt = new TimeSpan?[count];
        for (var i = 1; i < count; i++)
        {
            var node = i;
            var router = node % 6 != 5;
            bed.Scheduler.Schedule(TimeSpan.FromMilliseconds(random.Next(0, 10_000)), () => _ = JoinLoopAsync(node, router));
        }

        bed.Scheduler.RunFor(TimeSpan.FromMinutes(3));

        var missing = Enumerable.Range(1, count - 1).Where(i => !bed[i].IsJoined).ToArray();
        Assert.IsEmpty(missing, $"not joined: {string.Join(", ", missing)}");
        Assert.AreEqual(count, bed.Nodes.Select(n => n.NetworkAddress).Distinct().Count());
        Console.WriteLine($"last join at {joinedAt.Max()?.TotalSeconds:F1} s");
        var payload = new byte[] { 0x24 };
        Assert.AreEqual(NwkStatus.Success, bed.Send(count - 1, 0, payload).Status);
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(2));
        Assert.AreEqual(1, bed.CountReceived(0, payload));

        async Task JoinLoopAsync(int node, bool router)
        {
            var capability = CapabilityInformation.Create(router, router, true);
            while (true)
            {
                var confirm = await bed[node].JoinAsync(new NlmeJoinRequest(extendedPanId, NwkRejoinNetwork.Association, capability, 1u << bed.Channel, 2));
                if (confirm.Status == NwkStatus.Success)
                {
                    break;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(1000 + random.Next(0, 2000)), bed.Scheduler.Time);
            }

            joinedAt[node] = bed.Scheduler.Now;
            if (router)
            {
                await bed[node].StartRouterAsync();
                await bed[node].PermitJoiningAsync(0xFF);
            }
        }
    }
}
