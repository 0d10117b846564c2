using ZigBee.Nwk;
using ZigBee.Nwk.Service;
using ZigBee.Nwk.Service.Primitives;
using ZigBee.Simulation.Pcap;
using ZigBee.Simulation.Topologies;

namespace ZigBee.Tests.Nwk;

[TestClass]
public sealed class NwkTsharkInteropTests
{
    private const string BadFrameFilter = "_ws.malformed || _ws.expert.severity >= \"error\" || wpan.fcs_ok == 0";

    public TestContext TestContext { get; set; } = null!;

    /// <summary>
    /// An NSDU that is a well-formed APS data frame (On/Off cluster, Home Automation profile, ZCL Off command), so
    /// the dissector above the NWK has nothing to call malformed.
    /// </summary>
    private static byte[] Aps(byte counter, bool broadcast = false) =>
        [(byte)(broadcast ? 0x08 : 0x00), broadcast ? (byte)0xFF : (byte)0x01, 0x06, 0x00, 0x04, 0x01, 0x01, counter, 0x01, counter, 0x00];

    [TestMethod]
    public async Task TsharkReadsEveryNwkFrameOfARun_NoneMalformed()
    {
        Tshark.Locate();
        var bed = new NwkTestBed(Topology.Grid(9), seed: 71, nib: (i, nib) => nib.IsConcentrator = i == 0);
        var path = Path.Combine(TestContext.TestRunResultsDirectory ?? Path.GetTempPath(), $"nwk-{Guid.NewGuid():N}.pcap");
        using (var stream = File.Create(path))
        using (new MediumPcapSink(bed.Medium, stream, leaveOpen: true))
        {
            bed.FormAndJoinAll(sleepy: new HashSet<int> { 8 });
            bed.Send(6, 2, Aps(1));
            bed.Send(2, 0, Aps(2));
            bed.Send(0, 2, Aps(3));
            bed.Send(0, 8, Aps(4));
            bed.Run(async () => await bed[4].DataRequestAsync(new NldeDataRequest(NwkAddressMode.Unicast, NwkConstants.BroadcastAll, Aps(5, broadcast: true), 1)));
            bed.Scheduler.RunFor(TimeSpan.FromSeconds(5));
            var parent = Array.FindIndex(bed.Nodes, n => n.NetworkAddress == bed[8].ParentAddress);
            Assert.AreEqual(NwkStatus.Success, bed.Run(() => bed[parent].LeaveAsync(new NlmeLeaveRequest(bed[8].ExtendedAddress))));
            bed.Scheduler.RunFor(TimeSpan.FromSeconds(2));
        }

        try
        {
            var bad = await Tshark.LinesAsync(["-r", path, "-Y", BadFrameFilter, "-T", "fields", "-e", "frame.number"], TestContext.CancellationToken);
            var commands = await Tshark.LinesAsync(["-r", path, "-Y", "zbee_nwk", "-T", "fields", "-e", "zbee_nwk.cmd.id"], TestContext.CancellationToken);
            var data = await Tshark.LinesAsync(["-r", path, "-Y", "zbee_nwk.frame_type == 0", "-T", "fields", "-e", "frame.number"], TestContext.CancellationToken);

            Assert.IsEmpty(bad, $"frames tshark calls malformed: {string.Join(", ", bad.Take(10))}");
            Assert.IsNotEmpty(data, "data frames seen as ZigBee NWK");
            var ids = commands.Where(c => c.Length > 0).Distinct().ToArray();
            CollectionAssert.IsSubsetOf(new[] { "0x01", "0x02", "0x04", "0x05", "0x08", "0x0b", "0x0c" }, ids,
                $"route request, route reply, leave, route record, link status, end device timeout request/response; saw {string.Join(" ", ids)}");
        }
        finally
        {
            File.Delete(path);
        }
    }
}
