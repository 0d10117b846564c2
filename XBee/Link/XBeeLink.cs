using System.Buffers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ZigBee.XBee.Frames;
using ZigBee.XBee.Serial;

namespace ZigBee.XBee.Link;

/// <summary>Writes one API frame's data (API identifier onwards) carrying <paramref name="frameId"/>; returns its length.</summary>
public delegate int ApiFrameWriter(Span<byte> destination, byte frameId);

/// <summary>A frame from the dongle that answered no request of ours: the span is valid only during the call.</summary>
public delegate void XBeeFrameHandler(ReadOnlySpan<byte> frameData);

/// <summary>
/// The API-frame link to an XBee over a serial transport: frames out and in, frame IDs allocated and matched to
/// their responses with timeouts from a <see cref="TimeProvider"/>, unsolicited frames raised as events. When the port
/// vanishes every waiting request fails with <see cref="SerialLinkException"/> at once, and the link reopens the
/// port when it comes back. Frames are raised on the context the link was started on (the node's loop).
/// </summary>
public sealed partial class XBeeLink : IAsyncDisposable
{
    private readonly ISerialTransport _transport;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ApiFrameReader _reader;
    private readonly Pending?[] _pending = new Pending?[256];
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private readonly object _gate = new();
    private byte _lastFrameId;
    private Task? _readLoop;
    private CommandModeReader? _commandMode;

    public XBeeLink(ISerialTransport transport, XBeeLinkOptions? options = null, TimeProvider? time = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(transport);
        _transport = transport;
        Options = options ?? new XBeeLinkOptions();
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        ApiMode = Options.ApiMode;
        _reader = new ApiFrameReader(ApiMode, Options.MaxFrameDataLength);
    }

    public XBeeLinkOptions Options { get; }

    /// <summary>The port's name, as the user gave it.</summary>
    public string PortName => _transport.Name;

    /// <summary>The API mode frames are framed in now.</summary>
    public ApiMode ApiMode { get; private set; }

    /// <summary>The speed the dongle answered at.</summary>
    public int BaudRate => _transport.BaudRate;

    public XBeeLinkState State { get; private set; }

    public XBeeLinkCounters Counters { get; } = new();

    /// <summary>What the stream decoder skipped: garbage, bad checksums, truncated and oversized frames.</summary>
    public ApiFrameReaderCounters ReaderCounters => _reader.Counters;

    /// <summary>Every frame that answered no waiting request (receive packets, modem status, node identification...).</summary>
    public event XBeeFrameHandler? FrameReceived;

    /// <summary>The link changed state; <see cref="XBeeLinkState.Connected"/> after a reconnection means the dongle is back.</summary>
    public event Action<XBeeLinkState>? StateChanged;

    /// <summary>
    /// Opens the port and finds the dongle: an AT command in API mode; if silent, command mode ("+++" between guard
    /// times) to set AP and apply; at each common speed when <see cref="XBeeLinkOptions.TryCommonBaudRates"/>.
    /// Throws <see cref="SerialLinkException"/> when the port cannot be opened or nothing answers.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (State != XBeeLinkState.Closed)
        {
            throw new InvalidOperationException($"the link is already {State}");
        }

        SetState(XBeeLinkState.Connecting);
        try
        {
            await ConnectAsync(cancellationToken);
        }
        catch
        {
            _transport.Close();
            SetState(XBeeLinkState.Closed);
            throw;
        }

