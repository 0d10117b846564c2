namespace ZigBee.XBee.Serial;

/// <summary>
/// Two ends of a serial cable in memory: what one end writes, the other reads, in order. A test can pull the plug
/// (<see cref="Unplug"/>): reads waiting at either end fail and the host cannot reopen until <see cref="Plug"/>.
/// Reads complete through the reader's synchronization context, so on the simulator everything runs in virtual time.
/// Ends opened at different speeds hear each other's bytes garbled, as a UART does, so a speed scan can be tested.
/// </summary>
public sealed class InMemorySerialPipe
{
    private readonly object _gate = new();
    private bool _plugged = true;

    public InMemorySerialPipe(string name = "pipe")
    {
        Host = new End(this, name + ":host");
        Device = new End(this, name + ":device");
        Host.Peer = Device;
        Device.Peer = Host;
    }

    /// <summary>The PC's end.</summary>
    public End Host { get; }

    /// <summary>The dongle's end.</summary>
    public End Device { get; }

    public bool IsPlugged
    {
        get
        {
            lock (_gate)
            {
                return _plugged;
            }
        }
    }

    /// <summary>Pulls the cable: both ends close, and nothing opens again until <see cref="Plug"/>.</summary>
    public void Unplug()
    {
        lock (_gate)
        {
            _plugged = false;
        }

        Host.Close();
        Device.Close();
    }

    /// <summary>Puts the cable back; the ends must be opened again.</summary>
    public void Plug()
    {
        lock (_gate)
        {
            _plugged = true;
        }
    }

    /// <summary>One end of the cable.</summary>
    public sealed class End : ISerialTransport
    {
        private readonly InMemorySerialPipe _pipe;
        private readonly Queue<byte> _inbound = new();
        private TaskCompletionSource<int>? _pendingRead;
        private Memory<byte> _pendingBuffer;
        private CancellationTokenRegistration _pendingRegistration;
        private bool _open;

        internal End(InMemorySerialPipe pipe, string name)
        {
            _pipe = pipe;
            Name = name;
        }

        public string Name { get; }

        internal End Peer { get; set; } = null!;

        public bool IsOpen
        {
            get
            {
                lock (_pipe._gate)
                {
                    return _open;
                }
            }
        }

        public int BaudRate { get; private set; } = SerialPortSettings.DefaultBaudRate;

        /// <summary>Bytes written to this end so far.</summary>
        public long BytesWritten { get; private set; }

        public ValueTask OpenAsync(int baudRate, CancellationToken cancellationToken = default)
        {
            cancellationToken.ThrowIfCancellationRequested();
            lock (_pipe._gate)
            {
                if (!_pipe._plugged)
                {
                    throw new SerialLinkException($"{Name}: no such device (unplugged)");
                }

                if (!_open)
                {
                    _inbound.Clear();
                }

                _open = true;
                BaudRate = baudRate;
            }

            return ValueTask.CompletedTask;
        }

        public ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            TaskCompletionSource<int> pending;
            lock (_pipe._gate)
            {
                if (!_open)
                {
                    return ValueTask.FromException<int>(new SerialLinkException($"{Name} is not open"));
                }

                if (_inbound.Count > 0)
                {
                    return ValueTask.FromResult(Drain(buffer.Span));
                }

                if (_pendingRead is not null)
                {
                    return ValueTask.FromException<int>(new InvalidOperationException("one read at a time"));
                }

                pending = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
                _pendingRead = pending;
                _pendingBuffer = buffer;
            }

            if (cancellationToken.CanBeCanceled)
            {
                var registration = cancellationToken.Register(() => Cancel(pending, cancellationToken));
                lock (_pipe._gate)
                {
                    if (_pendingRead == pending)
                    {
                        _pendingRegistration = registration;
                        registration = default;
                    }
                }

                // Completed (or cancelled) before the registration was kept: nothing left to cancel.
                registration.Dispose();
            }

            return new ValueTask<int>(pending.Task);
        }

        public ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
        {
            cancellationToken.ThrowIfCancellationRequested();
            TaskCompletionSource<int>? wake = null;
            var read = 0;
            lock (_pipe._gate)
            {
                if (!_open)
                {
                    return ValueTask.FromException(new SerialLinkException($"{Name} is not open"));
                }

                BytesWritten += data.Length;
                var peer = Peer;
                if (!peer._open)
                {
                    // Nobody listens at the other end: the bytes fall on the floor, as on a real line.
                    return ValueTask.CompletedTask;
                }

                var garbled = peer.BaudRate != BaudRate;
                foreach (var b in data.Span)
                {
                    // Sampled at the wrong speed a byte comes out as another one; which one does not matter.
                    peer._inbound.Enqueue(garbled ? (byte)((b * 0x1D) ^ 0xB6) : b);
                }

                if (peer._pendingRead is { } pending && peer._inbound.Count > 0)
                {
                    read = peer.Drain(peer._pendingBuffer.Span);
                    peer.ForgetPendingRead();
                    wake = pending;
                }
            }

            wake?.TrySetResult(read);
            return ValueTask.CompletedTask;
        }

        public void Close()
        {
            TaskCompletionSource<int>? pending;
            lock (_pipe._gate)
            {
                _open = false;
                _inbound.Clear();
                pending = _pendingRead;
                ForgetPendingRead();
            }

            pending?.TrySetException(new SerialLinkException($"{Name} was closed"));
        }

        public ValueTask DisposeAsync()
        {
            Close();
            return ValueTask.CompletedTask;
        }

        private int Drain(Span<byte> destination)
        {
            var count = Math.Min(destination.Length, _inbound.Count);
            for (var i = 0; i < count; i++)
            {
                destination[i] = _inbound.Dequeue();
            }

            return count;
        }

        private void Cancel(TaskCompletionSource<int> pending, CancellationToken token)
        {
            lock (_pipe._gate)
            {
                if (_pendingRead != pending)
                {
                    return;
                }

                ForgetPendingRead();
            }

            pending.TrySetCanceled(token);
        }

        // Under the gate: Unregister, unlike Dispose, never waits for a callback running on another thread.
        private void ForgetPendingRead()
        {
            _pendingRead = null;
            _pendingBuffer = default;
            _pendingRegistration.Unregister();
            _pendingRegistration = default;
        }
    }
}
