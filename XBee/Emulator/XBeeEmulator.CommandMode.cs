using System.Text;
using ZigBee.XBee.Frames;

namespace ZigBee.XBee.Emulator;

// Transparent mode's command mode: "+++" alone between two guard times, then "AT" lines answered in text.
public sealed partial class XBeeEmulator
{
    private readonly StringBuilder _line = new();
    private readonly byte[] _atValue = new byte[256];
    private bool _commandMode;
    private int _plusCount;
    private TimeSpan _lastByteAt = TimeSpan.MinValue;
    private TimeSpan _plusStartedAt;
    private long _commandModeEpoch;

    private void OnTransparentBytes(ReadOnlySpan<byte> bytes)
    {
        var now = Scheduler.Now;
        var silentBefore = _lastByteAt == TimeSpan.MinValue || now - _lastByteAt >= _options.GuardTime;
        _lastByteAt = now;
        if (_commandMode)
        {
            RestartCommandModeTimeout();
            foreach (var b in bytes)
            {
                if (b == (byte)'\r')
                {
                    RunCommandLine(_line.ToString());
                    _line.Clear();
                }
                else if (_line.Length < 64)
                {
                    _line.Append((char)b);
                }
            }

            return;
        }

        // Transparent data would go out over the air; the emulator only serves the API, so it watches for "+++".
        foreach (var b in bytes)
        {
            if (b != (byte)'+')
            {
                _plusCount = 0;
                continue;
            }

            if (_plusCount == 0)
            {
                if (!silentBefore)
                {
                    continue;
                }

                _plusStartedAt = now;
            }

            _plusCount++;
        }

        if (_plusCount == 3)
        {
            var started = _plusStartedAt;
            Scheduler.Schedule(_options.GuardTime, () =>
            {
                // Command mode only if nothing followed the "+++" for a whole guard time.
                if (_plusCount == 3 && _lastByteAt - started < _options.GuardTime && Scheduler.Now - _lastByteAt >= _options.GuardTime)
                {
                    _plusCount = 0;
                    _commandMode = true;
                    _line.Clear();
                    RestartCommandModeTimeout();
                    WriteText("OK\r");
                }
            });
        }
    }

    private void RunCommandLine(string line)
    {
        line = line.Trim();
        if (line.Length == 0)
        {
            return;
        }

        if (line.Length < 4 || !line.StartsWith("AT", StringComparison.OrdinalIgnoreCase))
        {
            WriteText("ERROR\r");
            return;
        }

        var command = new AtCommandName(char.ToUpperInvariant(line[2]), char.ToUpperInvariant(line[3]));
        var argument = line[4..].Trim();
        if (command == new AtCommandName('C', 'N'))
        {
            WriteText("OK\r");
            LeaveCommandMode(apply: true);
            return;
        }

        if (!TryParseParameter(command, argument, out var parameter))
        {
            WriteText("ERROR\r");
            return;
        }

        var status = Firmware.Execute(command, parameter, _atValue, out var length);
        if (status != AtCommandStatus.Ok)
        {
            WriteText("ERROR\r");
            return;
        }

        if (command == AtCommandName.AC)
        {
            Firmware.ApplyApiMode();
        }

        WriteText(parameter.Length > 0 || length == 0 ? "OK\r" : FormatValue(command, _atValue.AsSpan(0, length)) + "\r");
    }

    private void LeaveCommandMode(bool apply)
    {
        _commandMode = false;
        _commandModeEpoch++;
        if (apply)
        {
            Firmware.Execute(AtCommandName.AC, default, _atValue, out _);
            Firmware.ApplyApiMode();
        }
    }

    private void RestartCommandModeTimeout()
    {
        var epoch = ++_commandModeEpoch;
        Scheduler.Schedule(_options.CommandModeTimeout, () =>
        {
            if (_commandMode && _commandModeEpoch == epoch)
            {
                LeaveCommandMode(apply: false);
            }
        });
    }

    private void WriteText(string text) => WriteToHost(Encoding.ASCII.GetBytes(text));

    // Command mode takes numbers in hexadecimal and the node identifier as text.
    private static bool TryParseParameter(AtCommandName command, string argument, out byte[] parameter)
    {
        parameter = [];
        if (argument.Length == 0)
        {
            return true;
        }

        if (command == AtCommandName.NI)
        {
            parameter = Encoding.ASCII.GetBytes(argument);
            return true;
        }

        var hex = argument.Replace(" ", "", StringComparison.Ordinal);
        if (hex.Length > 64)
        {
            return false;
        }

        if (hex.Length % 2 == 1)
        {
            hex = "0" + hex;
        }

        try
        {
            parameter = Convert.FromHexString(hex);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static string FormatValue(AtCommandName command, ReadOnlySpan<byte> value)
    {
        if (command == AtCommandName.NI)
        {
            return Encoding.ASCII.GetString(value);
        }

        var hex = Convert.ToHexString(value).TrimStart('0');
        return hex.Length == 0 ? "0" : hex;
    }
}
