using ZigBee.Aps.Service;
using ZigBee.Aps.Service.Primitives;
using ZigBee.Aps.Tables;

namespace ZigBee.Tests.Aps.Tables;

[TestClass]
public sealed class BindingTableTests
{
    private const ulong Local = 0x00124B0001020304;
    private const ulong Lamp = 0x00124B00AABBCC01;
    private const ulong Plug = 0x00124B00AABBCC02;
    private const ushort OnOff = 0x0006;
    private const ushort Level = 0x0008;

    [TestMethod]
    public void Bind_ThenMatches_ReturnsTheEntriesInTableOrder()
    {
        var table = new BindingTable(8);
        var toLamp = BindingEntry.ToDevice(Local, 1, OnOff, Lamp, 1);
        var toGroup = BindingEntry.ToGroup(Local, 1, OnOff, 0x0042);
        var otherCluster = BindingEntry.ToDevice(Local, 1, Level, Lamp, 1);
        var otherEndpoint = BindingEntry.ToDevice(Local, 2, OnOff, Plug, 3);

        Assert.AreEqual(ApsStatus.Success, table.Bind(toLamp));
        Assert.AreEqual(ApsStatus.Success, table.Bind(otherCluster));
        Assert.AreEqual(ApsStatus.Success, table.Bind(toGroup));
        Assert.AreEqual(ApsStatus.Success, table.Bind(otherEndpoint));

        Assert.AreEqual(4, table.Count);
        Assert.AreEqual(2, table.CountMatches(1, OnOff));
        Span<BindingEntry> found = stackalloc BindingEntry[8];
        var n = table.CopyMatches(1, OnOff, found);
        Assert.AreEqual(2, n);
        Assert.AreEqual(toLamp, found[0]);
        Assert.AreEqual(toGroup, found[1]);
        Assert.AreEqual(0, table.CountMatches(3, OnOff));
        Assert.AreEqual(0, table.CopyMatches(1, 0x0300, found));
        Assert.AreEqual(otherCluster, table[1]);
    }

    [TestMethod]
    public void CopyMatches_StopsAtTheDestinationLength()
    {
        var table = new BindingTable(4);
        for (byte ep = 1; ep <= 4; ep++)
        {
            Assert.AreEqual(ApsStatus.Success, table.Bind(BindingEntry.ToDevice(Local, 1, OnOff, Lamp, ep)));
        }

        Span<BindingEntry> two = stackalloc BindingEntry[2];
        Assert.AreEqual(2, table.CopyMatches(1, OnOff, two));
        Assert.AreEqual((byte)1, two[0].DstEndpoint);
        Assert.AreEqual((byte)2, two[1].DstEndpoint);
        Assert.AreEqual(0, table.CopyMatches(1, OnOff, Span<BindingEntry>.Empty));
        Assert.AreEqual(4, table.CountMatches(1, OnOff));
    }

    [TestMethod]
    public void Bind_SameEntryTwice_IsSuccessWithOneCopy()
    {
        var table = new BindingTable(4);
        var entry = BindingEntry.ToDevice(Local, 1, OnOff, Lamp, 1);

        Assert.AreEqual(ApsStatus.Success, table.Bind(entry));
        Assert.AreEqual(ApsStatus.Success, table.Bind(entry));
        Assert.AreEqual(1, table.Count);
        Assert.AreEqual(ApsStatus.Success, table.Bind(BindingEntry.ToDevice(Local, 1, OnOff, Lamp, 2)), "another destination endpoint is another binding");
        Assert.AreEqual(2, table.Count);
    }

    [TestMethod]
    public void GroupBinding_IgnoresTheDestinationEndpoint()
    {
        var table = new BindingTable(4);
        var withEndpoint = new BindingEntry(Local, 1, OnOff, ApsAddressMode.Group, 0x0042, 0x37);

        Assert.AreEqual(ApsStatus.Success, table.Bind(withEndpoint));
        Assert.AreEqual(ApsStatus.Success, table.Bind(BindingEntry.ToGroup(Local, 1, OnOff, 0x0042)));
        Assert.AreEqual(1, table.Count, "the same group binding");
        Assert.AreEqual(BindingEntry.ToGroup(Local, 1, OnOff, 0x0042), table[0], "stored without the meaningless endpoint");
        Assert.AreEqual((ushort)0x0042, table[0].GroupAddress);
        Assert.AreEqual(ApsStatus.Success, table.Unbind(withEndpoint with { DstEndpoint = 0x99 }));
        Assert.AreEqual(0, table.Count);
    }

