using FedChain.Federation.Aggregation;

namespace FedChain.Federation.Strategies;

/// <summary>
/// Adaptive federated optimisation (Reddi et al. 2021): the FedAvg mean update is a pseudo-gradient
/// fed to a server optimiser whose moments persist across rounds; streaming.
/// </summary>
public abstract class FedOptStrategy : StreamingStrategy
{
    private float[]? _m;
    private float[]? _v;

    /// <summary>Creates the strategy; the plan's learning rate becomes eta_l.</summary>
    protected FedOptStrategy(StrategyOptions options, FedOptOptions fedOpt)
        : base(options)
    {
        ArgumentNullException.ThrowIfNull(fedOpt);
        fedOpt.Validate();
        FedOpt = fedOpt;
    }

    /// <summary>The optimiser hyper-parameters.</summary>
    public FedOptOptions FedOpt { get; }

    /// <summary>The second-moment rule.</summary>
    public abstract ServerOptimizer Optimizer { get; }

    /// <summary>Copies of the optimiser moments (m, v) for the host to persist; null before the first aggregated round.</summary>
    public (float[] M, float[] V)? ExportState() => _m is null || _v is null ? null : ((float[])_m.Clone(), (float[])_v.Clone());

    /// <summary>Restores moments saved by <see cref="ExportState"/> (e.g. after a restart), so the next step continues the run.</summary>
    public void RestoreState(float[] m, float[] v)
    {
        ArgumentNullException.ThrowIfNull(m);
        ArgumentNullException.ThrowIfNull(v);
        if (m.Length != v.Length)
        {
            throw new ArgumentException($"moment m has {m.Length} values but v has {v.Length}", nameof(v));
        }

        _m = (float[])m.Clone();
        _v = (float[])v.Clone();
    }

    /// <inheritdoc />
    protected override RoundPlan PlanFor(long round) => Options.Plan with { LearningRate = FedOpt.EtaL };

    /// <inheritdoc />
    protected override float[] ApplyUpdate(long round, float[] globalModel, float[] meanUpdate, int resultCount, IDictionary<string, double> metrics)
    {
        ArgumentNullException.ThrowIfNull(globalModel);
        if (_m is null || _v is null || _m.Length != globalModel.Length)
        {
            _m = new float[globalModel.Length];
            _v = new float[globalModel.Length];
            Array.Fill(_v, (float)(FedOpt.Tau * FedOpt.Tau));
        }

        ServerOptimizerStep.Apply(Optimizer, FedOpt, globalModel, meanUpdate, _m, _v);
        return globalModel;
    }
}