        SetState(XBeeLinkState.Connected);
    }

    /// <summary>Sends a frame that expects no answer (frame ID 0, or a frame type without one).</summary>
    public async Task SendAsync(ReadOnlyMemory<byte> frameData, CancellationToken cancellationToken = default)
    {
        EnsureUsable();
        await WriteFrameAsync(frameData, cancellationToken);
    }

    /// <summary>
    /// Sends a frame with a fresh frame ID and waits for the frame of <paramref name="responseType"/> carrying it;
    /// returns that frame's data (API identifier onwards). Throws <see cref="TimeoutException"/> when the dongle
    /// stays silent and <see cref="SerialLinkException"/> when the line fails meanwhile.
    /// </summary>
    public Task<byte[]> RequestAsync(ApiFrameWriter write, ApiFrameType responseType, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(write);
        EnsureUsable();
        return RequestCoreAsync(write, responseType, timeout, cancellationToken);
    }

    // Without the state check: the start-up and reconnection probes talk to a dongle not yet declared connected.
    private async Task<byte[]> RequestCoreAsync(ApiFrameWriter write, ApiFrameType responseType, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        var pending = Register(responseType);
        var buffer = ArrayPool<byte>.Shared.Rent(Options.MaxFrameDataLength);
        try
        {
            var length = write(buffer, pending.FrameId);
            pending.Arm(this, timeout ?? Options.ResponseTimeout, cancellationToken);
            await WriteFrameAsync(buffer.AsMemory(0, length), cancellationToken);
        }
        catch (Exception e)
        {
            Complete(pending, e);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return await pending.Task;
    }

    /// <summary>A local AT command (0x08; 0x09 when <paramref name="queued"/>: applied at the next AC).</summary>
    public Task<AtResponse> AtCommandAsync(AtCommandName command, ReadOnlyMemory<byte> parameter = default, bool queued = false, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        EnsureUsable();
        return AtCommandCoreAsync(command, parameter, queued, timeout, cancellationToken);
    }

    private async Task<AtResponse> AtCommandCoreAsync(AtCommandName command, ReadOnlyMemory<byte> parameter, bool queued, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        var data = await RequestCoreAsync((destination, id) => new AtCommandFrame(id, command, parameter.Span, queued).Encode(destination),
            ApiFrameType.AtCommandResponse, timeout, cancellationToken);
        return AtCommandResponseFrame.TryDecode(data, out var response)
            ? new AtResponse(response.Command, response.Status, response.Data.ToArray())
            : throw new SerialLinkException($"{PortName}: malformed AT response");
    }

    /// <summary>Reads a numeric AT parameter (big-endian on the wire); throws <see cref="XBeeCommandException"/> on an error status.</summary>
    public async Task<ulong> ReadNumberAsync(AtCommandName command, CancellationToken cancellationToken = default) =>
        (await AtCommandAsync(command, cancellationToken: cancellationToken)).EnsureOk().Number;

    /// <summary>Sets a numeric AT parameter in the fewest big-endian bytes that hold it (at least <paramref name="minimumBytes"/>).</summary>
    public async Task SetNumberAsync(AtCommandName command, ulong value, int minimumBytes = 1, CancellationToken cancellationToken = default)
    {
        var parameter = AtValue.ToParameter(value, AtValue.SizeOf(value, minimumBytes));
        (await AtCommandAsync(command, parameter, cancellationToken: cancellationToken)).EnsureOk();
    }

    /// <summary>An AT command for another node of the network (0x17 → 0x97).</summary>
    public async Task<RemoteAtResponse> RemoteAtCommandAsync(ulong destination64, ushort destination16, AtCommandName command, ReadOnlyMemory<byte> parameter = default,
        RemoteAtOptions options = RemoteAtOptions.ApplyChanges, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var data = await RequestAsync((destination, id) => new RemoteAtCommandFrame(id, destination64, destination16, options, command, parameter.Span).Encode(destination),
            ApiFrameType.RemoteAtCommandResponse, timeout ?? TimeSpan.FromSeconds(10), cancellationToken);
        return RemoteAtCommandResponseFrame.TryDecode(data, out var r)
            ? new RemoteAtResponse(r.Source64, r.Source16, r.Command, r.Status, r.Data.ToArray())
            : throw new SerialLinkException($"{PortName}: malformed remote AT response");
    }

    /// <summary>Stops reading, fails what still waits, and closes the port.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        _stopping.Cancel();
        FailAll(new SerialLinkException($"{PortName}: the link was closed"));
        _transport.Close();
        if (_readLoop is { } loop)
        {
            await loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        SetState(XBeeLinkState.Closed);
        _stopping.Dispose();
    }

    private void EnsureUsable()
    {
        ObjectDisposedException.ThrowIf(_stopping.IsCancellationRequested, this);
        if (State != XBeeLinkState.Connected)
        {
            throw new SerialLinkException($"{PortName}: the dongle is not connected ({State})");
        }
    }

    private async Task WriteFrameAsync(ReadOnlyMemory<byte> frameData, CancellationToken cancellationToken)
    {
        var mode = ApiMode;
        var encoded = ArrayPool<byte>.Shared.Rent(ApiFrame.EncodedLength(frameData.Span, mode));
        try
        {
            var length = ApiFrame.Encode(frameData.Span, mode, encoded);
            await WriteRawAsync(encoded.AsMemory(0, length), cancellationToken);
            Counters.FrameSent();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(encoded);
        }
    }

    private async Task WriteRawAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            await _transport.WriteAsync(bytes, cancellationToken);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async Task ReadLoopAsync(CancellationToken stopping)
    {
        var buffer = new byte[512];
        while (!stopping.IsCancellationRequested)
        {
            int read;
            try
            {
                read = await _transport.ReadAsync(buffer, stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (SerialLinkException e)
            {
                if (!stopping.IsCancellationRequested)
                {
                    OnLineLost(e);
                }

                return;
            }

            Process(buffer.AsSpan(0, read));
        }
    }

    private void Process(ReadOnlySpan<byte> bytes)
    {
        if (_commandMode is { } text)
        {
            text.Append(bytes);
            return;
        }

        while (_reader.TryRead(ref bytes, out var frame))
        {
            Counters.FrameReceived();
            Dispatch(frame);
        }
    }

    private void Dispatch(ReadOnlySpan<byte> frame)
    {
        if (frame.Length >= 2 && HasFrameId((ApiFrameType)frame[0]) && frame[1] != 0)
        {
            Pending? pending;
            lock (_gate)
            {
                pending = _pending[frame[1]];
                if (pending is not null && pending.ResponseType == (ApiFrameType)frame[0])
                {
                    _pending[frame[1]] = null;
                }
                else
                {
                    pending = null;
                }
            }

            if (pending is not null)
            {
                Counters.ResponseMatched();
                pending.Succeed(frame.ToArray());
                return;
            }

            Counters.UnmatchedResponse();
        }

        try
        {
            FrameReceived?.Invoke(frame);
        }
        catch (Exception e)
        {
            // A handler's bug must not stop the link from reading; it is logged, not swallowed silently.
            _logger.LogError(e, "XBee frame handler failed on frame 0x{Type:X2}", frame[0]);
        }
    }

    private static bool HasFrameId(ApiFrameType type) => type is ApiFrameType.AtCommandResponse or ApiFrameType.TransmitStatus
        or ApiFrameType.TxStatus or ApiFrameType.RemoteAtCommandResponse or ApiFrameType.RegisterJoiningDeviceStatus;

    private Pending Register(ApiFrameType responseType)
    {
        lock (_gate)
        {
            for (var tries = 0; tries < 255; tries++)
            {
                _lastFrameId = (byte)(_lastFrameId == 255 ? 1 : _lastFrameId + 1);
                if (_pending[_lastFrameId] is null)
                {
                    var pending = new Pending(_lastFrameId, responseType);
                    _pending[_lastFrameId] = pending;
                    return pending;
                }
            }
        }

        throw new InvalidOperationException("255 requests already wait for the dongle's answers");
    }

    private void Complete(Pending pending, Exception error)
    {
        lock (_gate)
        {
            if (_pending[pending.FrameId] == pending)
            {
                _pending[pending.FrameId] = null;
            }
        }

        pending.Fail(error);
    }

    private void FailAll(Exception error)
    {
        var failed = new List<Pending>();
        lock (_gate)
        {
            for (var i = 0; i < _pending.Length; i++)
            {
                if (_pending[i] is { } p)
                {
                    failed.Add(p);
                    _pending[i] = null;
                }
            }
        }

        foreach (var p in failed)
        {
            p.Fail(error);
        }
    }

    private void SetState(XBeeLinkState state)
    {
        if (State == state)
        {
            return;
        }

        State = state;
        StateChanged?.Invoke(state);
    }

    // One request waiting for its response: the task, its timeout timer and the caller's cancellation.
    private sealed class Pending(byte frameId, ApiFrameType responseType)
    {
        private readonly TaskCompletionSource<byte[]> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private ITimer? _timer;
        private CancellationTokenRegistration _cancellation;

        public byte FrameId { get; } = frameId;

        public ApiFrameType ResponseType { get; } = responseType;

        public Task<byte[]> Task => _done.Task;

        public void Arm(XBeeLink link, TimeSpan timeout, CancellationToken cancellationToken)
        {
            _timer = link._time.CreateTimer(static state =>
            {
                var (link, pending, timeout) = ((XBeeLink, Pending, TimeSpan))state!;
                link.Counters.Timeout();
                link.Complete(pending, new TimeoutException(
                    $"{link.PortName}: no {pending.ResponseType} for frame {pending.FrameId} within {timeout.TotalSeconds:0.###} s"));
            }, (link, this, timeout), timeout, Timeout.InfiniteTimeSpan);
            if (cancellationToken.CanBeCanceled)
            {
                _cancellation = cancellationToken.Register(() => link.Complete(this, new OperationCanceledException(cancellationToken)));
            }
        }

        public void Succeed(byte[] frame)
        {
            Disarm();
            _done.TrySetResult(frame);
        }

        public void Fail(Exception error)
        {
            Disarm();
            if (error is OperationCanceledException cancelled)
            {
                _done.TrySetCanceled(cancelled.CancellationToken);
            }
            else
            {
                _done.TrySetException(error);
            }
        }

        private void Disarm()
        {
            _timer?.Dispose();
            _cancellation.Unregister();
        }
    }
}
