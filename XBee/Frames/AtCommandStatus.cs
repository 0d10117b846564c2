namespace ZigBee.XBee.Frames;

/// <summary>Command status of AT command responses (0x88, 0x97).</summary>
public enum AtCommandStatus : byte
{
    Ok = 0x00,
    Error = 0x01,
    InvalidCommand = 0x02,
    InvalidParameter = 0x03,

    /// <summary>Remote command responses only: the remote command could not be transmitted.</summary>
    TxFailure = 0x04,
}
