namespace ZigBee.XBee.Link;

/// <summary>What went over the link, for diagnostics. Written on the link's context, readable anywhere.</summary>
public sealed class XBeeLinkCounters
{
    private long _framesSent;
    private long _framesReceived;
    private long _responsesMatched;
    private long _unmatchedResponses;
    private long _timeouts;
    private long _disconnects;
    private long _reconnects;

    public long FramesSent => Interlocked.Read(ref _framesSent);

    public long FramesReceived => Interlocked.Read(ref _framesReceived);

    /// <summary>Responses that answered a waiting request.</summary>
    public long ResponsesMatched => Interlocked.Read(ref _responsesMatched);

    /// <summary>Responses whose frame ID nobody waited for (late, after a timeout, or from before a restart).</summary>
    public long UnmatchedResponses => Interlocked.Read(ref _unmatchedResponses);

    /// <summary>Requests the dongle did not answer in time.</summary>
    public long Timeouts => Interlocked.Read(ref _timeouts);

    /// <summary>Times the port vanished.</summary>
    public long Disconnects => Interlocked.Read(ref _disconnects);

    /// <summary>Times a vanished port was reopened and the dongle answered again.</summary>
    public long Reconnects => Interlocked.Read(ref _reconnects);

    internal void FrameSent() => Interlocked.Increment(ref _framesSent);

    internal void FrameReceived() => Interlocked.Increment(ref _framesReceived);

    internal void ResponseMatched() => Interlocked.Increment(ref _responsesMatched);

    internal void UnmatchedResponse() => Interlocked.Increment(ref _unmatchedResponses);

    internal void Timeout() => Interlocked.Increment(ref _timeouts);

    internal void Disconnect() => Interlocked.Increment(ref _disconnects);

    internal void Reconnect() => Interlocked.Increment(ref _reconnects);
}
