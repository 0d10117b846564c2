using System.Buffers.Binary;

namespace ZigBee.Stack.Scenarios;

/// <summary>
/// The application payload of scenario traffic: a magic, the message number, source and destination node, and a
/// filler derived from the number, so a receiver can tell which message arrived and whether it arrived intact.
/// </summary>
public static class ScenarioMessage
{
    public const int MinimumLength = 12;
    private const ushort Magic = 0x425A; // "ZB"

    public static void Write(Span<byte> destination, uint message, int source, int target)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(destination, Magic);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[2..], message);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[6..], (ushort)source);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[8..], (ushort)target);
        for (var i = 10; i < destination.Length; i++)
        {
            destination[i] = Filler(message, i);
        }
    }

    /// <summary>False for bytes that are not scenario traffic at all; otherwise the message number and whether every byte is as sent.</summary>
    public static bool TryRead(ReadOnlySpan<byte> payload, out uint message, out bool intact)
    {
        message = 0;
        intact = false;
        if (payload.Length < MinimumLength || BinaryPrimitives.ReadUInt16LittleEndian(payload) != Magic)
        {
            return false;
        }

        message = BinaryPrimitives.ReadUInt32LittleEndian(payload[2..]);
        intact = true;
        for (var i = 10; i < payload.Length; i++)
        {
            if (payload[i] != Filler(message, i))
            {
                intact = false;
                break;
            }
        }

        return true;
    }

    private static byte Filler(uint message, int index) => (byte)((message * 31) + (uint)(index * 7));
}
