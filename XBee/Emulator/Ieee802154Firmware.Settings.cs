using ZigBee.XBee.Mac;

namespace ZigBee.XBee.Emulator;

public sealed partial class Ieee802154Firmware
{
    /// <summary>
    /// The module's parameters with the guides' defaults (90000982 "Command reference tables"): CH 0x0C, ID 0x3332, MY 0,
    /// CE 0, A1 0, A2 0, SC 0x1FFE, SD 4, MM 0, RR 0, SM 0.
    /// </summary>
    private readonly record struct Settings(
        byte Channel,
        ushort PanId,
        ushort ShortAddress,
        bool CoordinatorEnable,
        byte EndDeviceAssociation,
        byte CoordinatorAssociation,
        ushort ScanChannels,
        byte ScanDuration,
        byte MacMode,
        byte Retries,
        byte SleepMode)
    {
        public static Settings Default => new(0x0C, 0x3332, 0x0000, false, 0, 0, 0x1FFE, 4, 0, 0, 0);

        /// <summary>MM 0 and 2 ask for MAC acknowledgements; 1 and 3 do not.</summary>
        public bool Acknowledged => MacMode is 0 or 2;

        /// <summary>SC as channels: bit n of SC is channel 11 + n.</summary>
        public uint ChannelMask => (uint)ScanChannels << 11;

        /// <summary>A change here starts the role again (coordinator start or association); A2's allow bit only opens or closes.</summary>
        public bool RoleDiffers(in Settings other) =>
            Channel != other.Channel || PanId != other.PanId || CoordinatorEnable != other.CoordinatorEnable
            || EndDeviceAssociation != other.EndDeviceAssociation
            || ((CoordinatorAssociation ^ other.CoordinatorAssociation) & (Ieee802154Commands.A2ReassignPanId | Ieee802154Commands.A2ReassignChannel)) != 0;
    }
}
