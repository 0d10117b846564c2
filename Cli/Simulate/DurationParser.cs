using System.Globalization;

namespace ZigBee.Cli.Simulate;

/// <summary>Parses durations as users type them: "10m", "30s", "1h", "250ms", or a plain number of seconds.</summary>
internal static class DurationParser
{
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        text = text.Trim();
        var unit = 1.0;
        var number = text;
        if (text.EndsWith("ms", StringComparison.OrdinalIgnoreCase))
        {
            unit = 0.001;
            number = text[..^2];
        }
        else if (text.EndsWith('s') || text.EndsWith('S'))
        {
            number = text[..^1];
        }
        else if (text.EndsWith('m') || text.EndsWith('M'))
        {
            unit = 60;
            number = text[..^1];
        }
        else if (text.EndsWith('h') || text.EndsWith('H'))
        {
            unit = 3600;
            number = text[..^1];
        }

        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < 0 || double.IsInfinity(value) || value * unit > TimeSpan.MaxValue.TotalSeconds / 2)
        {
            return false;
        }

        duration = TimeSpan.FromSeconds(value * unit);
        return true;
    }
}
