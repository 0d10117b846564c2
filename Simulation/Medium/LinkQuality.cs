namespace ZigBee.Simulation.Medium;

/// <summary>
/// How the simulation relates LQI, RSSI and distance. 802.15.4 leaves the LQI scale to the implementation (§6.9.8);
/// here LQI maps linearly onto an RSSI from -100 dBm (LQI 0) to -20 dBm (LQI 255), the span of common 2.4 GHz parts.
/// </summary>
public static class LinkQuality
{
    public const int MinRssi = -100;
    public const int MaxRssi = -20;

    /// <summary>LQI given to a link made without one.</summary>
    public const byte DefaultLqi = 255;

    /// <summary>LQI at the edge of a random topology's range.</summary>
    public const byte EdgeLqi = 40;

    public static sbyte RssiFromLqi(byte lqi) => (sbyte)(MinRssi + ((lqi * (MaxRssi - MinRssi)) + 127) / 255);

    /// <summary>LQI falling linearly from 255 at distance 0 to <see cref="EdgeLqi"/> at <paramref name="range"/>.</summary>
    public static byte LqiFromDistance(double distance, double range)
    {
        if (range <= 0 || distance >= range)
        {
            return EdgeLqi;
        }

        var fraction = Math.Max(0, distance) / range;
        return (byte)Math.Round(255 - ((255 - EdgeLqi) * fraction), MidpointRounding.AwayFromZero);
    }
}
