using ZigBee.Mac.Frames;
using ZigBee.Mac.Service;
using ZigBee.Tests.Mac.Fakes;

namespace ZigBee.Tests.Mac.Service;

[TestClass]
public sealed class DeterminismTests
{
    private static List<AirFrame> Scenario(int seed)
    {
        var bed = new MacTestBed();
        var (coordinator, _) = bed.AddCoordinator(0xC0, seed: seed);
        coordinator.AssociateIndication += (in MlmeAssociateIndication i) =>
            _ = coordinator.AssociateResponseAsync(new MlmeAssociateResponse(i.DeviceAddress, (ushort)(i.DeviceAddress & 0xFF), MacStatus.Success));
        var devices = Enumerable.Range(1, 4).Select(i => bed.AddNode((ulong)i, seed: seed + i).Mac).ToList();
        var joins = devices.Select(d => bed.Start(() => d.AssociateRequestAsync(
            new MlmeAssociateRequest(11, MacTestBed.PanId, MacAddress.FromShort(0), CapabilityInformation.Create(true, true, true))))).ToList();
        foreach (var join in joins)
        {
            Assert.AreEqual(MacStatus.Success, bed.Wait(join).Status);
        }

        var sends = devices.Select(d => bed.Send(d, MacTestBed.ToShort(0x0000, [1, 2, 3]))).ToList();
        foreach (var send in sends)
        {
            bed.Wait(send);
        }

        return bed.Air.Log;
    }

    [TestMethod]
    public void SameSeedGivesTheSameFramesAtTheSameInstants()
    {
        var first = Scenario(17);
        var second = Scenario(17);
        Assert.HasCount(first.Count, second);
        for (var i = 0; i < first.Count; i++)
        {
            Assert.AreEqual(first[i].Start, second[i].Start);
            CollectionAssert.AreEqual(first[i].Psdu, second[i].Psdu);
        }

        var other = Scenario(18);
        Assert.IsFalse(other.Count == first.Count && other.Zip(first).All(p => p.First.Start == p.Second.Start), "another seed, another run");
    }
}
