namespace FedChain.Benchmarks.Transport;

/// <summary>Counts consumed messages and completes a task when the expected number arrived.</summary>
public sealed class DeliveryCounter
{
    private int _remaining;
    private TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Starts waiting for <paramref name="count"/> messages.</summary>
    public Task Expect(int count)
    {
        _done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _remaining, count);
        return _done.Task;
    }

    /// <summary>One more message arrived.</summary>
    public void Delivered()
    {
        if (Interlocked.Decrement(ref _remaining) == 0)
        {
            _done.TrySetResult();
        }
    }
}
