namespace ZigBee.Simulation.Scheduling;

/// <summary>
/// Runs a scheduler on a thread of its own with virtual time kept in step with a wall clock (times
/// <see cref="Speed"/>), so a simulated network can answer something outside the simulation — a serial port, a
/// person. Other threads hand work in through <see cref="Invoke"/>; it runs on the scheduler's thread at the current
/// virtual instant. Everything inside the simulation stays as deterministic as its inputs' arrival.
/// </summary>
public sealed class RealTimeRunner : IDisposable
{
    private readonly SimulationScheduler _scheduler;
    private readonly TimeProvider _wallClock;
    private readonly Queue<Action> _inbox = new();
    private readonly ManualResetEventSlim _wake = new(false);
    private readonly ITimer _timer;
    private Thread? _thread;
    private volatile bool _stopping;

    public RealTimeRunner(SimulationScheduler scheduler, TimeProvider wallClock, double speed = 1.0)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        ArgumentNullException.ThrowIfNull(wallClock);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(speed);
        _scheduler = scheduler;
        _wallClock = wallClock;
        Speed = speed;
        _timer = wallClock.CreateTimer(static state => ((ManualResetEventSlim)state!).Set(), _wake, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Virtual seconds per wall-clock second.</summary>
    public double Speed { get; }

    /// <summary>What stopped the loop, if an event threw.</summary>
    public Exception? Fault { get; private set; }

    public bool IsRunning => _thread is { IsAlive: true };

    /// <summary>Starts the scheduler's thread; virtual time runs from its current instant.</summary>
    public void Start()
    {
        if (_thread is not null)
        {
            throw new InvalidOperationException("already started");
        }

        _thread = new Thread(Loop) { IsBackground = true, Name = "simulation (real time)" };
        _thread.Start();
    }

    /// <summary>Runs <paramref name="action"/> on the scheduler's thread, at the virtual instant it gets there. Any thread.</summary>
    public void Invoke(Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        lock (_inbox)
        {
            _inbox.Enqueue(action);
        }

        _wake.Set();
    }

    /// <summary>Stops the loop and waits for its thread to finish the event it is running.</summary>
    public void Stop()
    {
        _stopping = true;
        _wake.Set();
        if (_thread is { } thread && thread != Thread.CurrentThread)
        {
            thread.Join();
        }
    }

    public void Dispose()
    {
        Stop();
        _timer.Dispose();
        _wake.Dispose();
    }

    private void Loop()
    {
        var startWall = _wallClock.GetTimestamp();
        var startVirtual = _scheduler.Now;
        try
        {
            while (!_stopping)
            {
                _wake.Reset();
                lock (_inbox)
                {
                    while (_inbox.TryDequeue(out var action))
                    {
                        _scheduler.Post(action);
                    }
                }

                var target = startVirtual + _wallClock.GetElapsedTime(startWall) * Speed;
                _scheduler.RunUntil(target);

                if (_scheduler.NextEventTime is { } next)
                {
                    var wait = (next - _scheduler.Now) / Speed;
                    _timer.Change(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
                }

                _wake.Wait();
            }
        }
        catch (Exception e)
        {
            Fault = e;
        }
    }
}
