using Microsoft.Extensions.Logging;

namespace ZigBee.Tests.XBee;

/// <summary>A logger that keeps what was logged as an error: the link logs (and survives) a frame handler that threw.</summary>
internal sealed class ZigBeeErrorLog : ILogger
{
    private readonly List<string> _errors = [];

    public IReadOnlyList<string> Errors
    {
        get
        {
            lock (_errors)
            {
                return [.. _errors];
            }
        }
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (logLevel >= LogLevel.Error)
        {
            lock (_errors)
            {
                _errors.Add($"{formatter(state, exception)} {exception}");
            }
        }
    }
}
