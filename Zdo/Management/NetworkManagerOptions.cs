namespace ZigBee.Zdo.Management;

/// <summary>Settings of a <see cref="ZdoNetworkManager"/>.</summary>
public sealed record NetworkManagerOptions
{
    /// <summary>Times each interview or crawl request is tried before the device is given up for now.</summary>
    public int Attempts { get; init; } = 3;

    /// <summary>Wait after a Device_annce before the interview starts, so the device has finished joining (keys, timeouts).</summary>
    public TimeSpan InterviewDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Interview every device that announces itself.</summary>
    public bool InterviewOnAnnounce { get; init; } = true;

    /// <summary>Interview every device a crawl finds that has not been interviewed (its Device_annce may have been lost).</summary>
    public bool InterviewCrawled { get; init; } = true;
}
