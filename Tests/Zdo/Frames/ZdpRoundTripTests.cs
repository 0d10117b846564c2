using ZigBee.Mac.Frames;
using ZigBee.Zdo.Frames;

namespace ZigBee.Tests.Zdo.Frames;

/// <summary>
/// Every ZDP message decodes to the values it was built from and re-encodes to the same bytes; every shorter input is
/// refused; decoded lists read back through counts and indexers without copying.
/// </summary>
[TestClass]
public sealed class ZdpRoundTripTests
{
    [TestMethod]
    public void EveryClusterHasACodecAndASample()
    {
        foreach (var cluster in Enum.GetValues<ZdpClusterId>())
        {
            Assert.IsTrue(ZdpCodecs.ByCluster.ContainsKey(cluster), $"{cluster} has no codec");
            Assert.IsTrue(ZdpSamples.All.Any(s => s.Cluster == cluster), $"{cluster} has no sample");
        }

        Assert.HasCount(38, Enum.GetValues<ZdpClusterId>());
    }

    [TestMethod]
    public void EverySampleReencodesToItsBytes()
    {
        var again = new byte[256];
        foreach (var (name, cluster, fields) in ZdpSamples.All)
        {
            var length = ZdpCodecs.ByCluster[cluster](fields, again);
            Assert.AreEqual(fields.Length, length, name);
            CollectionAssert.AreEqual(fields, again[..length], name);
        }
    }

    [TestMethod]
    public void DecodingAndEncodingAllocateNothing()
    {
        var again = new byte[256];
        var samples = ZdpSamples.All;
        var codecs = new ZdpCodecs.RoundTrip[samples.Count];
        for (var i = 0; i < samples.Count; i++)
        {
            codecs[i] = ZdpCodecs.ByCluster[samples[i].Cluster];
            codecs[i](samples[i].Fields, again); // first calls JIT-compile
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var round = 0; round < 100; round++)
        {
            for (var i = 0; i < samples.Count; i++)
            {
                codecs[i](samples[i].Fields, again);
            }
        }

        Assert.AreEqual(0L, GC.GetAllocatedBytesForCurrentThread() - before, "bytes allocated by 100 rounds of decoding and re-encoding every sample");
    }

    [TestMethod]
    public void TruncatedInputsAreRefused()
    {
        var again = new byte[256];
        foreach (var (name, cluster, fields) in ZdpSamples.All)
        {
            for (var cut = 0; cut < fields.Length; cut++)
            {
                var length = ZdpCodecs.ByCluster[cluster](fields.AsSpan(0, cut), again);
                if (ZdpCodecs.OpenEnded.Contains(cluster) && length >= 0)
                {
                    // Only the single response within an extended one: status and the two addresses, exactly.
                    Assert.AreEqual(11, cut, $"{name} cut to {cut} bytes must be refused");
                    Assert.AreEqual(cut, length, name);
                    continue;
                }

                Assert.AreEqual(-1, length, $"{name} cut to {cut} bytes must be refused");
            }
        }
    }

    [TestMethod]
    public void ExtendedAddressResponseCountsTheAddressesThatFollow()
    {
        var (_, _, fields) = ZdpSamples.All.Single(s => s.Name == "NWK_addr_rsp extended");
        Assert.AreEqual((byte)3, fields[11], "NumAssocDev is the count of addresses in this frame (R22 §2.4.4.2.1)");
        Assert.IsTrue(NwkAddrResponse.TryDecode(fields, out var response));
        Assert.IsTrue(response.IsExtended);
        Assert.AreEqual((byte)2, response.StartIndex);
        Assert.AreEqual((ushort)0x3333, response.AssociatedDevices[2]);
        Assert.IsFalse(NwkAddrResponse.TryDecode(fields.AsSpan(0, 12), out _), "NumAssocDev > 0 needs its StartIndex");
        Assert.HasCount(12, ZdpSamples.All.Single(s => s.Name == "NWK_addr_rsp extended without devices").Fields, "no StartIndex without devices");
    }

    [TestMethod]
    public void NodeDescriptorResponseReadsBackEveryField()
    {
        var (_, _, fields) = ZdpSamples.All.Single(s => s.Name == "Node_Desc_rsp");
        Assert.HasCount(16, fields, "status, NWKAddrOfInterest and the 13-octet node descriptor");
        Assert.IsTrue(NodeDescResponse.TryDecode(fields, out var response));
        Assert.AreEqual(ZdpStatus.Success, response.Status);
        Assert.AreEqual((ushort)0x796F, response.NwkAddrOfInterest);
        Assert.AreEqual(ZdpSamples.Node, response.Descriptor);
        Assert.AreEqual(22, response.Descriptor.ServerMask.StackComplianceRevision);
        Assert.IsTrue(response.Descriptor.MacCapability.ReceiverOnWhenIdle);
    }

