using ZigBee.Mac.Frames;
using ZigBee.Nwk.Frames;
using ZigBee.Nwk.Security;
using ZigBee.Simulation.Pcap;

namespace ZigBee.Tests.Security;

/// <summary>Builds NWK frames secured by <see cref="NwkFrameSecurity.Secure"/>, wraps them in MAC data frames and writes captures.</summary>
internal static class SecuredFrames
{
    public const string NetworkKeyHex = "01030507090B0D0F00020406080A0C0D";

    public static readonly ZigBeeKey NetworkKey = ZigBeeKey.Read(Convert.FromHexString(NetworkKeyHex));

    /// <summary>Encodes <paramref name="header"/> (whose Security must be set) and <paramref name="plaintext"/>, then secures it; returns the NWK frame.</summary>
    public static byte[] SecureNwk(in NwkHeader header, ReadOnlySpan<byte> plaintext, ZigBeeCipher cipher, ReadOnlySpan<ushort> relays = default)
    {
        var buffer = new byte[127];
        var length = NwkFrame.Encode(header, relays, plaintext, buffer);
        var payloadOffset = length - plaintext.Length;
        var auxOffset = payloadOffset - header.Security!.Value.Length;
        var secured = NwkFrameSecurity.Secure(buffer, auxOffset, payloadOffset, length, cipher);
        return buffer[..secured];
    }

    /// <summary>A MAC data frame (with FCS) from 0x0001 to <paramref name="macDestination"/> carrying <paramref name="nwk"/>.</summary>
    public static byte[] InMac(ReadOnlySpan<byte> nwk, byte sequence, ushort macDestination = 0x0000, ushort macSource = 0x0001, bool ackRequest = false)
    {
        var psdu = new byte[127];
        var mac = MacHeader.Data(sequence, 0x1A62, MacAddress.FromShort(macDestination), MacAddress.FromShort(macSource), ackRequest);
        return psdu[..MacFrame.Encode(mac, nwk, psdu)];
    }

    public static string WriteCapture(TestContext context, string folder, IEnumerable<byte[]> frames)
    {
        var directory = Path.Combine(context.TestRunDirectory ?? Path.GetTempPath(), folder);
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"{context.TestName}-{Guid.NewGuid():N}.pcap");
        using var writer = new PcapWriter(File.Create(path), PcapLinkType.Ieee802154WithFcs);
        var time = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        foreach (var frame in frames)
        {
            writer.Write(time, frame);
            time = time.AddMilliseconds(5);
        }

        return path;
    }
}
