using FedChain.Messages;

namespace FedChain.IntegrationTests.Federation;

/// <summary>Every run message the test observer saw on the real broker, with waits that fail with what was seen.</summary>
public sealed class EventLog
{
    private readonly List<IRunMessage> _events = [];
    private readonly Lock _gate = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Records a message.</summary>
    public void Add(IRunMessage message)
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            _events.Add(message);
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }

    /// <summary>The messages of one type and run seen so far.</summary>
    public IReadOnlyList<T> Of<T>(string runId)
        where T : IRunMessage
    {
        lock (_gate)
        {
            return _events.OfType<T>().Where(e => e.RunId == runId).ToArray();
        }
    }

    /// <summary>Waits for the first message of type <typeparamref name="T"/> matching <paramref name="predicate"/>; fails (with a summary of what was seen) at the timeout or on RunFailed.</summary>
    public async Task<T> WaitForAsync<T>(string runId, Func<T, bool> predicate, TimeSpan timeout, Func<string>? diagnostics = null)
        where T : IRunMessage
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                var match = _events.OfType<T>().FirstOrDefault(e => e.RunId == runId && predicate(e));
                if (match is not null)
                {
                    return match;
                }

                if (typeof(T) != typeof(RunFailed) && _events.OfType<RunFailed>().FirstOrDefault(e => e.RunId == runId) is { } failed)
                {
                    throw new InvalidOperationException($"run failed while waiting for {typeof(T).Name}: {failed.Reason}{Environment.NewLine}{diagnostics?.Invoke()}");
                }

                changed = _changed.Task;
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"no {typeof(T).Name} within {timeout}; seen: {Summary(runId)}{Environment.NewLine}{diagnostics?.Invoke()}");
            }

            await Task.WhenAny(changed, Task.Delay(left));
        }
    }

    /// <summary>A one-line count of what was seen for the run.</summary>
    public string Summary(string runId)
    {
        lock (_gate)
        {
            return string.Join(", ", _events.Where(e => e.RunId == runId).GroupBy(e => e.GetType().Name).Select(g => $"{g.Key} x{g.Count()}"));
        }
    }
}
