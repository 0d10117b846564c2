namespace ZigBee.Zdo.Frames;

/// <summary>
/// A ZDP request or response: its cluster, and its fields' codec. The fields are the ZDP payload after the transaction
/// sequence number (<see cref="ZdpFrame"/> adds and removes that octet). <c>TryDecode</c> never throws; on success it
/// has checked every length and count, so nothing read from the decoded value can fail later. Trailing bytes after
/// the fields are ignored, as R22 §2.4.2.8 lets later revisions append fields.
/// </summary>
public interface IZdpMessage<TSelf>
    where TSelf : IZdpMessage<TSelf>, allows ref struct
{
    static abstract ZdpClusterId ClusterId { get; }

    /// <summary>Bytes <see cref="Encode"/> writes.</summary>
    int Length { get; }

    /// <summary>Writes the fields into <paramref name="destination"/>; returns <see cref="Length"/>. Throws ArgumentException when it is too small.</summary>
    int Encode(Span<byte> destination);

    static abstract bool TryDecode(ReadOnlySpan<byte> fields, out TSelf value);
}
