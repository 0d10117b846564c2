using System.Diagnostics;

namespace ZigBee.Tests;

/// <summary>Runs Wireshark's tshark, the judge of our bytes; tests that need it are Inconclusive where it is missing.</summary>
internal static class Tshark
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(120);

    /// <summary>The tshark executable, or Inconclusive with the reason.</summary>
    public static string Locate()
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, "tshark");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        Assert.Inconclusive("tshark is not on PATH; install it (apt-get install tshark, as .ci/run does) to check our bytes with Wireshark");
        return null!;
    }

    /// <summary>Runs tshark with <paramref name="arguments"/> and returns its standard output; fails on a non-zero exit.</summary>
    public static async Task<string> RunAsync(IEnumerable<string> arguments, CancellationToken cancellation)
    {
        var start = new ProcessStartInfo(Locate())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new AssertInconclusiveException("tshark could not be started");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timeout.CancelAfter(Limit);
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"tshark {string.Join(' ', start.ArgumentList)} did not finish within {Limit.TotalSeconds} s");
        }

        var text = await output;
        Assert.AreEqual(0, process.ExitCode, $"tshark {string.Join(' ', start.ArgumentList)} failed: {await error}");
        return text;
    }

    /// <summary>Output lines of a tshark run, without empty ones.</summary>
    public static async Task<string[]> LinesAsync(IEnumerable<string> arguments, CancellationToken cancellation) =>
        (await RunAsync(arguments, cancellation)).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>
    /// One row per frame of <paramref name="capture"/> with the values of <paramref name="fields"/> (tab-separated
    /// columns; a field that occurs several times gives its values joined by commas).
    /// </summary>
    public static async Task<List<string[]>> FieldsAsync(string capture, IReadOnlyList<string> fields, CancellationToken cancellation)
    {
        var arguments = new List<string> { "-r", capture, "-T", "fields", "-E", "separator=/t", "-E", "occurrence=a", "-E", "aggregator=," };
        foreach (var field in fields)
        {
            arguments.Add("-e");
            arguments.Add(field);
        }

        var rows = new List<string[]>();
        foreach (var line in (await RunAsync(arguments, cancellation)).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var row = line.TrimEnd('\r').Split('\t');
            Assert.HasCount(fields.Count, row, line);
            rows.Add(row);
        }

        return rows;
    }
}
