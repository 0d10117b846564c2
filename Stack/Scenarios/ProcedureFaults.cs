namespace ZigBee.Stack.Scenarios;

/// <summary>
/// Collects the faults of procedures a scenario starts and nobody awaits (a device's join loop, a send), so a run
/// reports them at its end instead of losing them.
/// </summary>
internal sealed class ProcedureFaults
{
    private readonly List<Exception> _faults = [];

    public void Observe(Task task)
    {
        if (task.IsCompleted)
        {
            if (task.Exception is { } done)
            {
                _faults.Add(done.GetBaseException());
            }

            return;
        }

        task.ContinueWith(
            t => _faults.Add(t.Exception!.GetBaseException()),
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    public void ThrowIfAny()
    {
        if (_faults.Count > 0)
        {
            throw new AggregateException("the simulated network faulted", _faults);
        }
    }
}