    [TestMethod]
    public void FailedDescriptorResponsesCarryNoDescriptor()
    {
        Assert.HasCount(3, ZdpSamples.All.Single(s => s.Name == "Node_Desc_rsp not active").Fields);
        Assert.HasCount(3, ZdpSamples.All.Single(s => s.Name == "Power_Desc_rsp device not found").Fields);
        CollectionAssert.AreEqual(new byte[] { 0x82, 0x6F, 0x79, 0x00 }, ZdpSamples.All.Single(s => s.Name == "Simple_Desc_rsp invalid endpoint").Fields);
        Assert.IsTrue(NodeDescResponse.TryDecode([0x81, 0x34, 0x12], out var failed));
        Assert.AreEqual(ZdpStatus.DeviceNotFound, failed.Status);
        Assert.AreEqual(default, failed.Descriptor);
    }

    [TestMethod]
    public void SimpleDescriptorListsAreViewsWithCountsAndIndexers()
    {
        var (_, _, fields) = ZdpSamples.All.Single(s => s.Name == "Simple_Desc_rsp");
        Assert.IsTrue(SimpleDescResponse.TryDecode(fields, out var response));
        var descriptor = response.Descriptor;
        Assert.AreEqual((byte)1, descriptor.Endpoint);
        Assert.AreEqual((ushort)0x0104, descriptor.ProfileId);
        Assert.AreEqual((ushort)0x0100, descriptor.DeviceId);
        Assert.AreEqual(4, descriptor.InputClusters.Count);
        Assert.AreEqual((ushort)0x0006, descriptor.InputClusters[2]);
        Assert.AreEqual(1, descriptor.OutputClusters.Count);
        Assert.AreEqual((ushort)0x0019, descriptor.OutputClusters[0]);
        var copied = new ushort[4];
        Assert.AreEqual(4, descriptor.InputClusters.CopyTo(copied));
        CollectionAssert.AreEqual(new ushort[] { 0x0000, 0x0003, 0x0006, 0x0008 }, copied);
        var enumerated = new List<ushort>();
        foreach (var cluster in descriptor.InputClusters)
        {
            enumerated.Add(cluster);
        }

        CollectionAssert.AreEqual(copied, enumerated);
        try
        {
            _ = descriptor.InputClusters[4];
            Assert.Fail("an index past the count must throw");
        }
        catch (ArgumentOutOfRangeException)
        {
        }
    }

    [TestMethod]
    public void SimpleDescriptorLengthMustMatchItsDescriptor()
    {
        var fields = ZdpSamples.All.Single(s => s.Name == "Simple_Desc_rsp").Fields.ToArray();
        fields[3]++;
        Assert.IsFalse(SimpleDescResponse.TryDecode([.. fields, 0x00], out _), "a length one octet longer than the descriptor");
        fields[3] -= 2;
        Assert.IsFalse(SimpleDescResponse.TryDecode(fields, out _), "a length one octet shorter than the descriptor");
    }

    [TestMethod]
    public void TablePagesReadBackEveryEntry()
    {
        Assert.IsTrue(MgmtLqiResponse.TryDecode(ZdpSamples.All.Single(s => s.Name == "Mgmt_Lqi_rsp").Fields, out var lqi));
        Assert.AreEqual((byte)4, lqi.NeighborTableEntries);
        Assert.AreEqual((byte)2, lqi.StartIndex);
        Assert.AreEqual(2, lqi.Neighbors.Count);
        Assert.AreEqual(ZdpSamples.Neighbor, lqi.Neighbors[0]);
        Assert.AreEqual(ZdpSamples.RouterNeighbor, lqi.Neighbors[1]);

        Assert.IsTrue(MgmtRtgResponse.TryDecode(ZdpSamples.All.Single(s => s.Name == "Mgmt_Rtg_rsp").Fields, out var rtg));
        Assert.AreEqual(ZdpSamples.Routes[1], rtg.Routes[1]);

        Assert.IsTrue(MgmtBindResponse.TryDecode(ZdpSamples.All.Single(s => s.Name == "Mgmt_Bind_rsp").Fields, out var bind));
        var bindings = new List<ZdpBinding>();
        foreach (var binding in bind.Bindings)
        {
            bindings.Add(binding);
        }

        CollectionAssert.AreEqual(ZdpSamples.Bindings, bindings, "the 21-octet entry, then the 14-octet one");
        Assert.AreEqual(ZdpSamples.Bindings[1], bind.Bindings[1]);
    }

    [TestMethod]
    public void BindingWithAReservedAddressModeIsRefused()
    {
        var fields = ZdpSamples.All.Single(s => s.Name == "Bind_req group").Fields.ToArray();
        foreach (var mode in new byte[] { 0x00, 0x02, 0x04, 0xFF })
        {
            fields[11] = mode;
            Assert.IsFalse(BindRequest.TryDecode([.. fields, .. new byte[8]], out _), $"mode 0x{mode:x2}");
        }

        Assert.ThrowsExactly<ArgumentException>(() => new BindRequest(ZdpSamples.Bindings[0] with { DestinationMode = (ZdpBindAddressMode)2 }).Encode(new byte[32]));
    }

