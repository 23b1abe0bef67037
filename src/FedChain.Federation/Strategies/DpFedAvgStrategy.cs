using System.Collections.Concurrent;
using FedChain.Federation.Privacy;
using FedChain.Federation.Rounds;

namespace FedChain.Federation.Strategies;

/// <summary>
/// DP-FedAvg with fixed clipping (McMahan et al. 2018; Flower's server-side fixed clipping): each
/// update is clipped to C and weighted equally (sample counts would raise the sensitivity), and the
/// mean gets Gaussian noise of std z * C / (number of results). An RDP accountant records one sampled
/// Gaussian step per round with q = selected / available clients; outcomes report epsilon. Streaming.
/// </summary>
public sealed class DpFedAvgStrategy : StreamingStrategy
{
    private readonly ConcurrentDictionary<long, double> _samplingRates = new();
    private readonly Lock _accountantLock = new();

    /// <summary>Creates the strategy.</summary>
    public DpFedAvgStrategy(StrategyOptions options, DpOptions dp)
        : base(options)
    {
        ArgumentNullException.ThrowIfNull(dp);
        dp.Validate();
        Dp = dp;
    }

    /// <summary>The DP settings.</summary>
    public DpOptions Dp { get; }

    /// <summary>The accountant (one step per aggregated round).</summary>
    public RdpAccountant Accountant { get; } = new();

    /// <summary>Epsilon spent so far for the configured delta.</summary>
    public PrivacySpent Spent
    {
        get
        {
            lock (_accountantLock)
            {
                return Accountant.GetEpsilon(Dp.Delta);
            }
        }
    }

    /// <inheritdoc />
    public override string Name => "dp-fedavg";

    /// <inheritdoc />
    protected override double? EffectiveClipNorm => Dp.ClipNorm;

    /// <inheritdoc />
    public override FitConfiguration ConfigureFit(long round, IEnumerable<string> availableClients)
    {
        var config = base.ConfigureFit(round, availableClients);
        if (config.Selection.IsReady)
        {
            _samplingRates[round] = config.Selection.SamplingRate;
        }

        return config;
    }

    /// <inheritdoc />
    protected override RoundPlan PlanFor(long round) => Options.Plan with { ClipNorm = Dp.ClipNorm, NoiseMultiplier = Dp.NoiseMultiplier };

    /// <inheritdoc />
    protected override double WeightOf(ClientResult result) => 1.0;

    /// <inheritdoc />
    protected override float[] ApplyUpdate(long round, float[] globalModel, float[] meanUpdate, int resultCount, IDictionary<string, double> metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var stddev = Dp.NoiseMultiplier * Dp.ClipNorm / resultCount;
        GaussianNoise.Add(meanUpdate, stddev, Dp.NoiseSeed, unchecked((ulong)round));

        // Without a recorded sampling rate (round configured elsewhere) q = 1 is the safe upper bound.
        var q = _samplingRates.TryRemove(round, out var rate) ? rate : 1.0;
        PrivacySpent spent;
        lock (_accountantLock)
        {
            Accountant.Step(Dp.NoiseMultiplier, q);
            spent = Accountant.GetEpsilon(Dp.Delta);
        }

        metrics["noise_std"] = stddev;
        metrics["sampling_rate"] = q;
        metrics["epsilon"] = spent.Epsilon;
        metrics["delta"] = spent.Delta;
        metrics["rdp_order"] = spent.Order;
        return base.ApplyUpdate(round, globalModel, meanUpdate, resultCount, metrics);
    }
}
