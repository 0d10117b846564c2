namespace ZigBee.XBee.Link;

/// <summary>Where the serial link to the dongle stands.</summary>
public enum XBeeLinkState
{
    /// <summary>Not started, or stopped.</summary>
    Closed,

    /// <summary>Opening the port and finding the dongle (probe, command mode, speeds).</summary>
    Connecting,

    /// <summary>The dongle answers API frames.</summary>
    Connected,

    /// <summary>The port vanished: requests fail at once, and the link tries to reopen it.</summary>
    Disconnected,
}
