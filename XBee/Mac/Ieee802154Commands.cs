using ZigBee.XBee.Frames;

namespace ZigBee.XBee.Mac;

/// <summary>AT commands of the 802.15.4 firmware that the shared <see cref="AtCommandName"/> list does not name.</summary>
public static class Ieee802154Commands
{
    /// <summary>SD: scan duration exponent.</summary>
    public static readonly AtCommandName SD = new('S', 'D');

    /// <summary>RR: XBee retries on top of the MAC's own.</summary>
    public static readonly AtCommandName RR = new('R', 'R');

    /// <summary>DA: force disassociation.</summary>
    public static readonly AtCommandName DA = new('D', 'A');

    /// <summary>FP: force poll (ask the coordinator for pending data).</summary>
    public static readonly AtCommandName FP = new('F', 'P');

    /// <summary>SM: sleep mode (0 = no sleep, the receiver stays on).</summary>
    public static readonly AtCommandName SM = new('S', 'M');

    /// <summary>A1 bits (End Device Association).</summary>
    public const byte A1ReassignPanId = 0x01;

    public const byte A1ReassignChannel = 0x02;

    public const byte A1AutoAssociate = 0x04;

    public const byte A1PollOnPinWake = 0x08;

    /// <summary>A2 bits (Coordinator Association).</summary>
    public const byte A2ReassignPanId = 0x01;

    public const byte A2ReassignChannel = 0x02;

    public const byte A2AllowAssociation = 0x04;


    /// <summary>NP: the largest RF payload of one TX request.</summary>
    public const int MaxPayload = 100;
}

/// <summary>AI (Association Indication) codes of the 802.15.4 firmware (90000982, "AI"; 90001500, "AI").</summary>
public enum AssociationIndication : byte
{
    /// <summary>Coordinator started, end device associated, or peer-to-peer operation.</summary>
    Success = 0x00,
    ActiveScanTimeout = 0x01,
    NoPansFound = 0x02,

    /// <summary>A PAN was found but its coordinator does not accept associations.</summary>
    AssociationNotPermitted = 0x03,
    BeaconEnabledPan = 0x04,
    PanIdMismatch = 0x05,
    ChannelMismatch = 0x06,
    EnergyScanTimeout = 0x07,
    CoordinatorStartFailed = 0x08,
    CoordinatorInvalidParameter = 0x09,
    CoordinatorRealignment = 0x0A,
    AssociationRequestNotSent = 0x0B,

    /// <summary>The association request got no reply.</summary>
    AssociationRequestTimedOut = 0x0C,
    AssociationRequestInvalidParameter = 0x0D,
    AssociationRequestChannelAccessFailure = 0x0E,
    Disassociated = 0x13,

    /// <summary>Initialising or scanning: no outcome yet.</summary>
    InProgress = 0xFF,
}
