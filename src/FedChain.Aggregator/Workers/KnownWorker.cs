namespace FedChain.Aggregator.Workers;

/// <summary>A worker the aggregator has heard from.</summary>
/// <param name="WorkerId">Its id.</param>
/// <param name="Address">The address it signs with (lower-case 0x hex).</param>
/// <param name="Models">Models it can train.</param>
/// <param name="SampleCount">Training samples it reports.</param>
/// <param name="LastSeen">When its last heartbeat arrived (the aggregator's clock).</param>
public sealed record KnownWorker(string WorkerId, string Address, IReadOnlyList<string> Models, long SampleCount, DateTimeOffset LastSeen);
