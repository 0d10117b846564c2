using System.Text;
using Microsoft.Extensions.Logging;
using ZigBee.XBee.Frames;
using ZigBee.XBee.Serial;

namespace ZigBee.XBee.Link;

// Finding the dongle (API probe, command mode, speeds) and getting it back after the port vanished.
public sealed partial class XBeeLink
{
    private async Task ConnectAsync(CancellationToken cancellationToken)
    {
        var rates = new List<int> { Options.BaudRate };
        if (Options.TryCommonBaudRates)
        {
            rates.AddRange(SerialPortSettings.CommonBaudRates.Where(r => r != Options.BaudRate));
        }

        foreach (var rate in rates)
        {
            await _transport.OpenAsync(rate, cancellationToken);
            _readLoop ??= ReadLoopAsync(_stopping.Token);
            if (await ProbeAsync(cancellationToken))
            {
                return;
            }

            if (Options.ConfigureApiModeInCommandMode && await ConfigureInCommandModeAsync(cancellationToken) && await ProbeAsync(cancellationToken))
            {
                return;
            }

            _logger.LogInformation("no XBee answered on {Port} at {Rate} bit/s", PortName, rate);
        }

        throw new SerialLinkException($"no XBee answered on {PortName} at {string.Join(", ", rates)} bit/s (API probe{(Options.ConfigureApiModeInCommandMode ? " and command mode" : "")})");
    }

    /// <summary>
    /// Asks AP in API mode. An answer tells the dongle's API mode; if it is not ours, it is switched (the answer to
    /// the switch still comes in the old mode, so the reader follows only after it).
    /// </summary>
    private async Task<bool> ProbeAsync(CancellationToken cancellationToken)
    {
        AtResponse answer;
        try
        {
            answer = await AtCommandCoreAsync(AtCommandName.AP, default, false, Options.ProbeTimeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            return false;
        }

        if (!answer.IsOk || answer.Data.Length == 0)
        {
            return false;
        }

        var theirs = (ApiMode)answer.Data[^1];
        if (theirs == Options.ApiMode)
        {
            SwitchMode(theirs);
            return true;
        }

        if (theirs is ApiMode.Unescaped or ApiMode.Escaped)
        {
            SwitchMode(theirs);
        }

        var switched = await AtCommandCoreAsync(AtCommandName.AP, new[] { (byte)Options.ApiMode }, false, Options.ProbeTimeout, cancellationToken);
        if (!switched.IsOk)
        {
            return false;
        }

        SwitchMode(Options.ApiMode);
        _logger.LogInformation("switched the XBee on {Port} from API mode {Old} to {New}", PortName, (int)theirs, (int)Options.ApiMode);
        return true;
    }

    private void SwitchMode(ApiMode mode)
    {
        ApiMode = mode;
        _reader.Mode = mode;
    }

    /// <summary>Transparent mode: "+++" between guard times, then ATAP, ATAC (apply) and ATCN (leave), each answered "OK".</summary>
    private async Task<bool> ConfigureInCommandModeAsync(CancellationToken cancellationToken)
    {
        var text = new CommandModeReader();
        _commandMode = text;
        try
        {
            await Task.Delay(Options.GuardTime, _time, cancellationToken);
            await WriteRawAsync("+++"u8.ToArray(), cancellationToken);
            if (!await text.WaitForLineAsync("OK", Options.GuardTime + Options.CommandModeTimeout, _time, cancellationToken))
            {
                return false;
            }

            foreach (var command in new[] { $"ATAP{(int)Options.ApiMode}", "ATAC", "ATCN" })
            {
                await WriteRawAsync(Encoding.ASCII.GetBytes(command + "\r"), cancellationToken);
                if (!await text.WaitForLineAsync("OK", Options.CommandModeTimeout, _time, cancellationToken))
                {
                    _logger.LogWarning("the XBee on {Port} did not accept {Command} in command mode", PortName, command);
                    return false;
                }
            }

            SwitchMode(Options.ApiMode);
            _reader.Reset();
            return true;
        }
        finally
        {
            _commandMode = null;
        }
    }

    private void OnLineLost(SerialLinkException error)
    {
        _readLoop = null;
        var lost = new SerialLinkException($"{PortName} vanished: {error.Message}", error);
        if (State == XBeeLinkState.Connecting)
        {
            // Start-up fails as a whole: its probe gets this error.
            FailAll(lost);
            return;
        }

        if (State != XBeeLinkState.Connected)
        {
            // Closed by us, or a reconnection attempt that failed: already counted and handled.
            return;
        }

        _logger.LogWarning("{Port} vanished: {Message}", PortName, error.Message);
        Counters.Disconnect();
        SetState(XBeeLinkState.Disconnected);
        FailAll(lost);
        if (Options.Reconnect)
        {
            _ = ReconnectAsync(_stopping.Token);
        }
    }

    private async Task ReconnectAsync(CancellationToken stopping)
    {
        _transport.Close();
        _reader.Reset();
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Options.ReconnectInterval, _time, stopping);
                await _transport.OpenAsync(_transport.BaudRate, stopping);
                _readLoop = ReadLoopAsync(stopping);
                if (await ProbeAsync(stopping))
                {
                    Counters.Reconnect();
                    _logger.LogInformation("{Port} is back", PortName);
                    SetState(XBeeLinkState.Connected);
                    return;
                }

                _transport.Close();
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (SerialLinkException)
            {
                // Not back yet (or gone again while probing): try again after the interval.
                _transport.Close();
            }
        }
    }

    // What the dongle says in command mode: lines ending in CR.
    private sealed class CommandModeReader
    {
        private readonly StringBuilder _text = new();
        private TaskCompletionSource? _changed;

        public void Append(ReadOnlySpan<byte> bytes)
        {
            TaskCompletionSource? changed;
            lock (_text)
            {
                foreach (var b in bytes)
                {
                    _text.Append((char)b);
                }

                changed = _changed;
                _changed = null;
            }

            changed?.TrySetResult();
        }

        public async Task<bool> WaitForLineAsync(string line, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
        {
            using var expiry = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            using var timer = time.CreateTimer(static s => ((CancellationTokenSource)s!).Cancel(), expiry, timeout, Timeout.InfiniteTimeSpan);
            while (true)
            {
                Task changed;
                lock (_text)
                {
                    var all = _text.ToString();
                    var end = all.IndexOf('\r');
                    if (end >= 0)
                    {
                        _text.Remove(0, end + 1);
                        if (all[..end].Trim() == line)
                        {
                            return true;
                        }

                        continue;
                    }

                    // Completed inline by the reader; the await below returns to this method's context.
                    _changed ??= new TaskCompletionSource();
                    changed = _changed.Task;
                }

                try
                {
                    await changed.WaitAsync(expiry.Token);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    return false;
                }
            }
        }
    }
}
