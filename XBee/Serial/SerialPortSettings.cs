namespace ZigBee.XBee.Serial;

/// <summary>How the dongle is wired: flow control on the serial line.</summary>
public enum SerialFlowControl
{
    None,

    /// <summary>RTS/CTS hardware handshake (the XBee's D7/D6 pins).</summary>
    RtsCts,

    /// <summary>XON/XOFF in band: needs API mode 2, which escapes 0x11 and 0x13 inside frames.</summary>
    XOnXOff,
}

/// <summary>A serial port by name (COM3, /dev/ttyUSB0, or the emulator's link path) and its line settings.</summary>
public sealed record SerialPortSettings(string PortName, int BaudRate = SerialPortSettings.DefaultBaudRate, SerialFlowControl FlowControl = SerialFlowControl.None)
{
    /// <summary>The dongles ship at 9600 bit/s, 8N1.</summary>
    public const int DefaultBaudRate = 9600;

    /// <summary>Speeds worth trying when a dongle is silent at the configured one, most common first.</summary>
    public static IReadOnlyList<int> CommonBaudRates { get; } = [9600, 115200, 57600, 38400, 19200, 230400];
}
