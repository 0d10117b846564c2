using ZigBee.Aps.Service;
using ZigBee.Aps.Service.Primitives;
using ZigBee.Nwk.Security;
using ZigBee.Simulation.Topologies;

namespace ZigBee.Tests.Aps;

[TestClass]
public sealed class ApsKeySwitchTests
{
    [TestMethod]
    public void TrustCenterMovesA30NodeMeshToANewKeyThroughTransportKeyAndSwitchKey()
    {
        var bed = new ApsTestBed(Topology.Grid(30));
        bed.Network[0].InstallNetworkKey(TrustCenterTests.NetworkKey, 0);
        bed.Network.Form();
        bed[0].StartTrustCenter(new TrustCenterPolicy());
        foreach (var node in bed.Network.ByHopDistance())
        {
            bed.Network.Join(node);
            bed.Network.Scheduler.RunFor(TimeSpan.FromSeconds(2));
        }

        bed.Network.Settle();
        var devices = new List<(ulong, ushort)>();
        for (var node = 1; node < 30; node++)
        {
            Assert.IsTrue(bed[node].IsAuthenticated, $"node {node} got the network key from the trust center");
            devices.Add((bed[node].ExtendedAddress, bed[node].NetworkAddress));
        }

        var next = ZigBeeKey.Read("next network key"u8);
        Assert.AreEqual(29, bed.Network.Run(() => bed[0].DistributeNetworkKeyAsync(next, 1, devices)));
        bed.Network.Scheduler.RunFor(TimeSpan.FromSeconds(10));
        for (var node = 1; node < 30; node++)
        {
            Assert.AreEqual(next, bed.Network[node].Nib.SecurityMaterialSet.Alternate?.Key, $"node {node} holds the new key as alternate");
        }

        Assert.IsTrue(bed.Network.Run(() => bed[0].SwitchNetworkKeyAsync(1)));
        bed.Network.Scheduler.RunFor(TimeSpan.FromSeconds(10));
        for (var node = 0; node < 30; node++)
        {
            Assert.AreEqual(1, bed.Network[node].Nib.SecurityMaterialSet.Active!.KeySeqNumber, $"node {node} switched");
        }

        // Everyone reaches the trust center under the new key, each message exactly once.
        var sends = new List<Task<ApsdeDataConfirm>>();
        for (var node = 1; node < 30; node++)
        {
            var asdu = new byte[] { 0xA5, (byte)node };
            var sender = bed.Nodes[node];
            // Started on the simulation's context: its awaits must not resume on the thread pool beside the scheduler.
            sends.Add(bed.Network.Start(() => sender.DataRequestAsync(ApsdeDataRequest.ToShort(0, 1, 0x0104, 0x0006, 1, asdu, ApsTxOptions.Acknowledged))));
            // One after another, as reports spread over time; 29 at once overflow the trust center's duplicate table.
            bed.Network.Scheduler.RunFor(TimeSpan.FromMilliseconds(500));
        }

        bed.Network.Scheduler.RunFor(TimeSpan.FromSeconds(30));
        for (var node = 1; node < 30; node++)
        {
            Assert.AreEqual(ApsStatus.Success, sends[node - 1].Result.Status, $"node {node}");
            Assert.AreEqual(1, bed.CountReceived(0, [0xA5, (byte)node]), $"node {node}'s message delivered once");
        }

        long refused = 0;
        for (var node = 0; node < 30; node++)
        {
            refused += bed[node].Counters.RefusedSecurity;
        }

        Assert.AreEqual(0L, refused);
    }
}
