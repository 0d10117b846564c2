using System.Buffers.Binary;
using ZigBee.Aps.Service;
using ZigBee.Nwk.Security;
using ZigBee.Nwk.Service;
using ZigBee.Simulation.Topologies;
using ZigBee.Tests.Nwk;

namespace ZigBee.Tests.Aps;

[TestClass]
public sealed class TrustCenterPolicyTests
{
    private static byte[] InstallCodeOf(int device)
    {
        var code = new byte[18];
        new Random(device).NextBytes(code.AsSpan(0, 16));
        BinaryPrimitives.WriteUInt16LittleEndian(code.AsSpan(16), InstallCode.Crc(code.AsSpan(0, 16)));
        return code;
    }

    private static ZigBeeKey KeyOf(int device)
    {
        Assert.IsTrue(InstallCode.TryDeriveLinkKey(InstallCodeOf(device), out var key));
        return key;
    }

    /// <summary>0 (trust center) – 1 (router); 2 and 3 hear only 1.</summary>
    private static ApsTestBed Tree(TrustCenterPolicy policy, Func<int, ApsServiceOptions?> options)
    {
        var links = new List<TopologyLink>();
        foreach (var (a, b) in new[] { (0, 1), (1, 2), (1, 3) })
        {
            links.Add(new TopologyLink(a, b));
            links.Add(new TopologyLink(b, a));
        }

        var bed = new ApsTestBed(Topology.FromLinks(4, links), options: options);
        bed.Network[0].InstallNetworkKey(TrustCenterTests.NetworkKey, 0);
        bed.Network.Form();
        bed[0].StartTrustCenter(policy);
        return bed;
    }

    [TestMethod]
    public void InstallCodeOnlyAdmitsDevicesWithTheirCodeAndRemovesTheOneWithout()
    {
        var policy = new TrustCenterPolicy { Mode = TrustCenterMode.InstallCodeOnly };
        Assert.IsTrue(policy.AddInstallCode(NwkTestAddress(1), InstallCodeOf(1)));
        Assert.IsTrue(policy.AddInstallCode(NwkTestAddress(3), InstallCodeOf(3)));
        var refused = new List<ulong>();
        // Node 2 has no install code the trust center knows: it tries with the default global key.
        var bed = Tree(policy, node => node is 1 or 3 ? new ApsServiceOptions { TrustCenterLinkKey = KeyOf(node) } : null);
        bed[0].DeviceRefused += (_, device) => refused.Add(device);

        bed.Network.Join(1);
        bed.Network.Scheduler.RunFor(TimeSpan.FromSeconds(2));
        Assert.IsTrue(bed[1].IsAuthenticated, "the router with its install code is in");

        bed.Network.Join(2);
        bed.Network.Scheduler.RunFor(TimeSpan.FromSeconds(5));
        Assert.IsFalse(bed[2].IsAuthenticated, "no key for the device without an install code");
        CollectionAssert.AreEqual(new[] { bed[2].ExtendedAddress }, refused);
        Assert.AreEqual(1, bed[1].Counters.RemoveDevicesReceived, "the trust center told the parent to remove it");
        // The parent asked it to leave — in the clear, as it never got the network key — and forgot it.
        Assert.IsNull(bed.Network[1].NeighborTable.FindExtended(bed[2].ExtendedAddress));
        Assert.IsFalse(bed.Network[2].IsSecuring);
        Assert.IsFalse(bed.Network[2].IsJoined, "the refused device read the leave and left");

        bed.Network.Join(3);
        bed.Network.Scheduler.RunFor(TimeSpan.FromSeconds(3));
        Assert.IsTrue(bed[3].IsAuthenticated, "a neighbour with its install code still joins through the same parent");

        bed.Network.Settle();
        var asdu = new byte[] { 0x42, 0x43 };
        Assert.AreEqual(ApsStatus.Success, bed.Send(3, ZigBee.Aps.Service.Primitives.ApsdeDataRequest.ToShort(0, 1, 0x0104, 0x0006, 1, asdu, ZigBee.Aps.Service.Primitives.ApsTxOptions.Acknowledged)).Status);
        Assert.AreEqual(1, bed.CountReceived(0, asdu));
    }

    [TestMethod]
    public void RefuseAllSendsADirectChildAway()
    {
        var bed = Tree(new TrustCenterPolicy { Mode = TrustCenterMode.RefuseAll }, _ => null);
        bed.Network.Join(1);
        bed.Network.Scheduler.RunFor(TimeSpan.FromSeconds(5));

        Assert.IsFalse(bed[1].IsAuthenticated);
        Assert.IsNull(bed.Network[0].NeighborTable.FindExtended(bed[1].ExtendedAddress), "the trust center asked it to leave and forgot it");
        Assert.AreEqual(1, bed[0].Counters.DevicesRefused);
        Assert.AreEqual(0, bed[0].Counters.TransportKeysSent);
    }

    [TestMethod]
    public void TrustCenterRemovesADeviceOnRequestThroughItsParent()
    {
        var bed = Tree(new TrustCenterPolicy(), _ => null);
        bed.Network.Join(1);
        bed.Network.Scheduler.RunFor(TimeSpan.FromSeconds(2));
        bed.Network.Join(2, router: false);
        bed.Network.Scheduler.RunFor(TimeSpan.FromSeconds(3));
        Assert.IsTrue(bed[2].IsAuthenticated);

        Assert.IsTrue(bed[0].RemoveDevice(bed[2].ExtendedAddress));
        bed.Network.Scheduler.RunFor(TimeSpan.FromSeconds(3));
        Assert.IsFalse(bed.Network[2].IsJoined);
        Assert.IsNull(bed[0].KeyPairs.Find(bed[2].ExtendedAddress));
        Assert.IsFalse(bed[0].RemoveDevice(bed[2].ExtendedAddress), "already gone");
    }

    [TestMethod]
    public void InstallCodesWithABadCrcAreRefused()
    {
        var code = InstallCodeOf(5);
        code[^1] ^= 1;
        Assert.IsFalse(new TrustCenterPolicy().AddInstallCode(1, code));
        Assert.IsFalse(new TrustCenterPolicy().AddInstallCode(1, new byte[5]));
    }

    private static ulong NwkTestAddress(int node) => NwkTestBed.AddressBase + (ulong)node + 1;
}
