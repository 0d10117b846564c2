using System.IO.Ports;

namespace ZigBee.XBee.Serial;

/// <summary>
/// A real serial port through System.IO.Ports: 8 data bits, no parity, one stop bit, the flow control of the settings.
/// The port's own failures (unplugged, closed under us, no such device) come out as <see cref="SerialLinkException"/>.
/// </summary>
public sealed class SerialPortTransport : ISerialTransport
{
    private readonly SerialPortSettings _settings;
    private SerialPort? _port;
    private Stream? _stream;

    public SerialPortTransport(SerialPortSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
        BaudRate = settings.BaudRate;
    }

    public string Name => _settings.PortName;

    public bool IsOpen => _port is { IsOpen: true };

    public int BaudRate { get; private set; }

    public ValueTask OpenAsync(int baudRate, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_port is { IsOpen: true } open)
        {
            if (open.BaudRate != baudRate)
            {
                Guard(() => open.BaudRate = baudRate, "change the speed of");
                BaudRate = baudRate;
            }

            return ValueTask.CompletedTask;
        }

        Close();
        if (!OperatingSystem.IsWindows() && !File.Exists(_settings.PortName))
        {
            // System.IO.Ports reports a missing device as "access denied"; say what it is.
            throw new SerialLinkException($"cannot open {_settings.PortName}: no such device");
        }

        var port = new SerialPort(_settings.PortName, baudRate, Parity.None, 8, StopBits.One)
        {
            Handshake = _settings.FlowControl switch
            {
                SerialFlowControl.RtsCts => Handshake.RequestToSend,
                SerialFlowControl.XOnXOff => Handshake.XOnXOff,
                _ => Handshake.None,
            },
            ReadTimeout = SerialPort.InfiniteTimeout,
            WriteTimeout = 5000,
        };
        try
        {
            port.Open();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
        {
            port.Dispose();
            throw new SerialLinkException($"cannot open {_settings.PortName}: {e.Message}", e);
        }

        _port = port;
        _stream = port.BaseStream;
        BaudRate = baudRate;
        return ValueTask.CompletedTask;
    }

    public async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var stream = _stream ?? throw Closed();
        int read;
        try
        {
            read = await stream.ReadAsync(buffer, cancellationToken);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException or UnauthorizedAccessException)
        {
            // The port is gone: let go of it, so opening again really reopens the device.
            Close();
            throw new SerialLinkException($"{_settings.PortName} failed: {e.Message}", e);
        }

        if (read > 0)
        {
            return read;
        }

        // A serial stream reports end of stream only when the device went away.
        Close();
        throw new SerialLinkException($"{_settings.PortName} was closed");
    }

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        var stream = _stream ?? throw Closed();
        try
        {
            await stream.WriteAsync(data, cancellationToken);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException or UnauthorizedAccessException or TimeoutException)
        {
            Close();
            throw new SerialLinkException($"{_settings.PortName} failed: {e.Message}", e);
        }
    }

    public void Close()
    {
        var port = _port;
        _port = null;
        _stream = null;
        if (port is null)
        {
            return;
        }

        try
        {
            port.Dispose();
        }
        catch (IOException)
        {
            // A port that vanished may fail to close; it is gone either way.
        }
    }

    public ValueTask DisposeAsync()
    {
        Close();
        return ValueTask.CompletedTask;
    }

    private SerialLinkException Closed() => new($"{_settings.PortName} is not open");

    private void Guard(Action action, string what)
    {
        try
        {
            action();
        }
        catch (Exception e) when (e is IOException or ArgumentException or InvalidOperationException)
        {
            throw new SerialLinkException($"cannot {what} {_settings.PortName}: {e.Message}", e);
        }
    }
}
