namespace ZigBee.Aps.Service;

/// <summary>
/// Something that waits for an APS acknowledgement with a timeout from the service's clock. An acknowledgement that
/// arrives before the wait begins (while NWK is still confirming the frame) is kept, so it is never missed.
/// </summary>
internal sealed class AckWaiter : IDisposable
{
    private readonly TimeProvider _time;
    private TaskCompletionSource<bool>? _waiting;
    private ITimer? _timer;
    private bool _signalled;

    public AckWaiter(TimeProvider time) => _time = time;

    /// <summary>True once <see cref="Signal"/> was called and not yet consumed by a wait.</summary>
    public bool IsSignalled => _signalled;

    /// <summary>Completes with true when signalled, false when <paramref name="timeout"/> passes first.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (_signalled)
        {
            _signalled = false;
            return Task.FromResult(true);
        }

        var waiting = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiting = waiting;
        _timer ??= _time.CreateTimer(static state => ((AckWaiter)state!).Expire(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _timer.Change(timeout, Timeout.InfiniteTimeSpan);
        if (cancellationToken.CanBeCanceled)
        {
            var registration = cancellationToken.Register(static state => ((AckWaiter)state!).Cancel(), this);
            return Unregister(waiting.Task, registration);
        }

        return waiting.Task;
    }

    /// <summary>Forgets an acknowledgement that arrived before any wait (a new window begins).</summary>
    public void Reset() => _signalled = false;

    /// <summary>The acknowledgement arrived.</summary>
    public void Signal()
    {
        var waiting = _waiting;
        if (waiting is null)
        {
            _signalled = true;
            return;
        }

        _waiting = null;
        _timer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        waiting.TrySetResult(true);
    }

    public void Dispose()
    {
        _timer?.Dispose();
        _timer = null;
        _waiting?.TrySetResult(false);
        _waiting = null;
    }

    private static async Task<bool> Unregister(Task<bool> task, CancellationTokenRegistration registration)
    {
        try
        {
            return await task;
        }
        finally
        {
            await registration.DisposeAsync();
        }
    }

    private void Expire()
    {
        var waiting = _waiting;
        _waiting = null;
        waiting?.TrySetResult(false);
    }

    private void Cancel()
    {
        var waiting = _waiting;
        _waiting = null;
        _timer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        waiting?.TrySetCanceled();
    }
}
