using FedChain.Aggregator.Evaluation;
using FedChain.Aggregator.State;
using FedChain.Federation.Strategies;
using FedChain.Learning;
using FedChain.Messages;

namespace FedChain.Aggregator.Runs;

/// <summary>A run the coordinator is driving: its configuration, strategy, current model and open round.</summary>
internal sealed class ActiveRun(RunRecord record, RunConfiguration configuration, IStrategy strategy, ITrainableModel model, float[] globalModel, ServerEvaluation evaluation)
{
    /// <summary>The held-out sets the run is evaluated and scored on, prepared with the run's standardisation.</summary>
    public ServerEvaluation Evaluation { get; } = evaluation;

    /// <summary>The persisted record (replaced on every change).</summary>
    public RunRecord Record { get; set; } = record;

    /// <summary>The configuration it was started with.</summary>
    public RunConfiguration Configuration { get; } = configuration;

    /// <summary>The aggregation strategy.</summary>
    public IStrategy Strategy { get; } = strategy;

    /// <summary>A model instance of the run's architecture: its layout, and the evaluator's workspace.</summary>
    public ITrainableModel Model { get; } = model;

    /// <summary>The current global model's parameters.</summary>
    public float[] GlobalModel { get; set; } = globalModel;

    /// <summary>The round being collected, if any.</summary>
    public OpenRound? Round { get; set; }

    /// <summary>When the run started waiting for enough workers to open its next round.</summary>
    public DateTimeOffset? WaitingForWorkersSince { get; set; }

    /// <summary>Fingerprints of earlier rounds' updates, for the free-rider screen (refilled from the store after a restart).</summary>
    public Federation.Contribution.SketchHistory Sketches { get; } = new();

    /// <summary>Server-side metrics of the latest committed model.</summary>
    public EvaluationMetrics? LatestMetrics { get; set; }
}