    [TestMethod]
    public void NwkUpdateDurationDecidesTheTrailingFields()
    {
        Assert.HasCount(6, ZdpSamples.All.Single(s => s.Name == "Mgmt_NWK_Update_req scan").Fields, "channels, duration, scan count");
        Assert.HasCount(6, ZdpSamples.All.Single(s => s.Name == "Mgmt_NWK_Update_req channel change").Fields, "channels, duration, update id");
        Assert.HasCount(8, ZdpSamples.All.Single(s => s.Name == "Mgmt_NWK_Update_req parameters").Fields, "channels, duration, update id, manager");
        Assert.HasCount(5, ZdpSamples.All.Single(s => s.Name == "Mgmt_NWK_Update_req reserved duration").Fields);
        Assert.IsTrue(MgmtNwkUpdateRequest.TryDecode([0x00, 0x08, 0x00, 0x00, 0xFF, 0x09, 0x34, 0x12], out var parameters));
        Assert.AreEqual((byte)9, parameters.NwkUpdateId);
        Assert.AreEqual((ushort)0x1234, parameters.NwkManagerAddress);
    }

    [TestMethod]
    public void LeaveFlagsAndReservedBitsSurvive()
    {
        Assert.IsTrue(MgmtLeaveRequest.TryDecode([1, 2, 3, 4, 5, 6, 7, 8, 0x41], out var leave));
        Assert.IsTrue(leave.RemoveChildren);
        Assert.IsFalse(leave.Rejoin);
        Assert.AreEqual((byte)1, leave.ReservedBits);
        Assert.AreEqual(0x0807060504030201UL, leave.DeviceAddress);
    }

    [TestMethod]
    public void FrameHelperSplitsAndJoinsTheSequenceNumber()
    {
        var buffer = new byte[32];
        var announce = new DeviceAnnce(0x796F, 0x00124B0001020304, CapabilityInformation.Create(false, false, false, allocateAddress: true));
        var length = ZdpFrame.Encode(0x42, announce, buffer);
        Assert.AreEqual(12, length);
        Assert.AreEqual(length, ZdpFrame.Length(announce));
        Assert.IsTrue(ZdpFrame.TryDecode<DeviceAnnce>(buffer.AsSpan(0, length), out var sequence, out var decoded));
        Assert.AreEqual((byte)0x42, sequence);
        Assert.AreEqual(announce, decoded);
        Assert.IsFalse(ZdpFrame.TrySplit([], out _, out _));
        Assert.IsFalse(ZdpFrame.TryDecode<DeviceAnnce>([], out _, out _));
        Assert.ThrowsExactly<ArgumentException>(() => ZdpFrame.Encode(1, announce, new byte[11]));
    }

    [TestMethod]
    public void ResponseClustersAreRequestsWithBit15()
    {
        Assert.AreEqual(ZdpClusterId.NodeDescResponse, ZdpFrame.ResponseFor(ZdpClusterId.NodeDescRequest));
        Assert.AreEqual(ZdpClusterId.ParentAnnceResponse, ZdpFrame.ResponseFor(ZdpClusterId.ParentAnnce));
        Assert.AreEqual(ZdpClusterId.MgmtNwkUpdateNotify, ZdpFrame.ResponseFor(ZdpClusterId.MgmtNwkUpdateRequest));
        Assert.AreEqual(ZdpClusterId.MgmtNwkUpdateNotify, ZdpFrame.ResponseFor(ZdpClusterId.MgmtNwkEnhancedUpdateRequest));
        Assert.IsTrue(ZdpFrame.IsResponse(ZdpClusterId.MgmtPermitJoiningResponse));
        Assert.IsFalse(ZdpFrame.IsResponse(ZdpClusterId.DeviceAnnce));
        foreach (var cluster in Enum.GetValues<ZdpClusterId>().Where(c => !ZdpFrame.IsResponse(c) && c is not ZdpClusterId.DeviceAnnce and not ZdpClusterId.MgmtNwkEnhancedUpdateRequest))
        {
            Assert.IsTrue(ZdpFrame.IsKnown(ZdpFrame.ResponseFor(cluster)), $"{cluster} has a response");
        }
    }

    [TestMethod]
    public void EncodersRefuseListsTheirCountsCannotHold()
    {
        var tooMany = new ushort[256];
        Assert.ThrowsExactly<ArgumentException>(() => new MatchDescRequest { InputClusters = tooMany }.Encode(new byte[1024]));
        Assert.ThrowsExactly<ArgumentException>(() => new NwkAddrResponse { IsExtended = false, AssociatedDevices = new ushort[2] }.Encode(new byte[64]));
        Assert.ThrowsExactly<ArgumentException>(() => new NodeDescResponse(ZdpStatus.Success, 0, ZdpSamples.Node).Encode(new byte[15]));
    }
}
