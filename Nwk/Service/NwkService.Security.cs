using ZigBee.Nwk.Frames;

namespace ZigBee.Nwk.Service;

// The one place where NWK frames are secured on the way out and checked on the way in (§4.3.1). Frames pass
// through unchanged today: this is the seam the NWK security issue fills (auxiliary header, frame counter, CCM*).
public sealed partial class NwkService
{
    /// <summary>
    /// Secures an encoded frame in place (header in <c>frame[..headerLength]</c>); returns the length to send, or
    /// -1 when it must not go out. Today: unsecured, so the frame is returned as it is.
    /// </summary>
    private static int SecureOutgoing(Span<byte> frame, int headerLength, int length)
    {
        _ = frame;
        _ = headerLength;
        return length;
    }

    /// <summary>
    /// Checks an incoming frame and hands out its plaintext. A frame with the security bit set cannot be read
    /// without keys: refused (counted by the caller). Unsecured frames pass as they are.
    /// </summary>
    private static bool UnsecureIncoming(ReadOnlySpan<byte> frame, in NwkFrame decoded, out ReadOnlySpan<byte> plaintext)
    {
        plaintext = frame;
        return !decoded.Header.FrameControl.Security;
    }
}
