using ZigBee.Simulation.Medium;
using ZigBee.Simulation.Topologies;

namespace ZigBee.Tests.Simulation;

[TestClass]
public sealed class TopologyTests
{
    [TestMethod]
    public void GridThreeByThreeCentreHearsEightCornerThreeEdgeFive()
    {
        var grid = Topology.Grid(9);

        Assert.HasCount(8, grid.ReceiversOf(4));
        CollectionAssert.AreEqual(new[] { 1, 3, 4 }, grid.ReceiversOf(0).ToArray());
        CollectionAssert.AreEqual(new[] { 4, 5, 7 }, grid.ReceiversOf(8).ToArray());
        CollectionAssert.AreEqual(new[] { 0, 2, 3, 4, 5 }, grid.ReceiversOf(1).ToArray());
        Assert.AreEqual(new TopologyPosition(2, 1), grid.Positions![5]);
    }

    [TestMethod]
    public void ReceiverListsHoldEveryNodesReceiversAscending()
    {
        var random = Topology.Random(40, seed: 7);

        var lists = random.ReceiverLists();

        Assert.HasCount(40, lists);
        for (var node = 0; node < 40; node++)
        {
            CollectionAssert.AreEqual(random.ReceiversOf(node).ToArray(), lists[node], $"node {node}");
        }

        Assert.IsGreaterThan(0, lists.Sum(list => list.Length));
    }

    [TestMethod]
    public void GridOfTenUsesFourColumnsAndAPartialLastRow()
    {
        var grid = Topology.Grid(10);

        CollectionAssert.AreEqual(new[] { 4, 5, 6, 8 }, grid.ReceiversOf(9).ToArray()); // (1,2) below 4,5,6; beside 8
        CollectionAssert.AreEqual(new[] { 5, 8, 9 }, grid.ReceiversOf(4).Where(n => n >= 5).ToArray());
    }

    [TestMethod]
    public void GridReachOfTwoPointThreeHearsOutToTheKnightsMove()
    {
        var grid = Topology.Grid(49, reach: 2.3); // 7×7, centre (3,3) is node 24

        Assert.HasCount(20, grid.ReceiversOf(24)); // the 5×5 square less its four corners
        Assert.Contains(24 + 7 + 2, grid.ReceiversOf(24)); // (5,4): the knight's move
        Assert.DoesNotContain(24 + 14 + 2, grid.ReceiversOf(24)); // (5,5): 2.83 away
        CollectionAssert.AreEqual(new[] { 1, 2, 7, 8, 9, 14, 15 }, grid.ReceiversOf(0).ToArray());
    }

    [TestMethod]
    public void GridWithTheDiagonalReachIsTheDefaultGridLinkForLink()
    {
        CollectionAssert.AreEqual(Topology.Grid(37).Links.ToArray(), Topology.Grid(37, Topology.DiagonalReach).Links.ToArray());
    }

