namespace ZigBee.XBee.Emulator;

/// <summary>How an emulated XBee is served.</summary>
public sealed record XBeeEmulatorOptions
{
    /// <summary>A symlink to the pseudo-terminal at this path (an old symlink there is replaced); null for none.</summary>
    public string? LinkPath { get; init; }

    /// <summary>Virtual seconds per wall-clock second behind the pseudo-terminal (1 = real time).</summary>
    public double Speed { get; init; } = 1.0;

    /// <summary>GT: the silence before and after "+++" that enters command mode (transparent mode only).</summary>
    public TimeSpan GuardTime { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>CT: command mode ends after this long without a command.</summary>
    public TimeSpan CommandModeTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>BD: the module's serial speed. An in-memory host end opened at another speed hears garbage.</summary>
    public int BaudRate { get; init; } = Serial.SerialPortSettings.DefaultBaudRate;

    /// <summary>The wall clock the pseudo-terminal side runs on.</summary>
    public TimeProvider WallClock { get; init; } = TimeProvider.System;
}
