using BenchmarkDotNet.Attributes;
using ZigBee.Mac.Frames;
using ZigBee.Nwk.Frames;

namespace ZigBee.Benchmarks;

/// <summary>
/// Per-frame cost of MAC + NWK: decode a typical NWK-secured data frame (MAC header, NWK header with auxiliary security
/// header, encrypted payload, MIC, FCS) and encode the same frame.
/// </summary>
[MemoryDiagnoser]
public class NwkFrameBenchmarks
{
    // The NWK-secured data frame of ../shared/VECTORS.md, with FCS.
    private static readonly byte[] Secured = Convert.FromHexString("618804621a341200004802341200001e112800010000080706050403020100fe45086affbd82431b4ba84e550e72d09f");

    private readonly byte[] destination = new byte[127];
    private readonly byte[] nwkScratch = new byte[127];
    private readonly byte[] encryptedPayloadAndMic = Secured[31..^2];
    private readonly MacHeader macHeader = MacHeader.Data(4, 0x1A62, MacAddress.FromShort(0x1234), MacAddress.FromShort(0x0000), ackRequest: true);
    private readonly NwkHeader nwkHeader = NwkHeader.Data(0x1234, 0x0000, 30, 0x11, security: NwkAuxiliarySecurityHeader.NetworkKey(256, 0x0102030405060708, 0));

    [Benchmark]
    public int DecodeMacAndNwk()
    {
        if (!MacFrame.TryDecode(Secured, out var mac) || !NwkFrame.TryDecode(mac.Payload(Secured), out var nwk))
        {
            return -1;
        }

        return nwk.Header.SourceAddress + nwk.PayloadLength;
    }

    [Benchmark]
    public int EncodeMacAndNwk()
    {
        var nwkLength = NwkFrame.Encode(nwkHeader, encryptedPayloadAndMic, nwkScratch);
        return MacFrame.Encode(macHeader, nwkScratch.AsSpan(0, nwkLength), destination);
    }
}
