namespace ZigBee.Nwk.Tables;

/// <summary>
/// Link cost from link quality (§3.6.3.1): a cost 1–7 that grows as the probability of delivery falls, estimated
/// here from the LQI of received frames (255 = best). Cost 7 is also what nwkReportConstantCost reports.
/// </summary>
public static class LinkCost
{
    public const byte Best = 1;
    public const byte Worst = 7;

    /// <summary>The cost of a link whose frames arrive with <paramref name="lqi"/>.</summary>
    public static byte FromLqi(byte lqi) => lqi switch
    {
        >= 208 => 1,
        >= 160 => 2,
        >= 112 => 3,
        >= 80 => 4,
        >= 56 => 5,
        >= 32 => 6,
        _ => 7,
    };
}
