using System.Buffers.Binary;

namespace ZigBee.Nwk.Frames;

/// <summary>
/// The NWK beacon payload a ZigBee router or coordinator puts in its MAC beacons (§3.6.7, table 3.60), 15 bytes:
/// protocol identifier (0 for ZigBee), stack profile (4 bits) and nwkcProtocolVersion (4 bits), reserved (2 bits),
/// router capacity, device depth (4 bits), end device capacity, nwkExtendedPANId, TX offset (3 bytes, 0xFFFFFF in
/// beaconless networks) and nwkUpdateId. Every bit is kept, so reserved values survive a round trip.
/// </summary>
public readonly record struct ZigBeeBeaconPayload(
    byte ProtocolId,
    byte StackProfile,
    byte ProtocolVersion,
    bool RouterCapacity,
    byte DeviceDepth,
    bool EndDeviceCapacity,
    ulong ExtendedPanId,
    uint TxOffset,
    byte UpdateId)
{
    public const int Length = 15;

    /// <summary>The protocol identifier of ZigBee beacons.</summary>
    public const byte ZigBeeProtocolId = 0;

    /// <summary>TX offset of a beaconless network (all ones).</summary>
    public const uint NoTxOffset = 0xFFFFFF;

    /// <summary>Bits 0–1 of the third byte, reserved.</summary>
    public byte ReservedBits { get; init; }

    /// <summary>A ZigBee PRO beacon payload (protocol 0, stack profile 2, version 2, no TX offset).</summary>
    public static ZigBeeBeaconPayload Create(ulong extendedPanId, bool routerCapacity, bool endDeviceCapacity, byte deviceDepth, byte updateId) =>
        new(ZigBeeProtocolId, NwkConstants.StackProfilePro, NwkConstants.ProtocolVersion, routerCapacity, deviceDepth, endDeviceCapacity, extendedPanId, NoTxOffset, updateId);

    /// <summary>Decodes the first 15 bytes of a beacon payload (later bytes are ignored). Never throws.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> beaconPayload, out ZigBeeBeaconPayload payload)
    {
        payload = default;
        if (beaconPayload.Length < Length)
        {
            return false;
        }

        var b1 = beaconPayload[1];
        var b2 = beaconPayload[2];
        var txOffset = (uint)(beaconPayload[11] | (beaconPayload[12] << 8) | (beaconPayload[13] << 16));
        payload = new ZigBeeBeaconPayload(
            beaconPayload[0],
            (byte)(b1 & 0xF),
            (byte)(b1 >> 4),
            (b2 & 0x04) != 0,
            (byte)((b2 >> 3) & 0xF),
            (b2 & 0x80) != 0,
            BinaryPrimitives.ReadUInt64LittleEndian(beaconPayload[3..]),
            txOffset,
            beaconPayload[14])
        {
            ReservedBits = (byte)(b2 & 0x3),
        };
        return true;
    }

    /// <summary>Writes the 15-byte beacon payload; returns 15. Fields wider than their bits throw <see cref="ArgumentException"/>.</summary>
    public int Encode(Span<byte> destination)
    {
        if (StackProfile > 0xF || ProtocolVersion > 0xF || DeviceDepth > 0xF || ReservedBits > 0x3 || TxOffset > 0xFFFFFF)
        {
            throw new ArgumentException("stack profile, protocol version and device depth have 4 bits, reserved 2, TX offset 24");
        }

        if (destination.Length < Length)
        {
            throw new ArgumentException($"destination holds {destination.Length} bytes; the beacon payload needs {Length}", nameof(destination));
        }

        destination[0] = ProtocolId;
        destination[1] = (byte)(StackProfile | (ProtocolVersion << 4));
        destination[2] = (byte)(ReservedBits | (RouterCapacity ? 0x04 : 0) | (DeviceDepth << 3) | (EndDeviceCapacity ? 0x80 : 0));
        BinaryPrimitives.WriteUInt64LittleEndian(destination[3..], ExtendedPanId);
        destination[11] = (byte)TxOffset;
        destination[12] = (byte)(TxOffset >> 8);
        destination[13] = (byte)(TxOffset >> 16);
        destination[14] = UpdateId;
        return Length;
    }
}
