namespace ZigBee.Zdo.Service;

/// <summary>What a ZDO service did, for diagnostics and tests.</summary>
public sealed class ZdoCounters
{
    /// <summary>Requests this node answered (or acted on, for broadcasts that get no response).</summary>
    public long RequestsServed { get; internal set; }

    /// <summary>Requests answered with NOT_SUPPORTED: a cluster this node does not serve.</summary>
    public long RequestsNotSupported { get; internal set; }

    /// <summary>Requests whose fields did not decode (answered when unicast, dropped when broadcast).</summary>
    public long MalformedRequests { get; internal set; }

    /// <summary>Responses that matched a request this node sent.</summary>
    public long ResponsesMatched { get; internal set; }

    /// <summary>Responses nobody was waiting for (late, duplicated or foreign).</summary>
    public long ResponsesUnmatched { get; internal set; }

    /// <summary>Requests this node sent that got no response in time.</summary>
    public long RequestTimeouts { get; internal set; }

    /// <summary>Device_annce frames sent by this node.</summary>
    public long AnnouncementsSent { get; internal set; }

    /// <summary>Device_annce frames heard from other devices.</summary>
    public long AnnouncementsHeard { get; internal set; }

    /// <summary>Frames this node could not send (the APS confirm was not success).</summary>
    public long SendFailures { get; internal set; }
}
