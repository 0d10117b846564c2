using System.Collections.Concurrent;

namespace ZigBee.Stack.Hosting;

/// <summary>
/// The node's loop on real hardware: one thread pumping a queue under a synchronization context of its own, so a
/// stack driven by a serial dongle runs on one logical thread as it does on the simulator (its layers take no locks).
/// Calls from other threads go through <see cref="RunAsync{T}(Func{Task{T}})"/> or <see cref="Post"/>.
/// </summary>
public sealed class NodeLoop : IDisposable
{
    private readonly BlockingCollection<(SendOrPostCallback Callback, object? State)> _queue = new();
    private readonly Thread _thread;
    private readonly LoopContext _context;

    public NodeLoop(string name = "node")
    {
        _context = new LoopContext(this);
        _thread = new Thread(Pump) { IsBackground = true, Name = name };
        _thread.Start();
    }

    /// <summary>The context continuations of the node's async code return to.</summary>
    public SynchronizationContext Context => _context;

    /// <summary>True on the loop's own thread.</summary>
    public bool IsCurrent => Thread.CurrentThread == _thread;

    /// <summary>What an action posted without an awaiting caller threw; the loop goes on.</summary>
    public event Action<Exception>? UnhandledException;

    /// <summary>Queues <paramref name="action"/> to run on the loop.</summary>
    public void Post(Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        _context.Post(static state => ((Action)state!)(), action);
    }

    /// <summary>Runs <paramref name="operation"/> on the loop; the task completes with its result (or its exception).</summary>
    public Task<T> RunAsync<T>(Func<Task<T>> operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        Post(async () =>
        {
            try
            {
                done.TrySetResult(await operation());
            }
            catch (OperationCanceledException e)
            {
                done.TrySetCanceled(e.CancellationToken);
            }
            catch (Exception e)
            {
                done.TrySetException(e);
            }
        });
        return done.Task;
    }

    /// <summary>Runs <paramref name="operation"/> on the loop; the task completes when it does.</summary>
    public Task RunAsync(Func<Task> operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        return RunAsync(async () =>
        {
            await operation();
            return true;
        });
    }

    public void Dispose()
    {
        _queue.CompleteAdding();
        if (!IsCurrent)
        {
            _thread.Join();
        }

        _queue.Dispose();
    }

    private void Pump()
    {
        SynchronizationContext.SetSynchronizationContext(_context);
        foreach (var (callback, state) in _queue.GetConsumingEnumerable())
        {
            try
            {
                callback(state);
            }
            catch (Exception e)
            {
                UnhandledException?.Invoke(e);
            }
        }
    }

    private sealed class LoopContext(NodeLoop loop) : SynchronizationContext
    {
        public override void Post(SendOrPostCallback d, object? state)
        {
            try
            {
                loop._queue.Add((d, state));
            }
            catch (Exception e) when (e is InvalidOperationException or ObjectDisposedException)
            {
                // A continuation that comes after the loop stopped: the node is gone, and so is its work.
            }
        }

        public override void Send(SendOrPostCallback d, object? state)
        {
            if (loop.IsCurrent)
            {
                d(state);
                return;
            }

            using var done = new ManualResetEventSlim();
            Exception? error = null;
            Post(_ =>
            {
                try
                {
                    d(state);
                }
                catch (Exception e)
                {
                    error = e;
                }
                finally
                {
                    done.Set();
                }
            }, null);
            done.Wait();
            if (error is not null)
            {
                throw error;
            }
        }

        public override SynchronizationContext CreateCopy() => this;
    }
}
