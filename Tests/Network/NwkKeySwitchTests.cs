using ZigBee.Nwk;
using ZigBee.Nwk.Security;
using ZigBee.Nwk.Service.Primitives;
using ZigBee.Stack.Scenarios;

namespace ZigBee.Tests.Network;

[TestClass]
public sealed class NwkKeySwitchTests
{
    [TestMethod]
    public void EveryNodeOfAThirtyNodeMeshFollowsTheCoordinatorToTheAlternateKeyWithNoFrameDeliveredTwice()
    {
        Assert.IsTrue(ZigBeeKey.TryParse("00112233445566778899AABBCCDDEEFF", out var newKey));
        var scenario = new NwkScenario(new NwkScenarioOptions
        {
            Nodes = 30, Routers = 22, Sleepy = 3, Seed = 12, Loss = 0.05, Traffic = ScenarioTraffic.Unicast,
            Interval = TimeSpan.FromSeconds(10), Duration = TimeSpan.FromMinutes(5),
            // The NWK switch alone: keys out of band (ApsKeySwitchTests has the trust center transport them).
            KeyDistribution = ScenarioKeyDistribution.Preconfigured,
        });
        var oldKey = scenario.NetworkKey!.Value;
        var switchAt = TimeSpan.FromMinutes(3);

        // The trust center transports the new key to everyone first (APS, later); here it is set on every node.
        scenario.Scheduler.Schedule(switchAt - TimeSpan.FromSeconds(20), () =>
        {
            foreach (var node in scenario.Nodes)
            {
                node.SetAlternateNetworkKey(newKey, 1);
            }
        });

        // The coordinator switches (APSME-SWITCH-KEY) and broadcasts; the others switch on the first frame under the new key.
        scenario.Scheduler.Schedule(switchAt, () =>
        {
            Assert.IsTrue(scenario.Nodes[0].SwitchNetworkKey(1));
            _ = scenario.Nodes[0].DataRequestAsync(NldeDataRequest.To(NwkConstants.BroadcastAll, new byte[] { 0x15 }));
        });

        var result = scenario.Run();

        Assert.AreEqual(29, result.Joined);
        for (var i = 0; i < scenario.Nodes.Count; i++)
        {
            var node = scenario.Nodes[i];
            Assert.AreEqual(1, node.Nib.ActiveKeySeqNumber, $"node {i} still on key 0");
            Assert.AreEqual(newKey, node.Nib.SecurityMaterialSet.Active!.Key);
            Assert.AreEqual(oldKey, node.Nib.SecurityMaterialSet.Alternate!.Key, "the old key stays for frames still under way");
            Assert.AreEqual(1, node.Counters.KeySwitches, $"node {i} switched once, never back");
            Assert.AreEqual(0, node.Counters.RefusedMic + node.Counters.RefusedUnauthorised, $"node {i} refused frames across the switch");
        }

        Assert.AreEqual(0, result.Duplicates, "a frame delivered twice");
        Assert.AreEqual(0, result.Misdelivered);
        Assert.IsGreaterThan(0.97, result.DeliveryRatio, $"{result.Delivered}/{result.Sent}");
    }

    [TestMethod]
    public void WithoutTheAlternateKeyANodeCannotFollowTheSwitch()
    {
        // The control for the test above: a node that was never given the new key is cut off once the others switch.
        Assert.IsTrue(ZigBeeKey.TryParse("00112233445566778899AABBCCDDEEFF", out var newKey));
        var scenario = new NwkScenario(new NwkScenarioOptions
        {
            Nodes = 12, Routers = 11, Seed = 12, Traffic = ScenarioTraffic.Unicast, Interval = TimeSpan.FromSeconds(10), Duration = TimeSpan.FromMinutes(3),
        });
        scenario.Scheduler.Schedule(TimeSpan.FromMinutes(2), () =>
        {
            for (var i = 0; i < scenario.Nodes.Count - 1; i++)
            {
                scenario.Nodes[i].SetAlternateNetworkKey(newKey, 1);
            }

            scenario.Nodes[0].SwitchNetworkKey(1);
            _ = scenario.Nodes[0].DataRequestAsync(NldeDataRequest.To(NwkConstants.BroadcastAll, new byte[] { 0x15 }));
        });

        scenario.Run();

        var left = scenario.Nodes[^1];
        Assert.AreEqual(0, left.Nib.ActiveKeySeqNumber);
        Assert.IsGreaterThan(0, left.Counters.RefusedUnauthorised, "frames under a key sequence number it has no key for");
        Assert.AreEqual(1, scenario.Nodes[1].Nib.ActiveKeySeqNumber);
    }
}
