using ZigBee.Mac.Frames;
using ZigBee.Mac.Service;
using ZigBee.Nwk.Service;
using ZigBee.Nwk.Service.Primitives;
using ZigBee.Simulation.Medium;
using ZigBee.Simulation.Scheduling;
using ZigBee.Simulation.Topologies;

namespace ZigBee.Tests.Network;

/// <summary>The README's example of simulating a network in one's own test, kept compiling and true.</summary>
[TestClass]
public sealed class ReadmeExampleTests
{
    [TestMethod]
    public async Task ThreeNodeLineFormsJoinsAndDeliversOverTwoHops()
    {
        var scheduler = new SimulationScheduler();                 // virtual time for every node
        var medium = new SimulatedMedium(scheduler, seed: 42);
        var nodes = new NwkService[3];
        for (var i = 0; i < nodes.Length; i++)
        {
            var mac = new MacService(medium.AddNode(0x00124B0000000001UL + (ulong)i), scheduler.Time, new Random(i));
            nodes[i] = new NwkService(mac, scheduler.Time, new Random(100 + i));
        }

        medium.ApplyTopology(Topology.Line(3));                    // 0 – 1 – 2: node 2 cannot hear the coordinator
        var received = new List<string>();
        nodes[0].DataIndication += (in NldeDataIndication _, ReadOnlySpan<byte> nsdu) => received.Add(System.Text.Encoding.ASCII.GetString(nsdu));

        await scheduler.Run(async () =>
        {
            var formed = await nodes[0].NetworkFormationAsync(new NlmeNetworkFormationRequest());
            await nodes[0].PermitJoiningAsync(0xFF);
            var router = CapabilityInformation.Create(fullFunctionDevice: true, mainsPowered: true, receiverOnWhenIdle: true);
            await nodes[1].NetworkDiscoveryAsync(new NlmeNetworkDiscoveryRequest());
            await nodes[1].JoinAsync(new NlmeJoinRequest(formed.ExtendedPanId, NwkRejoinNetwork.Association, router));
            await nodes[1].StartRouterAsync();
            await nodes[1].PermitJoiningAsync(0xFF);
            var sensor = CapabilityInformation.Create(fullFunctionDevice: false, mainsPowered: false, receiverOnWhenIdle: false);
            await nodes[2].NetworkDiscoveryAsync(new NlmeNetworkDiscoveryRequest());
            await nodes[2].JoinAsync(new NlmeJoinRequest(formed.ExtendedPanId, NwkRejoinNetwork.Association, sensor));
            await nodes[2].DataRequestAsync(NldeDataRequest.To(0x0000, "hello"u8.ToArray()));
            await Task.Delay(TimeSpan.FromSeconds(1), scheduler.Time);
        }, TimeSpan.FromMinutes(5));

        Assert.AreEqual(2, nodes[2].Depth);
        CollectionAssert.AreEqual(new[] { "hello" }, received);
    }
}
