namespace ZigBee.XBee.Mac;

/// <summary>
/// The 802.15.4 firmware reports signal strength, not LQI: RSSI in −dBm (0x28 is −40 dBm). 802.15.4 leaves the LQI
/// scale to the implementation (§6.9.8), so the host maps RSSI linearly onto LQI over −100 dBm (LQI 0) to −20 dBm
/// (LQI 255), the span common 2.4 GHz parts report and the simulator uses, and clamps outside it.
/// </summary>
public static class RssiLinkQuality
{
    public const int MinRssi = -100;
    public const int MaxRssi = -20;

    /// <summary>LQI from the firmware's RSSI byte (−dBm).</summary>
    public static byte LqiFromRssi(byte minusDbm)
    {
        var dbm = Math.Clamp(-minusDbm, MinRssi, MaxRssi);
        return (byte)((((dbm - MinRssi) * 255) + ((MaxRssi - MinRssi) / 2)) / (MaxRssi - MinRssi));
    }

    /// <summary>RSSI in dBm from the firmware's RSSI byte, as a MAC indication carries it.</summary>
    public static sbyte DbmFromRssi(byte minusDbm) => (sbyte)Math.Max(sbyte.MinValue, -minusDbm);

    /// <summary>The firmware's RSSI byte (−dBm) for a signal of <paramref name="dbm"/>.</summary>
    public static byte RssiFromDbm(int dbm) => (byte)Math.Clamp(-dbm, 0, 255);
}
