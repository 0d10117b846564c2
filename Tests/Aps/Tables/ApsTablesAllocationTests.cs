using ZigBee.Aps.Tables;

namespace ZigBee.Tests.Aps.Tables;

[TestClass]
public sealed class ApsTablesAllocationTests
{
    [TestMethod]
    public void PerFrameLookups_AllocateNothing()
    {
        var bindings = new BindingTable(16);
        var groups = new GroupTable(16);
        var duplicates = new ApsDuplicateRejectionTable(32, TimeSpan.FromSeconds(3));
        for (byte ep = 1; ep <= 8; ep++)
        {
            bindings.Bind(BindingEntry.ToDevice(0x00124B0000000001, 1, 0x0006, 0x00124B0000000100UL + ep, ep));
            groups.Add(0x0042, ep);
        }

        var found = new BindingEntry[16];
        var endpoints = new byte[16];
        var t0 = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var sum = 0;

        void Round(int i)
        {
            sum += bindings.CopyMatches(1, 0x0006, found) + bindings.CountMatches(1, 0x0006);
            sum += groups.CopyEndpoints(0x0042, endpoints) + (groups.IsMember(0x0042, 3) ? 1 : 0) + (groups.HasGroup(0x0043) ? 1 : 0);
            sum += duplicates.TryAccept((ushort)(i % 100), (byte)i, t0.AddMilliseconds(i)) ? 1 : 0;
        }

        Round(0);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 1; i <= 1000; i++)
        {
            Round(i);
        }

        Assert.AreEqual(0L, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.AreEqual(1001 * (8 + 8 + 8 + 1 + 0 + 1), sum);
    }
}
