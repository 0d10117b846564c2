namespace ZigBee.XBee.Serial;

/// <summary>
/// A byte stream to a dongle: a serial port, a pseudo-terminal, or an in-memory pipe in tests. Every failure of the
/// line (a port that cannot be opened, vanished, or was closed) is a <see cref="SerialLinkException"/>.
/// </summary>
public interface ISerialTransport : IAsyncDisposable
{
    /// <summary>What the user called it: the port's path or name.</summary>
    string Name { get; }

    bool IsOpen { get; }

    /// <summary>The line's speed in bit/s (the dongles ship at 9600).</summary>
    int BaudRate { get; }

    /// <summary>Opens the line at <paramref name="baudRate"/> (or changes the speed of an open line).</summary>
    ValueTask OpenAsync(int baudRate, CancellationToken cancellationToken = default);

    /// <summary>Reads what has arrived, waiting for at least one byte; never returns 0 — a closed line throws.</summary>
    ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default);

    ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default);

    /// <summary>Closes the line; reads waiting on it fail with <see cref="SerialLinkException"/>.</summary>
    void Close();
}
