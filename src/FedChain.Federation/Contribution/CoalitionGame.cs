using System.Diagnostics;

namespace FedChain.Federation.Contribution;

/// <summary>
/// The round seen as a cooperative game: builds coalition models in reused buffers and evaluates them, counting
/// evaluations, cache hits and time for the cost report.
/// </summary>
internal sealed class CoalitionGame
{
    private readonly IModelEvaluator _evaluator;
    private readonly CancellationToken _cancellationToken;
    private readonly Stopwatch _total = Stopwatch.StartNew();
    private readonly Stopwatch _evaluating = new();
    private float[]? _model;
    private double? _emptyUtility;

    public CoalitionGame(ContributionRound round, string policy, CancellationToken cancellationToken)
    {
        Round = round;
        _cancellationToken = cancellationToken;
        _evaluator = round.Evaluator
            ?? throw new ArgumentException($"policy '{policy}' needs a validation-set evaluator, but round {round.Round} has none", nameof(round));
        IsFedAvg = round.Aggregator is FedAvgCoalitionAggregator;
    }

    public ContributionRound Round { get; }

    /// <summary>True when coalitions can be built incrementally (FedAvg), one axpy per added member.</summary>
    public bool IsFedAvg { get; }

    public int Evaluations { get; private set; }

    public int CacheHits { get; set; }

    public int ModelsBuilt { get; private set; }

    /// <summary>The scratch buffer coalition models are written to (one per game, never per coalition).</summary>
    public float[] ModelBuffer => _model ??= GC.AllocateUninitializedArray<float>(Round.ParameterCount);

    public bool HasEmptyUtility => _emptyUtility.HasValue;

    /// <summary>U(empty) = U(w0).</summary>
    public double EmptyUtility() => _emptyUtility ??= Evaluate(Round.BaseModel.Span, "the base model");

    /// <summary>Builds the coalition's model from scratch (members ascending) and evaluates it.</summary>
    public double UtilityOf(ReadOnlySpan<int> members)
    {
        if (members.IsEmpty)
        {
            return EmptyUtility();
        }

        var model = ModelBuffer;
        Round.Aggregator.Aggregate(Round, members, model);
        ModelsBuilt++;
        return Evaluate(model, members);
    }

    /// <summary>Evaluates a model just built in <see cref="ModelBuffer"/> (or elsewhere) for the given coalition.</summary>
    public double Evaluate(ReadOnlySpan<float> model, ReadOnlySpan<int> members)
    {
        var u = EvaluateUnchecked(model);
        if (!double.IsFinite(u))
        {
            var ids = new List<string>(members.Length);
            foreach (var m in members)
            {
                ids.Add(Round.Updates[m].ContributorId);
            }

            throw NotFinite(u, $"coalition {{{string.Join(", ", ids)}}}");
        }

        return u;
    }

    /// <summary>Counts a model built outside <see cref="UtilityOf"/> (incremental paths).</summary>
    public void CountModelBuilt() => ModelsBuilt++;

    public ContributionCost Cost() =>
        new(Evaluations, CacheHits, ModelsBuilt, _total.Elapsed, _evaluating.Elapsed);

    private double Evaluate(ReadOnlySpan<float> model, string what)
    {
        var u = EvaluateUnchecked(model);
        return double.IsFinite(u) ? u : throw NotFinite(u, what);
    }

    private double EvaluateUnchecked(ReadOnlySpan<float> model)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        _evaluating.Start();
        var u = _evaluator.Utility(model);
        _evaluating.Stop();
        Evaluations++;
        return u;
    }

    private InvalidOperationException NotFinite(double u, string what) =>
        new($"the evaluator returned {u} for {what} in round {Round.Round}; utilities must be finite");
}
