using ZigBee.XBee.Frames;
using ZigBee.XBee.Serial;

namespace ZigBee.XBee.Link;

/// <summary>How the PC talks to the dongle.</summary>
public sealed record XBeeLinkOptions
{
    /// <summary>The API mode to run in; the dongle is switched to it (AP) when it answers in the other one.</summary>
    public ApiMode ApiMode { get; init; } = ApiMode.Escaped;

    /// <summary>The speed to open the port at (the dongles ship at 9600).</summary>
    public int BaudRate { get; init; } = SerialPortSettings.DefaultBaudRate;

    /// <summary>When the dongle is silent at <see cref="BaudRate"/>, try the other common speeds too.</summary>
    public bool TryCommonBaudRates { get; init; }

    /// <summary>When the dongle does not answer an API frame, enter command mode (+++) and switch it to API mode.</summary>
    public bool ConfigureApiModeInCommandMode { get; init; } = true;

    /// <summary>How long a local AT command may take (a scan or node discovery passes its own timeout).</summary>
    public TimeSpan ResponseTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long the API probe waits at each speed before trying command mode.</summary>
    public TimeSpan ProbeTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Silence before and after "+++": a little over the firmware's default guard time GT (1 s).</summary>
    public TimeSpan GuardTime { get; init; } = TimeSpan.FromMilliseconds(1100);

    /// <summary>How long to wait for "OK" to each command-mode line.</summary>
    public TimeSpan CommandModeTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Reopen a port that vanished (an unplugged dongle) when it comes back.</summary>
    public bool Reconnect { get; init; } = true;

    /// <summary>How often to try reopening a vanished port.</summary>
    public TimeSpan ReconnectInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest frame data accepted from the dongle; longer lengths are garbage.</summary>
    public int MaxFrameDataLength { get; init; } = 1024;
}
