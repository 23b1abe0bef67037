using Microsoft.Extensions.Logging;

namespace FedChain.Aggregator.Runs;

/// <summary>
/// The aggregator's events (the coordinator and the statistics exchange each have one outbox), published in the order
/// they happened even across a broker outage. The state an
/// event reports is persisted (store, chain) before the event is published, so a publish that fails must not
/// undo or abort anything: the event is held, and it and every later one are published, in order, on the
/// next <see cref="FlushAsync"/> that reaches the broker (its owner flushes on every tick). Without
/// this, a RunFinished published while the broker restarted was lost for good: the run was already finished
/// in the store and nothing would publish it again. Not thread-safe: its owner calls it under its own gate.
/// Held events live in memory only: an aggregator that crashes during an outage re-announces its open rounds
/// on resume, but the events of its last moments before the crash are not replayed.
/// </summary>
public sealed class RunEventOutbox(Func<object, Type, CancellationToken, Task> publish, ILogger logger)
{
    private readonly Queue<(object Message, Type Type)> _held = new();
    private object? _reported;

    /// <summary>Events held because the broker did not take them yet.</summary>
    public int Held => _held.Count;

    /// <summary>Publishes <paramref name="message"/> after every event held before it; holds it when the broker is unavailable.</summary>
    public Task PublishAsync<T>(T message, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(message);
        _held.Enqueue((message, typeof(T)));
        return FlushAsync(cancellationToken);
    }

    /// <summary>Publishes the held events in order, stopping (and keeping the rest) at the first the broker does not take.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        while (_held.TryPeek(out var next))
        {
            try
            {
                await publish(next.Message, next.Type, cancellationToken);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                // Once per held event, not once per tick: an outage can last many ticks.
                if (!ReferenceEquals(_reported, next.Message))
                {
                    _reported = next.Message;
                    logger.LogWarning("the broker did not take {Event} ({Error}: {Message}); holding it and {Later} later event(s) until it does",
                        next.Type.Name, e.GetType().Name, e.Message, _held.Count - 1);
                }

                return;
            }

            _held.Dequeue();
            if (ReferenceEquals(_reported, next.Message))
            {
                _reported = null;
                logger.LogInformation("the broker took the held {Event}; {Left} held event(s) left", next.Type.Name, _held.Count);
            }
        }
    }
}
