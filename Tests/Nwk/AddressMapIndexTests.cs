using ZigBee.Nwk.Tables;

namespace ZigBee.Tests.Nwk;

/// <summary>The address map's indexes agree with its pairs through moves, evictions and removals.</summary>
[TestClass]
public sealed class AddressMapIndexTests
{
    [TestMethod]
    public void AMovedDevice_IsFoundUnderItsNewAddressOnly()
    {
        var map = new AddressMap(4);
        map.Set(0x1111, 0xA);
        map.Set(0x2222, 0xA);

        Assert.IsFalse(map.TryGetExtended(0x1111, out _));
        Assert.IsTrue(map.TryGetExtended(0x2222, out var ieee));
        Assert.AreEqual(0xAUL, ieee);
        Assert.IsTrue(map.TryGetNetwork(0xA, out var network));
        Assert.AreEqual((ushort)0x2222, network);
        Assert.AreEqual(1, map.Count);
    }

    [TestMethod]
    public void AFullMap_ForgetsTheOldestPairInBothDirections()
    {
        var map = new AddressMap(2);
        map.Set(1, 0xA);
        map.Set(2, 0xB);
        map.Set(3, 0xC);

        Assert.IsFalse(map.TryGetExtended(1, out _));
        Assert.IsFalse(map.TryGetNetwork(0xA, out _));
        Assert.IsTrue(map.TryGetExtended(3, out var c));
        Assert.AreEqual(0xCUL, c);
        Assert.IsTrue(map.TryGetNetwork(0xB, out var b));
        Assert.AreEqual((ushort)2, b);
    }

    [TestMethod]
    public void ARemovedConflictingAddress_LeavesTheOtherPairsFindable()
    {
        var map = new AddressMap(4);
        map.Set(1, 0xA);
        map.Set(2, 0xB);
        map.Set(3, 0xC);

        Assert.IsTrue(map.RemoveNetwork(1));
        Assert.IsFalse(map.TryGetExtended(1, out _));
        Assert.IsTrue(map.TryGetExtended(3, out var c), "the last pair moved into the freed slot");
        Assert.AreEqual(0xCUL, c);
        Assert.IsTrue(map.TryGetNetwork(0xB, out var b));
        Assert.AreEqual((ushort)2, b);
        map.Clear();
        Assert.IsFalse(map.TryGetNetwork(0xB, out _));
    }

    [TestMethod]
    public void TheProbeTableAgreesWithADictionaryThroughAddsMovesAndRemovals()
    {
        // Keys from a small range so probe chains collide and removals punch holes inside them.
        var random = new Random(11);
        var index = new ProbeTable<ushort, int>(64);
        var model = new Dictionary<ushort, int>();
        for (var step = 0; step < 200_000; step++)
        {
            var key = (ushort)(random.Next(0, 120) * (random.Next(2) == 0 ? 1 : 257));
            var slot = random.Next(0, 64);
            switch (random.Next(4))
            {
                case 0 when model.Count < 64 || model.ContainsKey(key):
                    index.Set(key, slot);
                    model[key] = slot;
                    break;
                case 1 when model.Count < 64:
                    Assert.AreEqual(model.TryAdd(key, slot), index.TryAdd(key, slot), $"step {step}");
                    break;
                case 2:
                    Assert.AreEqual(model.Remove(key), index.Remove(key), $"step {step}");
                    break;
                default:
                    Assert.AreEqual(model.TryGetValue(key, out var expected), index.TryGetValue(key, out var found), $"step {step}");
                    Assert.AreEqual(expected, found, $"step {step}");
                    break;
            }

            Assert.AreEqual(model.Count, index.Count, $"step {step}");
        }

        foreach (var (key, slot) in model)
        {
            Assert.IsTrue(index.TryGetValue(key, out var found));
            Assert.AreEqual(slot, found);
        }

        index.Clear();
        Assert.AreEqual(0, index.Count);
    }
}
