using ZigBee.Aps.Frames;
using ZigBee.Aps.Security;
using ZigBee.Aps.Service;
using ZigBee.Aps.Tables;
using ZigBee.Nwk.Frames;
using ZigBee.Nwk.Security;
using ZigBee.Nwk.Service;
using ZigBee.Nwk.Service.Primitives;
using ZigBee.Simulation.Topologies;

namespace ZigBee.Tests.Aps;

[TestClass]
public sealed class ApsSecurityTests
{
    /// <summary>An APS command frame secured as <paramref name="source"/> secures it: data key, extended nonce.</summary>
    private static byte[] SecuredCommand(ReadOnlySpan<byte> command, uint frameCounter, ulong source, ZigBeeKey linkKey, byte apsCounter = 9)
    {
        var aux = new NwkAuxiliarySecurityHeader(NwkAuxiliarySecurityHeader.CreateSecurityControl(0, NwkKeyIdentifier.DataKey, true), frameCounter, source);
        var header = ApsHeader.Command(apsCounter) with { Security = aux };
        var frame = new byte[header.Length + command.Length + 4];
        ApsFrame.EncodeHeader(header, frame);
        command.CopyTo(frame.AsSpan(header.Length));
        using var ciphers = new ApsLinkKeyCiphers(linkKey);
        ApsFrameSecurity.Secure(frame, header.Length - aux.Length, header.Length, header.Length + command.Length, source, ciphers);
        return frame;
    }

    private static void Inject(ApsTestBed bed, int node, byte[] frame) =>
        bed.Network.Run(() => bed.Network[node].DataRequestAsync(NldeDataRequest.To(bed.Network[node].NetworkAddress, frame)).AsTask());

    [TestMethod]
    public void ReplayedTamperedUnsecuredAndUnknownSenderCommandsAreRefusedAndCounted()
    {
        var bed = TrustCenterTests.TrustCenterLine(2);
        bed.Network.Join(1);
        bed.Network.Scheduler.RunFor(TimeSpan.FromSeconds(2));
        var tc = bed[0];
        var device = bed[1].ExtendedAddress;
        var command = new byte[12];
        new UpdateDeviceCommand(0x1122334455667788, 0x1234, ApsUpdateDeviceStatus.DeviceLeft).Encode(command);
        var before = tc.Counters.CommandsReceived;

        var genuine = SecuredCommand(command, 1000, device, ZigBeeKey.DefaultTrustCenterLinkKey);
        Inject(bed, 0, genuine);
        Assert.AreEqual(before + 1, tc.Counters.CommandsReceived, "a fresh frame under the device's key is read");
        Assert.AreEqual(1000u, tc.KeyPairs.Find(device)!.IncomingFrameCounter);

        Inject(bed, 0, genuine);
        Assert.AreEqual(1L, tc.Counters.RefusedReplay, "the same counter again is a replay");

        var older = SecuredCommand(command, 999, device, ZigBeeKey.DefaultTrustCenterLinkKey);
        Inject(bed, 0, older);
        Assert.AreEqual(2L, tc.Counters.RefusedReplay, "a lower counter too");

        var tampered = SecuredCommand(command, 1001, device, ZigBeeKey.DefaultTrustCenterLinkKey);
        tampered[^6] ^= 0x01;
        Inject(bed, 0, tampered);
        Assert.AreEqual(1L, tc.Counters.RefusedMic);
        Assert.AreEqual(1000u, tc.KeyPairs.Find(device)!.IncomingFrameCounter, "a refused frame moves no counter");

        Inject(bed, 0, SecuredCommand(command, 1002, device, ZigBeeKey.Read("some other key!!"u8)));
        Assert.AreEqual(2L, tc.Counters.RefusedMic, "the wrong key fails the MIC");

        Inject(bed, 0, SecuredCommand(command, 5, 0x0BADBADBADBADBAD, ZigBeeKey.DefaultTrustCenterLinkKey));
        Assert.AreEqual(1L, tc.Counters.RefusedNoKey, "no key is shared with an unknown sender");

        var unsecured = new byte[2 + command.Length];
        ApsFrame.Encode(ApsHeader.Command(3), command, unsecured);
        Inject(bed, 0, unsecured);
        Assert.AreEqual(1L, tc.Counters.RefusedUnsecured, "update device needs APS security");

        Assert.AreEqual(before + 2, tc.Counters.CommandsReceived, "only the genuine frame and the unsecured one were read");
        Assert.AreEqual(6L, tc.Counters.RefusedSecurity);
    }

