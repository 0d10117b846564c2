using System.Buffers.Binary;

namespace ZigBee.Aps.Frames;

/// <summary>
/// Update device (§4.4.10.2): the IEEE and network addresses of the device that joined, rejoined or left, and what it
/// did. Reserved status values are kept as they are.
/// </summary>
public readonly record struct UpdateDeviceCommand(ulong DeviceAddress, ushort DeviceShortAddress, ApsUpdateDeviceStatus Status)
{
    public int Length => 12;

    public static bool TryDecode(ReadOnlySpan<byte> payload, out UpdateDeviceCommand command)
    {
        command = default;
        if (!ApsCommand.Has(payload, ApsCommandId.UpdateDevice))
        {
            return false;
        }

        command = new(BinaryPrimitives.ReadUInt64LittleEndian(payload[1..]), BinaryPrimitives.ReadUInt16LittleEndian(payload[9..]), (ApsUpdateDeviceStatus)payload[11]);
        return true;
    }

    public int Encode(Span<byte> destination)
    {
        ApsCommand.CheckRoom(destination, 12);
        destination[0] = (byte)ApsCommandId.UpdateDevice;
        BinaryPrimitives.WriteUInt64LittleEndian(destination[1..], DeviceAddress);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[9..], DeviceShortAddress);
        destination[11] = (byte)Status;
        return 12;
    }
}

/// <summary>Remove device (§4.4.10.3): the IEEE address of the device the trust center asks a router to remove.</summary>
public readonly record struct RemoveDeviceCommand(ulong TargetAddress)
{
    public int Length => 9;

    public static bool TryDecode(ReadOnlySpan<byte> payload, out RemoveDeviceCommand command)
    {
        command = default;
        if (!ApsCommand.Has(payload, ApsCommandId.RemoveDevice))
        {
            return false;
        }

        command = new(BinaryPrimitives.ReadUInt64LittleEndian(payload[1..]));
        return true;
    }

    public int Encode(Span<byte> destination)
    {
        ApsCommand.CheckRoom(destination, 9);
        destination[0] = (byte)ApsCommandId.RemoveDevice;
        BinaryPrimitives.WriteUInt64LittleEndian(destination[1..], TargetAddress);
        return 9;
    }
}
