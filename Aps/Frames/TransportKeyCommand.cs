using System.Buffers.Binary;

namespace ZigBee.Aps.Frames;

/// <summary>
/// Transport key (§4.4.10.1): key type, then a key descriptor that starts with the 16-octet key and goes on as the type
/// says — standard network key: key sequence number, destination and source IEEE addresses; trust-center link key:
/// destination and source IEEE addresses; application link key: partner IEEE address and initiator flag. Fields a key
/// type does not carry are zero. Key types R22 reserves are refused, since their descriptor layout is undefined.
/// </summary>
public readonly record struct TransportKeyCommand(
    ApsKeyType KeyType,
    ApsKey Key,
    byte KeySequenceNumber = 0,
    ulong DestinationAddress = 0,
    ulong SourceAddress = 0,
    ulong PartnerAddress = 0,
    bool Initiator = false)
{
    private const int DescriptorOffset = 2 + ApsKey.Length;

    public int Length => LengthOf(KeyType);

    public static TransportKeyCommand NetworkKey(ApsKey key, byte keySequenceNumber, ulong destinationAddress, ulong sourceAddress) =>
        new(ApsKeyType.StandardNetworkKey, key, keySequenceNumber, destinationAddress, sourceAddress);

    public static TransportKeyCommand TrustCenterLinkKey(ApsKey key, ulong destinationAddress, ulong sourceAddress) =>
        new(ApsKeyType.TrustCenterLinkKey, key, DestinationAddress: destinationAddress, SourceAddress: sourceAddress);

    public static TransportKeyCommand ApplicationLinkKey(ApsKey key, ulong partnerAddress, bool initiator) =>
        new(ApsKeyType.ApplicationLinkKey, key, PartnerAddress: partnerAddress, Initiator: initiator);

    public static bool TryDecode(ReadOnlySpan<byte> payload, out TransportKeyCommand command)
    {
        command = default;
        if (!ApsCommand.Has(payload, ApsCommandId.TransportKey))
        {
            return false;
        }

        var type = (ApsKeyType)payload[1];
        var length = LengthOf(type);
        if (length < 0 || payload.Length < length)
        {
            return false;
        }

        var key = ApsKey.Read(payload[2..]);
        var descriptor = payload[DescriptorOffset..];
        switch (type)
        {
            case ApsKeyType.StandardNetworkKey:
                command = NetworkKey(key, descriptor[0], BinaryPrimitives.ReadUInt64LittleEndian(descriptor[1..]), BinaryPrimitives.ReadUInt64LittleEndian(descriptor[9..]));
                return true;
            case ApsKeyType.TrustCenterLinkKey:
                command = TrustCenterLinkKey(key, BinaryPrimitives.ReadUInt64LittleEndian(descriptor), BinaryPrimitives.ReadUInt64LittleEndian(descriptor[8..]));
                return true;
            default:
                // The initiator flag is a Boolean octet: 0x01 initiator, 0x00 responder; anything else is malformed.
                if (descriptor[8] > 1)
                {
                    return false;
                }

                command = ApplicationLinkKey(key, BinaryPrimitives.ReadUInt64LittleEndian(descriptor), descriptor[8] == 1);
                return true;
        }
    }

    public int Encode(Span<byte> destination)
    {
        var length = Length;
        if (length < 0)
        {
            throw new InvalidOperationException($"key type 0x{(byte)KeyType:x2} is reserved; its key descriptor has no layout");
        }

        ApsCommand.CheckRoom(destination, length);
        destination[0] = (byte)ApsCommandId.TransportKey;
        destination[1] = (byte)KeyType;
        Key.CopyTo(destination[2..]);
        var descriptor = destination[DescriptorOffset..];
        switch (KeyType)
        {
            case ApsKeyType.StandardNetworkKey:
                descriptor[0] = KeySequenceNumber;
                BinaryPrimitives.WriteUInt64LittleEndian(descriptor[1..], DestinationAddress);
                BinaryPrimitives.WriteUInt64LittleEndian(descriptor[9..], SourceAddress);
                break;
            case ApsKeyType.TrustCenterLinkKey:
                BinaryPrimitives.WriteUInt64LittleEndian(descriptor, DestinationAddress);
                BinaryPrimitives.WriteUInt64LittleEndian(descriptor[8..], SourceAddress);
                break;
            default:
                BinaryPrimitives.WriteUInt64LittleEndian(descriptor, PartnerAddress);
                descriptor[8] = Initiator ? (byte)1 : (byte)0;
                break;
        }

        return length;
    }

    /// <summary>Payload length (identifier included) for a key type; -1 for reserved types.</summary>
    private static int LengthOf(ApsKeyType type) => type switch
    {
        ApsKeyType.StandardNetworkKey => DescriptorOffset + 17,
        ApsKeyType.TrustCenterLinkKey => DescriptorOffset + 16,
        ApsKeyType.ApplicationLinkKey => DescriptorOffset + 9,
        _ => -1,
    };
}
