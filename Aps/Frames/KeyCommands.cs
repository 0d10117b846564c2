using System.Buffers.Binary;
using ZigBee.Aps.Service;

namespace ZigBee.Aps.Frames;

/// <summary>
/// Request key (§4.4.10.4): request key type and, for an application link key, the partner's IEEE address. Other key
/// types (trust-center link key, reserved values) carry no more fields and are kept as they are.
/// </summary>
public readonly record struct RequestKeyCommand(ApsRequestKeyType KeyType, ulong PartnerAddress = 0)
{
    public bool HasPartnerAddress => KeyType == ApsRequestKeyType.ApplicationLinkKey;

    public int Length => HasPartnerAddress ? 10 : 2;

    public static RequestKeyCommand TrustCenterLinkKey() => new(ApsRequestKeyType.TrustCenterLinkKey);

    public static RequestKeyCommand ApplicationLinkKey(ulong partnerAddress) => new(ApsRequestKeyType.ApplicationLinkKey, partnerAddress);

    public static bool TryDecode(ReadOnlySpan<byte> payload, out RequestKeyCommand command)
    {
        command = default;
        if (!ApsCommand.Has(payload, ApsCommandId.RequestKey))
        {
            return false;
        }

        var type = (ApsRequestKeyType)payload[1];
        if (type != ApsRequestKeyType.ApplicationLinkKey)
        {
            command = new(type);
            return true;
        }

        if (payload.Length < 10)
        {
            return false;
        }

        command = new(type, BinaryPrimitives.ReadUInt64LittleEndian(payload[2..]));
        return true;
    }

    public int Encode(Span<byte> destination)
    {
        var length = Length;
        ApsCommand.CheckRoom(destination, length);
        destination[0] = (byte)ApsCommandId.RequestKey;
        destination[1] = (byte)KeyType;
        if (HasPartnerAddress)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(destination[2..], PartnerAddress);
        }

        return length;
    }
}

/// <summary>Switch key (§4.4.10.5): the sequence number of the network key to switch to.</summary>
public readonly record struct SwitchKeyCommand(byte KeySequenceNumber)
{
    public int Length => 2;

    public static bool TryDecode(ReadOnlySpan<byte> payload, out SwitchKeyCommand command)
    {
        command = default;
        if (!ApsCommand.Has(payload, ApsCommandId.SwitchKey))
        {
            return false;
        }

        command = new(payload[1]);
        return true;
    }

    public int Encode(Span<byte> destination)
    {
        ApsCommand.CheckRoom(destination, 2);
        destination[0] = (byte)ApsCommandId.SwitchKey;
        destination[1] = KeySequenceNumber;
        return 2;
    }
}

/// <summary>
/// Verify key (§4.4.10.7): key type (a trust-center link key in R22; other values kept), the sender's IEEE address
/// and the 16-octet initiator verify-key hash value.
/// </summary>
public readonly record struct VerifyKeyCommand(ApsKeyType KeyType, ulong SourceAddress, ApsKey InitiatorVerifyKeyHash)
{
    public int Length => 26;

    public static bool TryDecode(ReadOnlySpan<byte> payload, out VerifyKeyCommand command)
    {
        command = default;
        if (!ApsCommand.Has(payload, ApsCommandId.VerifyKey))
        {
            return false;
        }

        command = new((ApsKeyType)payload[1], BinaryPrimitives.ReadUInt64LittleEndian(payload[2..]), ApsKey.Read(payload[10..]));
        return true;
    }

    public int Encode(Span<byte> destination)
    {
        ApsCommand.CheckRoom(destination, 26);
        destination[0] = (byte)ApsCommandId.VerifyKey;
        destination[1] = (byte)KeyType;
        BinaryPrimitives.WriteUInt64LittleEndian(destination[2..], SourceAddress);
        InitiatorVerifyKeyHash.CopyTo(destination[10..]);
        return 26;
    }
}

/// <summary>Confirm key (§4.4.10.8): status, key type and the IEEE address of the device whose key was verified.</summary>
public readonly record struct ConfirmKeyCommand(ApsStatus Status, ApsKeyType KeyType, ulong DestinationAddress)
{
    public int Length => 11;

    public static bool TryDecode(ReadOnlySpan<byte> payload, out ConfirmKeyCommand command)
    {
        command = default;
        if (!ApsCommand.Has(payload, ApsCommandId.ConfirmKey))
        {
            return false;
        }

        command = new((ApsStatus)payload[1], (ApsKeyType)payload[2], BinaryPrimitives.ReadUInt64LittleEndian(payload[3..]));
        return true;
    }

    public int Encode(Span<byte> destination)
    {
        ApsCommand.CheckRoom(destination, 11);
        destination[0] = (byte)ApsCommandId.ConfirmKey;
        destination[1] = (byte)Status;
        destination[2] = (byte)KeyType;
        BinaryPrimitives.WriteUInt64LittleEndian(destination[3..], DestinationAddress);
        return 11;
    }
}