    [TestMethod]
    public void GridReachBelowTheLatticeSpacingIsRefused()
    {
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => Topology.Grid(9, reach: 0.5));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => Topology.Grid(9, reach: double.NaN));
    }

    [TestMethod]
    public void LineNodesHearOnlyTheirNeighbours()
    {
        var line = Topology.Line(5);

        CollectionAssert.AreEqual(new[] { 1 }, line.ReceiversOf(0).ToArray());
        CollectionAssert.AreEqual(new[] { 1, 3 }, line.ReceiversOf(2).ToArray());
        CollectionAssert.AreEqual(new[] { 3 }, line.ReceiversOf(4).ToArray());
        Assert.HasCount(8, line.Links);
    }

    [TestMethod]
    public void StarCentreHearsAllLeavesHearOnlyTheCentre()
    {
        var star = Topology.Star(6);

        CollectionAssert.AreEqual(new[] { 1, 2, 3, 4, 5 }, star.ReceiversOf(0).ToArray());
        for (var leaf = 1; leaf < 6; leaf++)
        {
            CollectionAssert.AreEqual(new[] { 0 }, star.ReceiversOf(leaf).ToArray());
        }
    }

    [TestMethod]
    public void RandomLinksExactlyThePairsWithinRangeWithLqiFallingWithDistance()
    {
        var random = Topology.Random(40, seed: 11, range: 15);

        var positions = random.Positions!;
        for (var a = 0; a < 40; a++)
        {
            for (var b = 0; b < 40; b++)
            {
                var expected = a != b && positions[a].DistanceTo(positions[b]) <= 15;
                Assert.AreEqual(expected, random.ReceiversOf(a).Contains(b), $"{a}->{b}");
            }
        }

        var byDistance = random.Links.OrderBy(l => positions[l.From].DistanceTo(positions[l.To])).ToList();
        Assert.IsGreaterThan(40, byDistance.Count, "a connected-ish field");
        for (var i = 1; i < byDistance.Count; i++)
        {
            Assert.IsLessThanOrEqualTo(byDistance[i - 1].Lqi, byDistance[i].Lqi, "LQI never rises with distance");
        }

        Assert.IsGreaterThanOrEqualTo(LinkQuality.EdgeLqi, byDistance[^1].Lqi);
        Assert.IsGreaterThan(byDistance[^1].Lqi, byDistance[0].Lqi);
    }

    [TestMethod]
    public void RandomIsReproducibleFromItsSeed()
    {
        var first = Topology.Random(30, seed: 3);
        var again = Topology.Random(30, seed: 3);
        var other = Topology.Random(30, seed: 4);

        CollectionAssert.AreEqual(first.Links.ToArray(), again.Links.ToArray());
        CollectionAssert.AreNotEqual(first.Positions!.ToArray(), other.Positions!.ToArray());
    }

    [TestMethod]
    public void ExplicitLinksAreDirectedAndValidated()
    {
        var topology = Topology.FromLinks(3, [new TopologyLink(0, 1, 90, 0.5), new TopologyLink(2, 1)]);

        CollectionAssert.AreEqual(new[] { 1 }, topology.ReceiversOf(0).ToArray());
        Assert.IsEmpty(topology.ReceiversOf(1));
        Assert.ThrowsExactly<ArgumentException>(() => Topology.FromLinks(2, [new TopologyLink(0, 2)]));
        Assert.ThrowsExactly<ArgumentException>(() => Topology.FromLinks(2, [new TopologyLink(1, 1)]));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => Topology.FromLinks(2, [new TopologyLink(0, 1, 9, -0.1)]));
    }

    [TestMethod]
    public void CreateByNameAndRejectUnknownNames()
    {
        foreach (var kind in Topology.Kinds)
        {
            Assert.AreEqual(kind, Topology.Create(kind, 9, seed: 1).Kind);
        }

        Assert.ThrowsExactly<ArgumentException>(() => Topology.Create("mesh", 9));
    }

    [TestMethod]
    public void MediumAppliesATopologyReplacingEarlierLinks()
    {
        var bed = new MediumTestBed(4);
        bed.Medium.Link(1, 3);
        bed.Medium.ApplyTopology(Topology.Star(4));

        CollectionAssert.AreEqual(new[] { 0 }, bed.Medium.ReceiversOf(1).ToArray());
        CollectionAssert.AreEqual(new[] { 1, 2, 3 }, bed.Medium.ReceiversOf(0).ToArray());
        Assert.ThrowsExactly<ArgumentException>(() => bed.Medium.ApplyTopology(Topology.Line(5)));

        bed[3].Transmit(MediumTestBed.Frame(12));
        bed.Scheduler.RunUntilIdle();
        CollectionAssert.AreEqual(new[] { 0 }, bed.Receivers());
    }

    [TestMethod]
    public void LqiMapsOntoRssiMonotonically()
    {
        Assert.AreEqual((sbyte)LinkQuality.MinRssi, LinkQuality.RssiFromLqi(0));
        Assert.AreEqual((sbyte)LinkQuality.MaxRssi, LinkQuality.RssiFromLqi(255));
        for (var lqi = 1; lqi < 256; lqi++)
        {
            Assert.IsGreaterThanOrEqualTo(LinkQuality.RssiFromLqi((byte)(lqi - 1)), LinkQuality.RssiFromLqi((byte)lqi));
        }
    }
}