    [TestMethod]
    public void CommandsFromTheWrongPartyOrUnderTheWrongKeyAreIgnored()
    {
        var bed = TrustCenterTests.TrustCenterLine(2);
        bed.Network.Join(1);
        bed.Network.Scheduler.RunFor(TimeSpan.FromSeconds(2));
        var device = bed[1];
        var tc = bed[0].ExtendedAddress;
        var ignored = device.Counters.CommandsIgnored;

        // A network key under the data key instead of the key-transport key: no transport key.
        var transport = new byte[35];
        TransportKeyCommand.NetworkKey(new ApsKey(1, 2), 7, device.ExtendedAddress, tc).Encode(transport);
        Inject(bed, 1, SecuredCommand(transport, 100, tc, ZigBeeKey.DefaultTrustCenterLinkKey));
        Assert.AreEqual(ignored + 1, device.Counters.CommandsIgnored);
        Assert.IsNull(bed.Network[1].Nib.SecurityMaterialSet.Alternate, "no key installed");

        // A tunnel to a device that is no child here is not relayed.
        var inner = SecuredCommand(transport, 1, tc, ZigBeeKey.DefaultTrustCenterLinkKey);
        var tunnel = new byte[TunnelCommand.TunnelledFrameOffset + inner.Length];
        TunnelCommand.Encode(0x0102030405060708, inner, tunnel);
        Inject(bed, 1, SecuredCommand(tunnel, 101, tc, ZigBeeKey.DefaultTrustCenterLinkKey));
        Assert.AreEqual(0L, device.Counters.TunnelsRelayed);
        Assert.AreEqual(ignored + 2, device.Counters.CommandsIgnored);

        // A remove device from someone who is not the trust center (here: a key the device shares with nobody) is refused.
        var remove = new byte[9];
        new RemoveDeviceCommand(0x42).Encode(remove);
        Inject(bed, 1, SecuredCommand(remove, 5, 0x7777, ZigBeeKey.DefaultTrustCenterLinkKey));
        Assert.AreEqual(1L, device.Counters.RefusedNoKey);
        Assert.AreEqual(0L, device.Counters.RemoveDevicesReceived);

        // An unsecured switch key that did not come NWK-secured from the trust center is refused.
        var switchKey = new byte[2 + 2];
        ApsFrame.Encode(ApsHeader.Command(4), [0x09, 0x01], switchKey);
        Inject(bed, 1, switchKey);
        Assert.AreEqual(1L, device.Counters.RefusedUnsecured);
        Assert.AreEqual(0, bed.Network[1].Nib.SecurityMaterialSet.Active!.KeySeqNumber);
    }