    [TestMethod]
    public void Bind_WhenCapacityIsReached_IsTableFull()
    {
        var table = new BindingTable(3);
        for (byte ep = 1; ep <= 3; ep++)
        {
            Assert.AreEqual(ApsStatus.Success, table.Bind(BindingEntry.ToDevice(Local, ep, OnOff, Lamp, 1)));
        }

        Assert.AreEqual(3, table.Count);
        Assert.AreEqual(ApsStatus.TableFull, table.Bind(BindingEntry.ToDevice(Local, 4, OnOff, Lamp, 1)));
        Assert.AreEqual(ApsStatus.Success, table.Bind(BindingEntry.ToDevice(Local, 2, OnOff, Lamp, 1)), "already bound: no room needed");
        Assert.AreEqual(3, table.Count);

        Assert.AreEqual(ApsStatus.Success, table.Unbind(BindingEntry.ToDevice(Local, 1, OnOff, Lamp, 1)));
        Assert.AreEqual(ApsStatus.Success, table.Bind(BindingEntry.ToDevice(Local, 4, OnOff, Lamp, 1)), "room again after an unbind");
        Assert.AreEqual((byte)2, table[0].SrcEndpoint, "unbinding keeps the order of the rest");
        Assert.AreEqual((byte)4, table[2].SrcEndpoint);
    }

    [TestMethod]
    [DataRow((byte)0x00)]
    [DataRow((byte)0xFF)]
    public void Bind_SourceEndpointOutOfRange_IsIllegalRequest(byte srcEndpoint)
    {
        var table = new BindingTable(4);

        Assert.AreEqual(ApsStatus.IllegalRequest, table.Bind(BindingEntry.ToDevice(Local, srcEndpoint, OnOff, Lamp, 1)));
        Assert.AreEqual(ApsStatus.IllegalRequest, table.Bind(BindingEntry.ToGroup(Local, srcEndpoint, OnOff, 1)));
        Assert.AreEqual(ApsStatus.IllegalRequest, table.Unbind(BindingEntry.ToDevice(Local, srcEndpoint, OnOff, Lamp, 1)));
        Assert.AreEqual(0, table.Count);
    }

    [TestMethod]
    public void Bind_BoundaryEndpoints_AreAccepted()
    {
        var table = new BindingTable(4);

        Assert.AreEqual(ApsStatus.Success, table.Bind(BindingEntry.ToDevice(Local, 0x01, OnOff, Lamp, 0x01)));
        Assert.AreEqual(ApsStatus.Success, table.Bind(BindingEntry.ToDevice(Local, 0xFE, OnOff, Lamp, 0xFF)), "0xFF: every endpoint of the destination");
        Assert.AreEqual(2, table.Count);
    }

    [TestMethod]
    public void Bind_DeviceBindingToEndpointZero_IsIllegalRequest()
    {
        var table = new BindingTable(4);

        Assert.AreEqual(ApsStatus.IllegalRequest, table.Bind(BindingEntry.ToDevice(Local, 1, OnOff, Lamp, 0x00)));
        Assert.AreEqual(ApsStatus.IllegalRequest, table.Unbind(BindingEntry.ToDevice(Local, 1, OnOff, Lamp, 0x00)));
        Assert.AreEqual(0, table.Count);
    }

    [TestMethod]
    [DataRow(ApsAddressMode.None)]
    [DataRow(ApsAddressMode.Short)]
    [DataRow((ApsAddressMode)0x04)]
    [DataRow((ApsAddressMode)0xFF)]
    public void Bind_DestinationModeOtherThanGroupOrExtended_IsIllegalRequest(ApsAddressMode mode)
    {
        var table = new BindingTable(4);
        var entry = new BindingEntry(Local, 1, OnOff, mode, 0x1234, 1);

        Assert.AreEqual(ApsStatus.IllegalRequest, table.Bind(entry));
        Assert.AreEqual(ApsStatus.IllegalRequest, table.Unbind(entry));
        Assert.AreEqual(0, table.Count);
    }

