using ZigBee.Nwk.Frames;
using ZigBee.Nwk.Security;
using ZigBee.Nwk.Service.Primitives;
using ZigBee.Simulation.Topologies;

namespace ZigBee.Tests.Nwk;

[TestClass]
public sealed class NwkSecureRejoinTests
{
    private static readonly ZigBeeKey Key = new(0x0F0D0B0907050301, 0x0D0C0A0806040200);

    /// <summary>Coordinator 0, routers 1 and 2, sleepy end device 3 under router 1 (router 2 hears it too); node 2's MAC tapped.</summary>
    private static (NwkTestBed Bed, TapMac Tap, List<NlmeJoinIndication> Joins) Network(bool endDeviceHasKey)
    {
        var links = new List<TopologyLink>();
        void Pair(int a, int b, byte lqi = 255)
        {
            links.Add(new TopologyLink(a, b, lqi));
            links.Add(new TopologyLink(b, a, lqi));
        }

        Pair(0, 1);
        Pair(0, 2);
        Pair(1, 2);
        Pair(1, 3);
        Pair(2, 3, 200);
        TapMac? tap = null;
        var bed = new NwkTestBed(Topology.FromLinks(4, links), seed: 24, mac: (i, mac) => i == 2 ? tap = new TapMac(mac) : mac);
        for (var i = 0; i < 3 + (endDeviceHasKey ? 1 : 0); i++)
        {
            bed[i].InstallNetworkKey(Key, 0);
        }

        bed.Form();
        bed.Join(1);
        bed.Join(2);
        bed.Join(3, router: false, rxOnWhenIdle: false);
        bed.Settle();
        Assert.AreEqual(bed[1].NetworkAddress, bed[3].ParentAddress);
        var joins = new List<NlmeJoinIndication>();
        bed[2].JoinIndication += (in NlmeJoinIndication j) => joins.Add(j);
        return (bed, tap!, joins);
    }

    /// <summary>Rejoin requests and responses router 2 heard or sent in the clear (a secured command's identifier is encrypted).</summary>
    private static List<NwkCommandId> RejoinCommandsInTheClear(TapMac tap)
    {
        var found = new List<NwkCommandId>();
        foreach (var msdu in tap.Heard.Select(h => h.Msdu).Concat(tap.Sent))
        {
            if (NwkFrame.TryDecode(msdu, out var frame) && !frame.Header.Security.HasValue
                && frame.CommandId(msdu) is { } command and (NwkCommandId.RejoinRequest or NwkCommandId.RejoinResponse))
            {
                found.Add(command);
            }
        }

        return found;
    }

    [TestMethod]
    public void ASleepyDeviceWithTheKeyRejoinsSecured()
    {
        var (bed, tap, joins) = Network(endDeviceHasKey: true);

        bed.Medium.SwitchOff(1);
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(30));

        Assert.IsTrue(bed[3].IsJoined);
        Assert.AreEqual(bed[2].NetworkAddress, bed[3].ParentAddress, "rejoined through router 2");
        var rejoin = joins.Single(j => j.ExtendedAddress == bed[3].ExtendedAddress);
        Assert.AreEqual(NwkRejoinNetwork.Rejoin, rejoin.RejoinNetwork);
        Assert.IsTrue(rejoin.SecureRejoin, "the rejoin request came secured");
        Assert.IsEmpty(RejoinCommandsInTheClear(tap), "no rejoin command in the clear");
        bed.Send(0, 3, [0xAB]);
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(3));
        Assert.AreEqual(1, bed.CountReceived(3, [0xAB]), "receives again, secured");
        Assert.AreEqual(0, bed.Nodes.Sum(n => n.Counters.DroppedSecurity));
    }

    [TestMethod]
    public void ADeviceWithoutTheKeyRejoinsInTheClearAndIsAnsweredInTheClear()
    {
        var (bed, tap, joins) = Network(endDeviceHasKey: false);

        bed.Medium.SwitchOff(1);
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(30));

        Assert.IsTrue(bed[3].IsJoined);
        Assert.AreEqual(bed[2].NetworkAddress, bed[3].ParentAddress);
        var rejoin = joins.Single(j => j.ExtendedAddress == bed[3].ExtendedAddress);
        Assert.IsFalse(rejoin.SecureRejoin, "an unsecured rejoin (the trust center would send the key next)");
        var commands = RejoinCommandsInTheClear(tap);
        Assert.Contains(NwkCommandId.RejoinRequest, commands, "the unsecured rejoin request is taken: the spec's exception");
        Assert.Contains(NwkCommandId.RejoinResponse, commands, "and answered in the clear, or the device could not read it");
    }
}