    [TestMethod]
    public void HostileSecuredFramesNeverThrow()
    {
        var bed = TrustCenterTests.TrustCenterLine(1);
        var random = new Random(3);
        var genuine = SecuredCommand([0x06, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 1, 0x42, ZigBeeKey.DefaultTrustCenterLinkKey);
        for (var i = 0; i < 300; i++)
        {
            var frame = genuine[..random.Next(1, genuine.Length + 1)];
            frame[random.Next(frame.Length)] ^= (byte)random.Next(1, 256);
            Inject(bed, 0, frame);
        }

        Assert.AreEqual(0, bed[0].KeyPairs.Count);
    }

    [TestMethod]
    public void VerifyAndConfirmKeyMoveADeviceFromTheDefaultKeyToAUniqueOne()
    {
        var bed = TrustCenterTests.TrustCenterLine(3);
        bed.Network.Join(1);
        bed.Network.Scheduler.RunFor(TimeSpan.FromSeconds(2));
        bed.Network.Join(2);
        bed.Network.Scheduler.RunFor(TimeSpan.FromSeconds(3));
        Assert.IsTrue(bed[2].IsAuthenticated);
        bed.Network.Settle();
        var verified = new List<ulong>();
        bed[2].LinkKeyVerified += (_, tc) => verified.Add(tc);
        var tcAddress = bed[0].ExtendedAddress;
        var device = bed[2].ExtendedAddress;
        Assert.AreEqual(ZigBeeKey.DefaultTrustCenterLinkKey, bed[2].KeyPairs.Find(tcAddress)!.Key.LinkKey);

        Assert.AreEqual(NwkStatus.Success, bed.Network.Run(() => bed[2].RequestTrustCenterLinkKeyAsync()));
        bed.Network.Scheduler.RunFor(TimeSpan.FromSeconds(5));

        var deviceKey = bed[2].KeyPairs.Find(tcAddress)!;
        var tcKey = bed[0].KeyPairs.Find(device)!;
        Assert.AreNotEqual(ZigBeeKey.DefaultTrustCenterLinkKey, deviceKey.Key.LinkKey, "a unique key replaced the default one");
        Assert.AreEqual(tcKey.Key.LinkKey, deviceKey.Key.LinkKey);
        Assert.AreEqual(ApsKeyAttribute.Verified, tcKey.Attribute, "the verify-key hash matched");
        Assert.AreEqual(ApsKeyAttribute.Verified, deviceKey.Attribute, "confirm key arrived under the new key");
        CollectionAssert.AreEqual(new[] { tcAddress }, verified);
        Assert.AreEqual(0L, bed[0].Counters.VerifyKeyFailed);

        // The new key works for the next secured exchange; the router's key is untouched.
        Assert.AreEqual(NwkStatus.Success, bed.Network.Run(() => bed[2].RequestTrustCenterLinkKeyAsync()));
        bed.Network.Scheduler.RunFor(TimeSpan.FromSeconds(5));
        Assert.AreEqual(bed[0].KeyPairs.Find(device)!.Key.LinkKey, bed[2].KeyPairs.Find(tcAddress)!.Key.LinkKey);
        Assert.HasCount(2, verified);
        Assert.AreEqual(ZigBeeKey.DefaultTrustCenterLinkKey, bed[0].KeyPairs.Find(bed[1].ExtendedAddress)!.Key.LinkKey);
        Assert.AreEqual(0L, bed[0].Counters.RefusedSecurity + bed[2].Counters.RefusedSecurity);
    }

    [TestMethod]
    public void KeyPairSetRestartsCountersForANewKeyAndIsBounded()
    {
        using var set = new ApsDeviceKeyPairSet(capacity: 1);
        Assert.IsTrue(set.Set(1, ZigBeeKey.DefaultTrustCenterLinkKey));
        var pair = set.Find(1)!;
        Assert.IsTrue(pair.TryTakeOutgoing(out var first));
        Assert.AreEqual(0u, first);
        pair.Accept(40);
        Assert.IsFalse(pair.IsFresh(40));
        Assert.IsTrue(pair.IsFresh(41));
        Assert.IsFalse(set.Set(2, ZigBeeKey.DefaultTrustCenterLinkKey), "full");

        Assert.IsTrue(set.Set(1, ZigBeeKey.Read("0123456789abcdef"u8), ApsKeyAttribute.Verified));
        Assert.IsTrue(pair.IsFresh(0), "a new key starts its counters afresh");
        Assert.AreEqual(0u, pair.OutgoingFrameCounter);
        Assert.IsFalse(pair.IsFresh(uint.MaxValue), "0xFFFFFFFF is never valid");
        Assert.IsTrue(set.Remove(1));
        Assert.IsFalse(set.Remove(1));
    }
}