    [TestMethod]
    public void Bind_GroupAboveSixteenBits_IsIllegalRequest()
    {
        var table = new BindingTable(4);

        Assert.AreEqual(ApsStatus.IllegalRequest, table.Bind(new BindingEntry(Local, 1, OnOff, ApsAddressMode.Group, 0x1_0042, 0)));
        Assert.AreEqual(ApsStatus.Success, table.Bind(BindingEntry.ToGroup(Local, 1, OnOff, 0xFFFF)));
        Assert.AreEqual(1, table.Count);
    }

    [TestMethod]
    public void Unbind_MissingEntry_IsInvalidBinding()
    {
        var table = new BindingTable(4);
        Assert.AreEqual(ApsStatus.InvalidBinding, table.Unbind(BindingEntry.ToDevice(Local, 1, OnOff, Lamp, 1)), "empty table");

        Assert.AreEqual(ApsStatus.Success, table.Bind(BindingEntry.ToDevice(Local, 1, OnOff, Lamp, 1)));
        Assert.AreEqual(ApsStatus.InvalidBinding, table.Unbind(BindingEntry.ToDevice(Local, 1, OnOff, Lamp, 2)), "other destination endpoint");
        Assert.AreEqual(ApsStatus.InvalidBinding, table.Unbind(BindingEntry.ToDevice(Local, 1, Level, Lamp, 1)), "other cluster");
        Assert.AreEqual(ApsStatus.InvalidBinding, table.Unbind(BindingEntry.ToDevice(Plug, 1, OnOff, Lamp, 1)), "other source");
        Assert.AreEqual(ApsStatus.InvalidBinding, table.Unbind(BindingEntry.ToGroup(Local, 1, OnOff, 1)), "group instead of device");
        Assert.AreEqual(1, table.Count);

        Assert.AreEqual(ApsStatus.Success, table.Unbind(BindingEntry.ToDevice(Local, 1, OnOff, Lamp, 1)));
        Assert.AreEqual(ApsStatus.InvalidBinding, table.Unbind(BindingEntry.ToDevice(Local, 1, OnOff, Lamp, 1)), "already gone");
        Assert.AreEqual(0, table.Count);
    }

    [TestMethod]
    public void RemoveDestination_DropsOnlyTheDepartedDevicesBindings()
    {
        var table = new BindingTable(8);
        table.Bind(BindingEntry.ToDevice(Local, 1, OnOff, Lamp, 1));
        table.Bind(BindingEntry.ToDevice(Local, 1, OnOff, Plug, 1));
        table.Bind(BindingEntry.ToDevice(Local, 2, Level, Lamp, 3));
        table.Bind(BindingEntry.ToGroup(Local, 1, OnOff, unchecked((ushort)Lamp)));
        table.Bind(BindingEntry.ToDevice(Lamp, 1, OnOff, Plug, 2));

        Assert.AreEqual(2, table.RemoveDestination(Lamp));

        Assert.AreEqual(3, table.Count);
        Assert.AreEqual(BindingEntry.ToDevice(Local, 1, OnOff, Plug, 1), table[0]);
        Assert.AreEqual(ApsAddressMode.Group, table[1].DstAddrMode, "a group whose number equals the address's low bits stays");
        Assert.AreEqual(Lamp, table[2].SrcAddress, "the departed device as a source is not a destination");
        Assert.AreEqual(0, table.RemoveDestination(Lamp));
        Assert.AreEqual(0, table.CountMatches(2, Level));
    }

    [TestMethod]
    public void Clear_EmptiesTheTable()
    {
        var table = new BindingTable(2);
        table.Bind(BindingEntry.ToDevice(Local, 1, OnOff, Lamp, 1));
        table.Bind(BindingEntry.ToDevice(Local, 1, OnOff, Plug, 1));

        table.Clear();

        Assert.AreEqual(0, table.Count);
        Assert.AreEqual(0, table.CountMatches(1, OnOff));
        Assert.IsFalse(table.Contains(BindingEntry.ToDevice(Local, 1, OnOff, Lamp, 1)));
        Assert.AreEqual(ApsStatus.Success, table.Bind(BindingEntry.ToDevice(Local, 1, OnOff, Lamp, 1)));
    }

    [TestMethod]
    public void Indexer_OutsideTheEntries_Throws()
    {
        var table = new BindingTable(4);
        table.Bind(BindingEntry.ToDevice(Local, 1, OnOff, Lamp, 1));

        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => table[1]);
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => table[-1]);
    }

    [TestMethod]
    public void BadCapacity_IsRejected()
    {
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new BindingTable(0));
        Assert.AreEqual(5, new BindingTable(5).Capacity);
    }
}
