namespace ZigBee.Nwk.Nib;

/// <summary>What this device is on its network (nwkDeviceType in R22, §3.5.2).</summary>
public enum NwkDeviceRole : byte
{
    Coordinator = 0x00,
    Router = 0x01,
    EndDevice = 0x02,

    /// <summary>Not on a network.</summary>
    None = 0x03,
}
