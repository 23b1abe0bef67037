using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace FedChain.ServiceDefaults;

/// <summary>FedChain's own ActivitySource and Meter, and the instruments every host records into.</summary>
public static class FedChainTelemetry
{
    /// <summary>The name of FedChain's ActivitySource and Meter.</summary>
    public const string Name = "FedChain";

    /// <summary>The name of MassTransit's ActivitySource (publish, send, consume spans that carry trace context across processes).</summary>
    public const string MassTransitSource = "MassTransit";

    /// <summary>Spans of FedChain's own work: training, validation, aggregation, scoring, the commitRound transaction.</summary>
    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    /// <summary>Rounds opened by the aggregator.</summary>
    public static readonly Counter<long> RoundsOpened = Meter.CreateCounter<long>("fedchain.rounds.opened", "{round}", "Rounds the aggregator opened");

    /// <summary>Rounds whose commitRound transaction was mined.</summary>
    public static readonly Counter<long> RoundsCommitted = Meter.CreateCounter<long>("fedchain.rounds.committed", "{round}", "Rounds recorded on-chain");

    /// <summary>Rounds that failed (too few updates, refused commit).</summary>
    public static readonly Counter<long> RoundsFailed = Meter.CreateCounter<long>("fedchain.rounds.failed", "{round}", "Rounds that failed");

    /// <summary>Updates accepted into a round.</summary>
    public static readonly Counter<long> UpdatesAccepted = Meter.CreateCounter<long>("fedchain.updates.accepted", "{update}", "Updates accepted into a round");

    /// <summary>Updates rejected, tagged with the reason.</summary>
    public static readonly Counter<long> UpdatesRejected = Meter.CreateCounter<long>("fedchain.updates.rejected", "{update}", "Updates rejected, by reason");

    /// <summary>Payload bytes received in updates.</summary>
    public static readonly Counter<long> BytesReceived = Meter.CreateCounter<long>("fedchain.update.bytes.received", "By", "Update payload bytes received by the aggregator");

    /// <summary>Time from a round's opening to its commit.</summary>
    public static readonly Histogram<double> RoundDuration = Meter.CreateHistogram<double>("fedchain.round.duration", "s", "Time from opening a round to its on-chain commit");

    /// <summary>A worker's local training time for one round.</summary>
    public static readonly Histogram<double> TrainingDuration = Meter.CreateHistogram<double>("fedchain.training.duration", "s", "Local training time of one round on a worker");

    /// <summary>The aggregator's aggregation and scoring time for one round.</summary>
    public static readonly Histogram<double> AggregationDuration = Meter.CreateHistogram<double>("fedchain.aggregation.duration", "s", "Aggregation, evaluation and scoring time of one round");

    /// <summary>Gas used by a round's commitRound transaction.</summary>
    public static readonly Histogram<long> CommitGas = Meter.CreateHistogram<long>("fedchain.commit.gas", "{gas}", "Gas used by the commitRound transaction of a round");
}
