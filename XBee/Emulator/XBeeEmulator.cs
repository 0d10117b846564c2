using ZigBee.Simulation.Scheduling;
using ZigBee.XBee.Frames;
using ZigBee.XBee.Serial;

namespace ZigBee.XBee.Emulator;

/// <summary>
/// Serves an emulated XBee's API on a serial line: a pseudo-terminal any program can open (System.IO.Ports included)
/// with the simulator kept in step with the wall clock, or an in-memory pipe in virtual time. Bytes from the host are
/// framed (API mode 1 or 2, or command mode after "+++" in transparent mode) and handed to the firmware; its frames go
/// back framed in its current API mode. Faults can be injected: garbage, a bad checksum, a truncated frame, a port that
/// vanishes for a while.
/// </summary>
public sealed partial class XBeeEmulator : IDisposable
{
    private readonly XBeeEmulatorOptions _options;
    private readonly ApiFrameReader _reader;
    private readonly byte[] _encoded = new byte[2 * 1024 + 8];
    private RealTimeRunner? _runner;
    private PseudoTerminal? _pty;
    private int _ptyGeneration;
    private InMemorySerialPipe? _pipe;
    private bool _disposed;

    public XBeeEmulator(XBeeFirmware firmware, XBeeEmulatorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(firmware);
        Firmware = firmware;
        _options = options ?? new XBeeEmulatorOptions();
        _reader = new ApiFrameReader(firmware.ApiMode);
        firmware.FrameToHost += OnFrameToHost;
    }

    public XBeeFirmware Firmware { get; }

    public SimulationScheduler Scheduler => Firmware.Scheduler;

    /// <summary>The path a serial program opens: the symlink if one was asked for, else /dev/pts/N. Null before <see cref="Start"/>.</summary>
    public string? PortPath { get; private set; }

    /// <summary>Bytes the host sent.</summary>
    public long BytesFromHost { get; private set; }

    /// <summary>Bytes to the host lost because nobody read them (the pseudo-terminal's buffer was full).</summary>
    public long BytesDropped => _pty?.BytesDropped ?? 0;

    /// <summary>What the emulator's frame decoder skipped of the host's bytes.</summary>
    public ApiFrameReaderCounters ReaderCounters => _reader.Counters;

    /// <summary>Why the simulation stopped, if an event in it threw.</summary>
    public Exception? Fault => _runner?.Fault;

    /// <summary>
    /// Opens the pseudo-terminal (and its symlink) and runs the simulator in real time × speed on a thread of its own;
    /// the firmware powers on. Linux only.
    /// </summary>
    public void Start()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_runner is not null || _pipe is not null)
        {
            throw new InvalidOperationException("the emulator is already serving");
        }

        OpenTerminal();
        _runner = new RealTimeRunner(Scheduler, _options.WallClock, _options.Speed);
        _runner.Invoke(Firmware.PowerOn);
        _runner.Start();
    }

    /// <summary>
    /// Serves the firmware on <paramref name="pipe"/>'s device end in virtual time: call on the scheduler's thread
    /// (e.g. inside <see cref="SimulationScheduler.Run(Func{Task}, TimeSpan?)"/>); the firmware powers on.
    /// </summary>
    public async Task AttachAsync(InMemorySerialPipe pipe)
    {
        ArgumentNullException.ThrowIfNull(pipe);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_runner is not null || _pipe is not null)
        {
            throw new InvalidOperationException("the emulator is already serving");
        }

        _pipe = pipe;
        await pipe.Device.OpenAsync(_options.BaudRate);
        _ = PipeReadLoopAsync(pipe.Device);
        Firmware.PowerOn();
    }

    /// <summary>Runs <paramref name="action"/> on the simulator's thread (from any thread when serving a pseudo-terminal).</summary>
    public void Invoke(Action action)
    {
        if (_runner is { } runner)
        {
            runner.Invoke(action);
        }
        else
        {
            Scheduler.Post(action);
        }
    }

    /// <summary>Runs <paramref name="function"/> on the simulator's thread and hands back its result.</summary>
    public Task<T> InvokeAsync<T>(Func<T> function)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        Invoke(() =>
        {
            try
            {
                done.TrySetResult(function());
            }
            catch (Exception e)
            {
                done.TrySetException(e);
            }
        });
        return done.Task;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _runner?.Dispose();
        Interlocked.Increment(ref _ptyGeneration);
        _pty?.Dispose();
        _pty = null;
        _pipe?.Device.Close();
        Firmware.FrameToHost -= OnFrameToHost;
    }

    private void OnFrameToHost(ReadOnlySpan<byte> frameData)
    {
        var length = ApiFrame.Encode(frameData, Firmware.ApiMode, _encoded);
        WriteToHost(_encoded.AsSpan(0, length));
    }

    private void WriteToHost(ReadOnlySpan<byte> bytes)
    {
        if (_pty is { } pty)
        {
            pty.Write(bytes);
            return;
        }

        if (_pipe is { } pipe && pipe.Device.IsOpen)
        {
            // The in-memory cable takes the bytes at once; a write on a pulled cable loses them, as on a real one.
            var written = pipe.Device.WriteAsync(bytes.ToArray());
            if (!written.IsCompletedSuccessfully)
            {
                _ = written.AsTask().ContinueWith(static t => _ = t.Exception, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously);
            }
        }
    }

    private async Task PipeReadLoopAsync(ISerialTransport end)
    {
        var buffer = new byte[512];
        while (!_disposed)
        {
            int read;
            try
            {
                read = await end.ReadAsync(buffer);
            }
            catch (SerialLinkException)
            {
                return;
            }

            OnBytesFromHost(buffer.AsSpan(0, read));
        }
    }

    private void OpenTerminal()
    {
        var pty = PseudoTerminal.Open(_options.LinkPath);
        _pty = pty;
        PortPath = pty.PortPath;
        var generation = Interlocked.Increment(ref _ptyGeneration);
        var reader = new Thread(() => TerminalReadLoop(pty, generation)) { IsBackground = true, Name = "xbee emulator pty" };
        reader.Start();
    }

    // The pseudo-terminal's own thread: blocking reads, each chunk handed to the simulator's thread.
    private void TerminalReadLoop(PseudoTerminal pty, int generation)
    {
        var buffer = new byte[512];
        while (Volatile.Read(ref _ptyGeneration) == generation)
        {
            int read;
            try
            {
                read = pty.Read(buffer, TimeSpan.FromMilliseconds(100));
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException)
            {
                return;
            }

            if (read > 0)
            {
                var chunk = buffer.AsSpan(0, read).ToArray();
                _runner?.Invoke(() =>
                {
                    if (Volatile.Read(ref _ptyGeneration) == generation)
                    {
                        OnBytesFromHost(chunk);
                    }
                });
            }
        }
    }

    private void OnBytesFromHost(ReadOnlySpan<byte> bytes)
    {
        BytesFromHost += bytes.Length;
        if (Firmware.Transparent || _commandMode)
        {
            OnTransparentBytes(bytes);
            return;
        }

        _reader.Mode = Firmware.ApiMode;
        while (_reader.TryRead(ref bytes, out var frame))
        {
            Firmware.ReceiveFromHost(frame);
        }
    }
}
