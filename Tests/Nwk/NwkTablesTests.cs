using ZigBee.Nwk.Nib;
using ZigBee.Nwk.Tables;

namespace ZigBee.Tests.Nwk;

[TestClass]
public sealed class NwkTablesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [TestMethod]
    public void LinkCost_FallsWithLqi_From1To7()
    {
        Assert.AreEqual((byte)1, LinkCost.FromLqi(255));
        Assert.AreEqual((byte)1, LinkCost.FromLqi(208));
        Assert.AreEqual((byte)2, LinkCost.FromLqi(207));
        Assert.AreEqual((byte)3, LinkCost.FromLqi(112));
        Assert.AreEqual((byte)7, LinkCost.FromLqi(0));
        for (var lqi = 1; lqi < 256; lqi++)
        {
            Assert.IsLessThanOrEqualTo(LinkCost.FromLqi((byte)(lqi - 1)), LinkCost.FromLqi((byte)lqi));
        }
    }

    [TestMethod]
    public void NeighborTable_FindsByEitherAddress_AndNeverEvictsChildrenOrParent()
    {
        var table = new NeighborTable(3);
        var child = table.GetOrAdd(0x1001, 0xA1)!;
        child.Relationship = NeighborRelationship.Child;
        child.DeviceType = NwkDeviceRole.EndDevice;
        var parent = table.GetOrAdd(0x0000, 0xA0)!;
        parent.Relationship = NeighborRelationship.Parent;
        var sibling = table.GetOrAdd(0x2002, 0)!;
        sibling.DeviceType = NwkDeviceRole.Router;

        Assert.AreSame(child, table.Find(0x1001));
        Assert.AreSame(child, table.FindExtended(0xA1));
        Assert.IsNull(table.Find(0xFFFF));
        Assert.IsNull(table.FindExtended(0));
        Assert.AreSame(sibling, table.GetOrAdd(0x2002, 0xA2), "learns the IEEE address");
        Assert.AreEqual(0xA2UL, sibling.ExtendedAddress);
        Assert.AreEqual(1, table.ChildCount);
        Assert.AreEqual(1, table.EndDeviceChildCount);

        var newcomer = table.GetOrAdd(0x3003, 0xA3);
        Assert.IsNotNull(newcomer, "the sibling made room");
        Assert.IsNull(table.Find(0x2002));
        newcomer.Relationship = NeighborRelationship.Child;
        Assert.IsNull(table.GetOrAdd(0x4004, 0xA4), "full of children and a parent: NEIGHBOR_TABLE_FULL");
        Assert.AreEqual(3, table.Count);
    }

    [TestMethod]
    public void NeighborEntry_SymmetricLinkCost_IsTheWorseDirectionOnceKnown()
    {
        var table = new NeighborTable(2);
        var n = table.GetOrAdd(1, 0)!;
        n.IncomingCost = 2;
        Assert.AreEqual((byte)2, n.LinkCostFor(symmetric: true), "outgoing not known yet");
        n.OutgoingCost = 5;
        Assert.AreEqual((byte)5, n.LinkCostFor(symmetric: true));
        Assert.AreEqual((byte)2, n.LinkCostFor(symmetric: false));
    }

    [TestMethod]
    public void NeighborTable_ReusesRemovedEntriesReset()
    {
        var table = new NeighborTable(1);
        var first = table.GetOrAdd(5, 0x55)!;
        first.Relationship = NeighborRelationship.Child;
        first.Lqi = 99;
        Assert.IsTrue(table.Remove(5));
        Assert.IsFalse(table.Remove(5));
        var second = table.GetOrAdd(6, 0x66)!;
        Assert.AreSame(first, second);
        Assert.AreEqual(NeighborRelationship.None, second.Relationship);
        Assert.AreEqual((byte)0, second.Lqi);
    }

    [TestMethod]
    public void RoutingTable_KeepsRoutesUnderDiscovery_AndReplacesTheLeastRecentlyUsed()
    {
        var table = new RoutingTable(2);
        var a = table.GetOrAdd(0xA, T0);
        a.Status = RouteStatus.DiscoveryUnderway;
        var b = table.GetOrAdd(0xB, T0.AddSeconds(1));
        b.Status = RouteStatus.Active;
        b.NextHopAddress = 0x1;
        Assert.IsTrue(table.TryGetNextHop(0xB, out var hop));
        Assert.AreEqual((ushort)0x1, hop);
        Assert.IsFalse(table.TryGetNextHop(0xA, out _), "not active yet");

        table.GetOrAdd(0xC, T0.AddSeconds(2));
        Assert.IsNotNull(table.Find(0xA), "discovery underway is kept");
        Assert.IsNull(table.Find(0xB));
        Assert.AreEqual(2, table.Count);
    }

    [TestMethod]
    public void RoutingTable_InvalidateVia_MarksOnlyActiveRoutesThroughThatHop()
    {
        var table = new RoutingTable(4);
        foreach (var (dst, hop) in new (ushort, ushort)[] { (1, 9), (2, 9), (3, 8) })
        {
            var r = table.GetOrAdd(dst, T0);
            r.Status = RouteStatus.Active;
            r.NextHopAddress = hop;
        }

        Assert.AreEqual(2, table.InvalidateVia(9));
        Assert.AreEqual(RouteStatus.Inactive, table.Find(1)!.Status);
        Assert.AreEqual(RouteStatus.Active, table.Find(3)!.Status);
        Assert.IsTrue(table.Remove(3));
        Assert.IsFalse(table.Remove(3));
    }

    [TestMethod]
    public void RouteDiscoveryTable_KeyedBySourceAndId_ExpiresAndRefusesWhenFull()
    {
        var table = new RouteDiscoveryTable(2);
        Assert.IsNotNull(table.Add(0x10, 1, 0x20, 0x30, 4, T0.AddSeconds(10)));
        Assert.IsNotNull(table.Add(0x10, 2, 0x21, 0x30, 4, T0.AddSeconds(5)));
        Assert.IsNull(table.Add(0x11, 1, 0x20, 0x30, 4, T0.AddSeconds(10)));
        Assert.AreEqual((ushort)0x21, table.Find(0x10, 2)!.SenderAddress);
        Assert.AreEqual((byte)0xFF, table.Find(0x10, 2)!.ResidualCost);
        Assert.IsNull(table.Find(0x11, 1));
        Assert.AreEqual(T0.AddSeconds(5), table.NextExpiry);
        Assert.AreEqual(1, table.Expire(T0.AddSeconds(5)));
        Assert.IsNull(table.Find(0x10, 2));
        Assert.AreEqual(1, table.Count);
    }

    [TestMethod]
    public void RouteDiscoveryTable_ExpiresNothingBeforeTheEarliestAndTracksTheNextOne()
    {
        var table = new RouteDiscoveryTable(4);
        table.Add(0x10, 1, 0x20, 0x30, 4, T0.AddSeconds(10));
        table.Add(0x11, 1, 0x20, 0x30, 4, T0.AddSeconds(3));
        table.Add(0x12, 1, 0x20, 0x30, 4, T0.AddSeconds(7));

        Assert.AreEqual(0, table.Expire(T0.AddSeconds(2.9)));
        Assert.AreEqual(3, table.Count);
        Assert.AreEqual(1, table.Expire(T0.AddSeconds(3)));
        Assert.AreEqual(0, table.Expire(T0.AddSeconds(6.9)), "the next earliest is 7 s");
        Assert.AreEqual(1, table.Expire(T0.AddSeconds(7)));
        Assert.IsNotNull(table.Find(0x10, 1));
        table.Clear();
        table.Add(0x13, 1, 0x20, 0x30, 4, T0.AddSeconds(1));
        Assert.AreEqual(1, table.Expire(T0.AddSeconds(1)));
        Assert.AreEqual(0, table.Count);
    }

    [TestMethod]
    public void BroadcastTransactionTable_DetectsDuplicates_CollectsPassiveAcks_Expires()
    {
        var btt = new BroadcastTransactionTable(2, maxNeighbors: 2);
        var r = btt.Add(0x1234, 7, T0.AddSeconds(9))!;
        Assert.AreSame(r, btt.Find(0x1234, 7));
        Assert.IsNull(btt.Find(0x1234, 8));
        Assert.IsTrue(r.MarkRelayed(0x1));
        Assert.IsFalse(r.MarkRelayed(0x1), "once per neighbour");
        Assert.IsTrue(r.MarkRelayed(0x2));
        Assert.IsTrue(r.HasRelayed(0x2));
        Assert.IsFalse(r.HasRelayed(0x3));
        Assert.IsNotNull(btt.Add(0x1234, 8, T0.AddSeconds(10)));
        Assert.IsNull(btt.Add(0x9999, 1, T0.AddSeconds(10)), "BT_TABLE_FULL");
        Assert.AreEqual(1, btt.Expire(T0.AddSeconds(9)));
        Assert.IsNull(btt.Find(0x1234, 7));
        var reused = btt.Add(0x5555, 1, T0.AddSeconds(20))!;
        Assert.AreEqual(0, reused.RelayCount, "a reused record starts clean");
    }

    [TestMethod]
    public void BothFloodTables_FindEveryEntryLeftAfterOneInTheMiddleExpires()
    {
        var discoveries = new RouteDiscoveryTable(6);
        var broadcasts = new BroadcastTransactionTable(4);
        for (var i = 0; i < 4; i++)
        {
            var expiry = T0.AddSeconds(i == 1 ? 1 : 10);
            discoveries.Add((ushort)(0x100 + i), (byte)i, 0x20, 0x30, 4, expiry);
            broadcasts.Add((ushort)(0x100 + i), (byte)i, expiry);
        }

        Assert.AreEqual(1, discoveries.Expire(T0.AddSeconds(1)));
        Assert.AreEqual(1, broadcasts.Expire(T0.AddSeconds(1)));
        foreach (var i in new[] { 0, 2, 3 })
        {
            Assert.AreEqual((ushort)(0x100 + i), discoveries.Find((ushort)(0x100 + i), (byte)i)!.SourceAddress);
            Assert.AreEqual((byte)i, broadcasts.Find((ushort)(0x100 + i), (byte)i)!.SequenceNumber);
        }

        Assert.IsNull(discoveries.Find(0x101, 1));
        Assert.IsNull(broadcasts.Find(0x101, 1));
        Assert.IsNull(discoveries.Find(0x100, 1), "the originator with another request id");
        Assert.IsNull(broadcasts.Find(0x101, 0), "another sequence number");

        // The oldest is taken from the middle too (a many-to-one request making room).
        discoveries.Add(0x110, 9, 0x20, 0x30, 4, T0.AddSeconds(2));
        discoveries.Add(0x111, 9, 0x20, 0x30, 4, T0.AddSeconds(12));
        Assert.IsTrue(discoveries.RemoveOldest());
        Assert.IsNull(discoveries.Find(0x110, 9));
        foreach (var (source, id) in new (ushort, byte)[] { (0x100, 0), (0x102, 2), (0x103, 3), (0x111, 9) })
        {
            Assert.AreEqual(source, discoveries.Find(source, id)!.SourceAddress);
        }
    }

    [TestMethod]
    public void AddressMap_MapsBothWays_UpdatesMovedDevices_AndWrapsWhenFull()
    {
        var map = new AddressMap(2);
        map.Set(0x0001, 0xA);
        map.Set(0x0002, 0xB);
        Assert.IsTrue(map.TryGetExtended(0x0001, out var ext));
        Assert.AreEqual(0xAUL, ext);
        map.Set(0x0003, 0xA);
        Assert.IsTrue(map.TryGetNetwork(0xA, out var nwk));
        Assert.AreEqual((ushort)0x0003, nwk);
        Assert.IsFalse(map.TryGetExtended(0x0001, out _));
        map.Set(0x0004, 0xC);
        Assert.AreEqual(2, map.Count);
        map.Set(0xFFFF, 0xD);
        map.Set(0x0005, 0);
        Assert.IsFalse(map.TryGetNetwork(0xD, out _), "broadcast addresses and IEEE 0 are not kept");
        Assert.IsTrue(map.RemoveNetwork(0x0004));
        Assert.IsFalse(map.TryGetNetwork(0xC, out _));
    }

    [TestMethod]
    public void RouteRecordTable_KeepsTheRelayList_ReplacesTheOldest()
    {
        var table = new RouteRecordTable(2, maxRelays: 3);
        Assert.IsTrue(table.Set(0x10, [1, 2], T0));
        Assert.IsTrue(table.Set(0x11, [3], T0.AddSeconds(1)));
        Assert.IsFalse(table.Set(0x12, [1, 2, 3, 4], T0.AddSeconds(2)), "longer than kept");
        Assert.IsTrue(table.Set(0x12, [7, 8, 9], T0.AddSeconds(2)));
        Assert.IsFalse(table.TryGet(0x10, out _), "the oldest went");
        Assert.IsTrue(table.TryGet(0x12, out var relays));
        CollectionAssert.AreEqual(new ushort[] { 7, 8, 9 }, relays.ToArray());
        Assert.IsTrue(table.Remove(0x11));
        Assert.AreEqual(1, table.Count);
    }

    [TestMethod]
    public void RouteRecordTable_SlotsUsedAfterARemoveKeepTheirOwnRelays()
    {
        var table = new RouteRecordTable(3, maxRelays: 4);
        Assert.IsTrue(table.Set(0x10, [1, 2, 3], T0));
        Assert.IsTrue(table.Set(0x11, [4], T0));
        Assert.IsTrue(table.Remove(0x10));
        Assert.IsTrue(table.Set(0x12, [5, 6], T0));
        Assert.IsTrue(table.Set(0x13, [], T0));

        Assert.IsTrue(table.TryGet(0x11, out var a));
        CollectionAssert.AreEqual(new ushort[] { 4 }, a.ToArray());
        Assert.IsTrue(table.TryGet(0x12, out var b));
        CollectionAssert.AreEqual(new ushort[] { 5, 6 }, b.ToArray());
        Assert.IsTrue(table.TryGet(0x13, out var c));
        Assert.AreEqual(0, c.Length);
    }

    [TestMethod]
    public void Nib_HasTheSpecDefaults()
    {
        var scheduler = new ZigBee.Simulation.Scheduling.SimulationScheduler();
        var medium = new ZigBee.Simulation.Medium.SimulatedMedium(scheduler, 1);
        var mac = new ZigBee.Mac.Service.MacService(medium.AddNode(0x00124B00FFFFFFFFUL), scheduler.Time, new Random(1));
        var nib = new ZigBee.Nwk.Service.NwkService(mac, scheduler.Time, new Random(1)).Nib;
        Assert.AreEqual((byte)3, nib.MaxBroadcastRetries);
        Assert.AreEqual((byte)15, nib.MaxDepth);
        Assert.AreEqual((byte)30, nib.DefaultRadius);
        Assert.IsTrue(nib.SymLink);
        Assert.AreEqual(NwkAddressAllocation.Stochastic, nib.AddrAlloc);
        Assert.IsFalse(nib.UseTreeRouting);
        Assert.AreEqual((byte)2, nib.StackProfile);
        Assert.AreEqual(TimeSpan.FromSeconds(15), nib.LinkStatusPeriod);
        Assert.AreEqual((byte)3, nib.RouterAgeLimit);
        Assert.AreEqual((byte)8, nib.EndDeviceTimeoutDefault);
        Assert.AreEqual((ushort)0xFFFF, nib.NetworkAddress);
        Assert.AreEqual(0x00124B00FFFFFFFFUL, nib.IeeeAddress);
        Assert.AreEqual(TimeSpan.FromSeconds(10), NwkNib.EndDeviceTimeout(0));
        Assert.AreEqual(TimeSpan.FromMinutes(2), NwkNib.EndDeviceTimeout(1));
        Assert.AreEqual(TimeSpan.FromMinutes(256), NwkNib.EndDeviceTimeout(8));
        Assert.AreEqual(TimeSpan.FromMinutes(16384), NwkNib.EndDeviceTimeout(14));
    }

    [TestMethod]
    public void NwkStatus_HasTheSpecValues()
    {
        byte[] values =
        [
            (byte)ZigBee.Nwk.Service.NwkStatus.Success, (byte)ZigBee.Nwk.Service.NwkStatus.InvalidParameter,
            (byte)ZigBee.Nwk.Service.NwkStatus.NeighborTableFull, (byte)ZigBee.Nwk.Service.NwkStatus.NoNetworks,
            (byte)ZigBee.Nwk.Service.NwkStatus.RouteDiscoveryFailed, (byte)ZigBee.Nwk.Service.NwkStatus.FrameNotBuffered,
        ];
        CollectionAssert.AreEqual(new byte[] { 0x00, 0xC1, 0xC7, 0xCA, 0xD0, 0xD3 }, values);
    }
}
