using ZigBee.XBee.Frames;

namespace ZigBee.XBee.Emulator;

// Serial faults a test can inject: what real lines do to a host.
public sealed partial class XBeeEmulator
{
    /// <summary>Writes <paramref name="garbage"/> to the host as it is, between frames.</summary>
    public void InjectGarbage(byte[] garbage)
    {
        ArgumentNullException.ThrowIfNull(garbage);
        Invoke(() => WriteToHost(garbage));
    }

    /// <summary>Writes a modem status frame whose checksum is wrong.</summary>
    public void InjectBadChecksum() => Invoke(() =>
    {
        Span<byte> data = stackalloc byte[2];
        var frame = Framed(data[..new ModemStatusFrame(ModemStatus.JoinedNetwork).Encode(data)]);
        frame[^1] ^= 0x5A;
        WriteToHost(frame);
    });

    /// <summary>Writes the first half of an AT response frame and never the rest.</summary>
    public void InjectTruncatedFrame() => Invoke(() =>
    {
        Span<byte> data = stackalloc byte[32];
        var frame = Framed(data[..new AtCommandResponseFrame(0x42, AtCommandName.NI, AtCommandStatus.Ok, "TRUNCATED"u8).Encode(data)]);
        WriteToHost(frame.AsSpan(0, frame.Length / 2));
    });

    // A frame as the firmware's API mode puts it on the line, for a fault to spoil.
    private byte[] Framed(ReadOnlySpan<byte> frameData)
    {
        var frame = new byte[ApiFrame.EncodedLength(frameData, Firmware.ApiMode)];
        ApiFrame.Encode(frameData, Firmware.ApiMode, frame);
        return frame;
    }

    /// <summary>
    /// The port vanishes for <paramref name="downtime"/> (wall-clock time behind a pseudo-terminal, virtual time on an
    /// in-memory pipe) and then comes back at the same path; the firmware and its network carry on meanwhile.
    /// </summary>
    public void DropPort(TimeSpan downtime) => Invoke(() =>
    {
        if (_pty is { } pty)
        {
            Interlocked.Increment(ref _ptyGeneration);
            _pty = null;
            pty.Dispose();
            ITimer? timer = null;
            timer = _options.WallClock.CreateTimer(_ =>
            {
                timer?.Dispose();
                Invoke(() =>
                {
                    if (!_disposed && _pty is null)
                    {
                        OpenTerminal();
                    }
                });
            }, null, downtime, Timeout.InfiniteTimeSpan);
            return;
        }

        if (_pipe is { } pipe)
        {
            pipe.Unplug();
            Scheduler.Schedule(downtime, () =>
            {
                pipe.Plug();
                if (!_disposed)
                {
                    // The in-memory end opens at once (its ValueTask is already complete).
                    _ = pipe.Device.OpenAsync(_options.BaudRate).AsTask();
                    _ = PipeReadLoopAsync(pipe.Device);
                }
            });
        }
    });
}
