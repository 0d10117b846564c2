using ZigBee.Aps.Service;
using ZigBee.Aps.Tables;

namespace ZigBee.Tests.Aps.Tables;

[TestClass]
public sealed class GroupTableTests
{
    [TestMethod]
    public void Add_ThenMembership_IsPerEndpoint()
    {
        var table = new GroupTable(8);

        Assert.AreEqual(ApsStatus.Success, table.Add(0x0042, 1));
        Assert.AreEqual(ApsStatus.Success, table.Add(0x0043, 2));

        Assert.IsTrue(table.IsMember(0x0042, 1));
        Assert.IsFalse(table.IsMember(0x0042, 2), "endpoint 2 is in another group");
        Assert.IsFalse(table.IsMember(0x0043, 1));
        Assert.IsTrue(table.HasGroup(0x0042));
        Assert.IsTrue(table.HasGroup(0x0043));
        Assert.IsFalse(table.HasGroup(0x0044));
        Assert.IsFalse(table.HasGroup(0x0041));
        Assert.AreEqual(2, table.Count);
    }

    [TestMethod]
    public void CopyEndpoints_IsAscendingWithoutDuplicates()
    {
        var table = new GroupTable(8);
        table.Add(0x0042, 9);
        table.Add(0x0042, 3);
        table.Add(0x0001, 4);
        table.Add(0x0042, 0xFE);
        table.Add(0x0042, 3);
        table.Add(0xFFFF, 1);
        table.Add(0x0042, 1);

        Span<byte> endpoints = stackalloc byte[8];
        var n = table.CopyEndpoints(0x0042, endpoints);

        CollectionAssert.AreEqual(new byte[] { 1, 3, 9, 0xFE }, endpoints[..n].ToArray());
        Assert.AreEqual(4, table.CountEndpoints(0x0042));
        Assert.AreEqual(1, table.CopyEndpoints(0xFFFF, endpoints));
        Assert.AreEqual((byte)1, endpoints[0]);
        Assert.AreEqual(0, table.CopyEndpoints(0x0002, endpoints));
        Assert.AreEqual(2, table.CopyEndpoints(0x0042, endpoints[..2]), "a short destination gets the lowest endpoints");
        Assert.AreEqual((byte)3, endpoints[1]);
        Assert.AreEqual(6, table.Count);
        Assert.AreEqual(new GroupMembership(0x0001, 4), table[0]);
        Assert.AreEqual(new GroupMembership(0xFFFF, 1), table[5]);
    }

    [TestMethod]
    public void Add_AlreadyMember_IsSuccessWithOneCopy()
    {
        var table = new GroupTable(2);

        Assert.AreEqual(ApsStatus.Success, table.Add(0x0042, 1));
        Assert.AreEqual(ApsStatus.Success, table.Add(0x0042, 1));
        Assert.AreEqual(1, table.Count);
    }

    [TestMethod]
    public void Add_WhenCapacityIsReached_IsTableFull()
    {
        var table = new GroupTable(3);
        Assert.AreEqual(ApsStatus.Success, table.Add(0x0001, 1));
        Assert.AreEqual(ApsStatus.Success, table.Add(0x0001, 2));
        Assert.AreEqual(ApsStatus.Success, table.Add(0x0002, 1));

        Assert.AreEqual(ApsStatus.TableFull, table.Add(0x0003, 1), "capacity counts pairs, not groups");
        Assert.AreEqual(ApsStatus.TableFull, table.Add(0x0001, 3));
        Assert.AreEqual(ApsStatus.Success, table.Add(0x0001, 2), "already a member: no room needed");
        Assert.AreEqual(3, table.Count);
        Assert.IsFalse(table.HasGroup(0x0003));

        Assert.AreEqual(ApsStatus.Success, table.Remove(0x0001, 1));
        Assert.AreEqual(ApsStatus.Success, table.Add(0x0003, 1));
        Assert.IsTrue(table.IsMember(0x0003, 1));
    }

