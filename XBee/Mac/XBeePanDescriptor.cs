using System.Buffers.Binary;
using ZigBee.Mac.Frames;

namespace ZigBee.XBee.Mac;

/// <summary>
/// One PAN descriptor of the 802.15.4 firmware's active scan (AT AS), as one AT response's value in API mode
/// (90000982 and 90001500, "AS (Active Scan)"): CoordAddress (MY when the coordinator has one, else SH+SL), CoordPanID,
/// CoordAddrMode (2 short, 3 long), Channel, SecurityUse, ACLEntry, SecurityFailure, SuperFrameSpec (2 bytes), GtsPermit,
/// RSSI (−dBm), TimeStamp (3 bytes), every field big-endian. The guides list the fields, not their sizes in binary: the
/// address is read as 2 or 8 bytes, so a descriptor is 16 or 22 bytes long and its length says which; the flags are
/// single bytes, 0 or 1.
/// </summary>
public readonly record struct XBeePanDescriptor(
    MacAddress CoordAddress,
    ushort CoordPanId,
    byte Channel,
    SuperframeSpecification SuperframeSpec,
    bool GtsPermit,
    byte Rssi,
    uint TimeStamp,
    bool SecurityUse = false,
    byte AclEntry = 0,
    bool SecurityFailure = false)
{
    /// <summary>Length with a short (16-bit) coordinator address.</summary>
    public const int ShortLength = 16;

    /// <summary>Length with a long (64-bit) coordinator address.</summary>
    public const int LongLength = 22;

    /// <summary>CoordAddrMode of a 16-bit coordinator address.</summary>
    public const byte ShortAddressMode = 2;

    /// <summary>CoordAddrMode of a 64-bit coordinator address.</summary>
    public const byte LongAddressMode = 3;

    /// <summary>Received signal strength in dBm.</summary>
    public int RssiDbm => -Rssi;

    public int Length => CoordAddress.Mode == MacAddressingMode.Extended ? LongLength : ShortLength;

    /// <summary>Decodes one descriptor from an AS response's value. Never throws.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> value, out XBeePanDescriptor descriptor)
    {
        descriptor = default;
        var addressLength = value.Length switch
        {
            ShortLength => 2,
            LongLength => 8,
            _ => 0,
        };
        if (addressLength == 0)
        {
            return false;
        }

        var mode = value[addressLength + 2];
        if (mode != (addressLength == 2 ? ShortAddressMode : LongAddressMode))
        {
            return false;
        }

        var address = addressLength == 2
            ? MacAddress.FromShort(BinaryPrimitives.ReadUInt16BigEndian(value))
            : MacAddress.FromExtended(BinaryPrimitives.ReadUInt64BigEndian(value));
        var rest = value[(addressLength + 3)..];
        // SecurityUse, SecurityFailure and GtsPermit are booleans of the 802.15.4 PAN descriptor: 0 or 1.
        if (rest[1] > 1 || rest[3] > 1 || rest[6] > 1)
        {
            return false;
        }

        descriptor = new XBeePanDescriptor(
            address,
            BinaryPrimitives.ReadUInt16BigEndian(value[addressLength..]),
            rest[0],
            new SuperframeSpecification(BinaryPrimitives.ReadUInt16BigEndian(rest[4..])),
            rest[6] != 0,
            rest[7],
            (uint)((rest[8] << 16) | (rest[9] << 8) | rest[10]),
            rest[1] != 0,
            rest[2],
            rest[3] != 0);
        return true;
    }

    /// <summary>Writes the descriptor; returns its length. The coordinator address must be short or extended.</summary>
    public int Encode(Span<byte> destination)
    {
        var extended = CoordAddress.Mode switch
        {
            MacAddressingMode.Short => false,
            MacAddressingMode.Extended => true,
            _ => throw new ArgumentException("a PAN descriptor's coordinator address is short or extended"),
        };
        var length = Length;
        if (destination.Length < length)
        {
            throw new ArgumentException($"destination holds {destination.Length} bytes; the descriptor needs {length}", nameof(destination));
        }

        var at = 0;
        if (extended)
        {
            BinaryPrimitives.WriteUInt64BigEndian(destination, CoordAddress.Extended);
            at = 8;
        }
        else
        {
            BinaryPrimitives.WriteUInt16BigEndian(destination, CoordAddress.Short);
            at = 2;
        }

        BinaryPrimitives.WriteUInt16BigEndian(destination[at..], CoordPanId);
        destination[at + 2] = extended ? LongAddressMode : ShortAddressMode;
        var rest = destination[(at + 3)..];
        rest[0] = Channel;
        rest[1] = SecurityUse ? (byte)1 : (byte)0;
        rest[2] = AclEntry;
        rest[3] = SecurityFailure ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteUInt16BigEndian(rest[4..], SuperframeSpec.Value);
        rest[6] = GtsPermit ? (byte)1 : (byte)0;
        rest[7] = Rssi;
        rest[8] = (byte)(TimeStamp >> 16);
        rest[9] = (byte)(TimeStamp >> 8);
        rest[10] = (byte)TimeStamp;
        return length;
    }
}
