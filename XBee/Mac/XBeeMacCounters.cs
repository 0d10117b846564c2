namespace ZigBee.XBee.Mac;

/// <summary>The module's traffic as the host sees it through the API.</summary>
public sealed class XBeeMacCounters
{
    /// <summary>TX requests sent to the module.</summary>
    public long FramesTransmitted { get; internal set; }

    /// <summary>RX frames from the module.</summary>
    public long FramesReceived { get; internal set; }

    /// <summary>TX status "no ACK" (and the module's other failures).</summary>
    public long NoAck { get; internal set; }

    /// <summary>TX status "CCA failure".</summary>
    public long CcaFailures { get; internal set; }

    /// <summary>TX status "purged".</summary>
    public long Purged { get; internal set; }

    /// <summary>TX requests whose status never came (link lost or module silent).</summary>
    public long StatusLost { get; internal set; }

    /// <summary>Requests refused before they reached the module (too long, indirect, another PAN...).</summary>
    public long Refused { get; internal set; }
}
