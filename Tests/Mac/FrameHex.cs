namespace ZigBee.Tests.Mac;

/// <summary>Hex helpers for byte vectors written as in the specifications ("61 88 03 …").</summary>
internal static class FrameHex
{
    public static byte[] Parse(string text) => Convert.FromHexString(text.Replace(" ", string.Empty, StringComparison.Ordinal));

    public static string Format(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes);
}
