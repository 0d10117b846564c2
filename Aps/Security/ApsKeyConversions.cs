using ZigBee.Aps.Frames;
using ZigBee.Nwk.Security;

namespace ZigBee.Aps.Security;

/// <summary>
/// <see cref="ApsKey"/> (a key as APS commands carry it) and <see cref="ZigBeeKey"/> (a key to secure with) hold the
/// same octets in the same order; these convert without copying through a buffer.
/// </summary>
public static class ApsKeyConversions
{
    public static ZigBeeKey ToZigBeeKey(this ApsKey key) => new(key.Low, key.High);

    public static ApsKey ToApsKey(this ZigBeeKey key) => new(key.Low, key.High);
}
