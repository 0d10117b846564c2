using ZigBee.Aps.Service;
using ZigBee.Nwk.Security;
using ZigBee.Simulation.Topologies;

namespace ZigBee.Tests.Aps;

[TestClass]
public sealed class TrustCenterTests
{
    internal static readonly ZigBeeKey NetworkKey = ZigBeeKey.Read([0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x3A, 0x3B, 0x3C, 0x3D, 0x3E, 0x3F, 0x40]);

    /// <summary>A line 0 – 1 – 2 …: node 0 forms and is the trust center with <paramref name="policy"/>; nobody else holds a key.</summary>
    internal static ApsTestBed TrustCenterLine(int nodes, TrustCenterPolicy? policy = null, Func<int, ApsServiceOptions?>? options = null)
    {
        var bed = new ApsTestBed(Topology.Line(nodes), options: options);
        bed.Network[0].InstallNetworkKey(NetworkKey, 0);
        bed.Network.Form();
        bed[0].StartTrustCenter(policy ?? new TrustCenterPolicy(), keySeed: 7);
        return bed;
    }

    [TestMethod]
    public void DirectChildGetsTheNetworkKeyUnsecuredAtNwkUnderItsKeyTransportKey()
    {
        var bed = TrustCenterLine(2);
        Assert.IsFalse(bed[1].IsAuthenticated);
        bed.Network.Join(1);
        bed.Network.Scheduler.RunFor(TimeSpan.FromSeconds(2));

        Assert.IsTrue(bed[1].IsAuthenticated, "the joiner decrypted the transport key");
        Assert.IsTrue(bed.Network[1].IsSecuring);
        Assert.AreEqual(NetworkKey, bed.Network[1].Nib.SecurityMaterialSet.Active!.Key);
        Assert.AreEqual(bed[0].ExtendedAddress, bed[1].TrustCenterAddress);
        Assert.AreEqual(1, bed[0].Counters.TransportKeysSent);
        Assert.AreEqual(1, bed[1].Counters.TransportKeysReceived);
        Assert.AreEqual(ZigBeeKey.DefaultTrustCenterLinkKey, bed[0].KeyPairs.Find(bed[1].ExtendedAddress)!.Key.LinkKey);
    }

    [TestMethod]
    public void TwoHopJoinGoesThroughUpdateDeviceAndTunnel()
    {
        var bed = TrustCenterLine(3);
        bed.Network.Join(1);
        bed.Network.Scheduler.RunFor(TimeSpan.FromSeconds(2));
        bed.Network.Join(2);
        bed.Network.Scheduler.RunFor(TimeSpan.FromSeconds(3));

        Assert.IsTrue(bed[2].IsAuthenticated, "the joiner two hops from the trust center got the key through its parent");
        Assert.AreEqual(1, bed[1].Counters.UpdateDevicesSent);
        Assert.AreEqual(1, bed[1].Counters.TunnelsRelayed);
        Assert.AreEqual(2, bed[0].Counters.TransportKeysSent);
        Assert.AreEqual(0, bed[0].Counters.RefusedSecurity + bed[1].Counters.RefusedSecurity + bed[2].Counters.RefusedSecurity);

        // The joiner now talks secured NWK across both hops.
        bed.Network.Settle();
        var payload = new byte[] { 1, 2, 3, 4 };
        Assert.AreEqual(ZigBee.Nwk.Service.NwkStatus.Success, bed.Network.Send(2, 0, payload).Status);
        bed.Network.Scheduler.RunFor(TimeSpan.FromSeconds(2));
        Assert.IsGreaterThan(0L, bed.Network[0].Counters.FramesUnsecured);
    }

    [TestMethod]
    public void JoinerWithAnotherTrustCenterLinkKeyCannotReadTheKeyAndIsNotAuthenticated()
    {
        var wrong = ZigBeeKey.Read("not the tc key!!"u8);
        var bed = TrustCenterLine(2, options: node => node == 1 ? new ApsServiceOptions { TrustCenterLinkKey = wrong } : null);
        bed.Network.Join(1);
        bed.Network.Scheduler.RunFor(TimeSpan.FromSeconds(2));

        Assert.IsFalse(bed[1].IsAuthenticated);
        Assert.IsFalse(bed.Network[1].IsSecuring);
        Assert.AreEqual(1L, bed[1].Counters.RefusedMic);
    }

    [TestMethod]
    public void ATrustCenterWhoseKeyTableIsFullRefusesTheNextDevice()
    {
        var bed = TrustCenterLine(3, options: node => node == 0 ? new ApsServiceOptions { KeyPairCapacity = 1 } : null);
        bed.Network.Join(1);
        bed.Network.Scheduler.RunFor(TimeSpan.FromSeconds(2));
        bed.Network.Join(2);
        bed.Network.Scheduler.RunFor(TimeSpan.FromSeconds(3));

        Assert.IsTrue(bed[1].IsAuthenticated);
        Assert.IsFalse(bed[2].IsAuthenticated, "no room for its link key: it cannot be admitted");
        Assert.AreEqual(1, bed[0].Counters.DevicesRefused);
        Assert.AreEqual(1, bed[1].Counters.RemoveDevicesReceived);
    }
}