    [TestMethod]
    [DataRow((byte)0x00)]
    [DataRow((byte)0xFF)]
    public void EndpointOutOfRange_IsInvalidParameter(byte endpoint)
    {
        var table = new GroupTable(4);
        table.Add(0x0042, 1);

        Assert.AreEqual(ApsStatus.InvalidParameter, table.Add(0x0042, endpoint));
        Assert.AreEqual(ApsStatus.InvalidParameter, table.Remove(0x0042, endpoint));
        Assert.AreEqual(ApsStatus.InvalidParameter, table.RemoveAll(endpoint));
        Assert.AreEqual(1, table.Count);
        Assert.IsFalse(table.IsMember(0x0042, endpoint));
    }

    [TestMethod]
    public void Remove_NotAMember_IsInvalidGroup()
    {
        var table = new GroupTable(4);
        Assert.AreEqual(ApsStatus.InvalidGroup, table.Remove(0x0042, 1), "empty table");
        table.Add(0x0042, 1);

        Assert.AreEqual(ApsStatus.InvalidGroup, table.Remove(0x0042, 2), "the group exists, this endpoint is not in it");
        Assert.AreEqual(ApsStatus.InvalidGroup, table.Remove(0x0043, 1), "no such group");
        Assert.AreEqual(ApsStatus.Success, table.Remove(0x0042, 1));
        Assert.AreEqual(ApsStatus.InvalidGroup, table.Remove(0x0042, 1), "already removed");
        Assert.AreEqual(0, table.Count);
        Assert.IsFalse(table.HasGroup(0x0042));
    }

    [TestMethod]
    public void Remove_LeavesTheOtherEndpointsOfTheGroup()
    {
        var table = new GroupTable(4);
        table.Add(0x0042, 1);
        table.Add(0x0042, 2);

        Assert.AreEqual(ApsStatus.Success, table.Remove(0x0042, 1));

        Assert.IsTrue(table.HasGroup(0x0042));
        Assert.IsTrue(table.IsMember(0x0042, 2));
        Assert.IsFalse(table.IsMember(0x0042, 1));
    }

    [TestMethod]
    public void RemoveAll_TakesOneEndpointOutOfEveryGroup()
    {
        var table = new GroupTable(8);
        table.Add(0x0001, 5);
        table.Add(0x0001, 6);
        table.Add(0x0002, 5);
        table.Add(0x0003, 5);
        table.Add(0x0003, 7);

        Assert.AreEqual(ApsStatus.Success, table.RemoveAll(5));

        Assert.AreEqual(2, table.Count);
        Assert.IsFalse(table.HasGroup(0x0002), "endpoint 5 was its only member");
        Assert.IsTrue(table.IsMember(0x0001, 6));
        Assert.IsTrue(table.IsMember(0x0003, 7));
        Assert.IsFalse(table.IsMember(0x0003, 5));
        Assert.AreEqual(ApsStatus.Success, table.RemoveAll(5), "in no group: still Success");
        Assert.AreEqual(ApsStatus.Success, table.RemoveAll(0xFE));
        Assert.AreEqual(2, table.Count);
        Assert.AreEqual(ApsStatus.Success, table.Add(0x0002, 1), "the sorted order survived the removal");
        Assert.AreEqual(new GroupMembership(0x0002, 1), table[1]);
    }

    [TestMethod]
    public void Clear_EmptiesTheTable()
    {
        var table = new GroupTable(2);
        table.Add(0x0042, 1);
        table.Add(0x0043, 1);

        table.Clear();

        Assert.AreEqual(0, table.Count);
        Assert.IsFalse(table.HasGroup(0x0042));
        Assert.AreEqual(ApsStatus.Success, table.Add(0x0044, 1));
    }

    [TestMethod]
    public void BadCapacityAndIndex_AreRejected()
    {
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new GroupTable(0));
        var table = new GroupTable(2);
        Assert.AreEqual(2, table.Capacity);
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => table[0]);
    }
}
