namespace FedChain.Federation.Rounds;

/// <summary>
/// The round as a pure state machine: the host records results and failures and asks
/// <see cref="Decide"/> with the current time, on every event and at the returned wake-up time.
/// Nothing here waits, so a round cannot hang: at the deadline it aggregates or fails.
/// Not thread-safe: the host serialises calls.
/// </summary>
public sealed class RoundTracker
{
    private readonly HashSet<string> _selected;
    private readonly HashSet<string> _results = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _failures = new(StringComparer.Ordinal);
    private RoundDecision? _final;

    /// <summary>Opens round <paramref name="round"/> at <paramref name="openedAt"/>.</summary>
    /// <param name="round">Round number.</param>
    /// <param name="selected">The sampled clients.</param>
    /// <param name="openedAt">When the round started (deadline is measured from here).</param>
    /// <param name="rules">Deadline and quorum.</param>
    /// <param name="strategyMinimumResults">The fewest results the strategy can aggregate (e.g. 2f+3 for Krum).</param>
    public RoundTracker(long round, IReadOnlyCollection<string> selected, DateTimeOffset openedAt, RoundRules rules, int strategyMinimumResults = 1)
    {
        ArgumentNullException.ThrowIfNull(selected);
        ArgumentNullException.ThrowIfNull(rules);
        rules.Validate();
        Round = round;
        _selected = new HashSet<string>(selected, StringComparer.Ordinal);
        OpenedAt = openedAt;
        Deadline = openedAt + rules.Deadline;
        Rules = rules;
        Quorum = Math.Max(Math.Max(rules.MinResults, strategyMinimumResults), (int)Math.Ceiling(rules.MinResultFraction * _selected.Count));
    }

    /// <summary>Round number.</summary>
    public long Round { get; }

    /// <summary>When the round opened.</summary>
    public DateTimeOffset OpenedAt { get; }

    /// <summary>When it closes at the latest.</summary>
    public DateTimeOffset Deadline { get; }

    /// <summary>The rules.</summary>
    public RoundRules Rules { get; }

    /// <summary>Results needed to aggregate.</summary>
    public int Quorum { get; }

    /// <summary>Clients whose result was recorded.</summary>
    public IReadOnlyCollection<string> Results => _results;

    /// <summary>Clients that failed, with their reason.</summary>
    public IReadOnlyDictionary<string, string> Failures => _failures;

    /// <summary>True once a decision other than Wait was returned.</summary>
    public bool IsClosed => _final is not null;

    /// <summary>
    /// Records an accepted result; false when the round is closed, the client was not selected, or its result is in.
    /// A result replaces a failure recorded for the client (a site that declined, then sent a valid result after all):
    /// what a client delivered counts over what was said about it.
    /// </summary>
    public bool RecordResult(string clientId)
    {
        if (IsClosed || !_selected.Contains(clientId) || !_results.Add(clientId))
        {
            return false;
        }

        _failures.Remove(clientId);
        return true;
    }

    /// <summary>Records a failure (client error, rejected update, lost contact); false when not applicable as for results.</summary>
    public bool RecordFailure(string clientId, string reason)
    {
        if (IsClosed || !_selected.Contains(clientId) || _results.Contains(clientId))
        {
            return false;
        }

        return _failures.TryAdd(clientId, reason);
    }

    /// <summary>Decides at time <paramref name="now"/>; once it says Aggregate or Fail it keeps saying so.</summary>
    public RoundDecision Decide(DateTimeOffset now)
    {
        if (_final is not null)
        {
            return _final;
        }

        var results = _results.Count;
        var failures = _failures.Count;
        var outstanding = _selected.Count - results - failures;
        if (Quorum > _selected.Count)
        {
            return Close(RoundVerdict.Fail, $"round {Round}: quorum {Quorum} exceeds the {_selected.Count} selected clients");
        }

        if (outstanding == 0)
        {
            return results >= Quorum
                ? Close(RoundVerdict.Aggregate, $"round {Round}: all {_selected.Count} selected clients answered ({results} results, {failures} failures)")
                : Close(RoundVerdict.Fail, $"round {Round}: all selected clients answered but only {results} results, quorum {Quorum} ({failures} failures)");
        }

        if (results + outstanding < Quorum)
        {
            return Close(RoundVerdict.Fail, $"round {Round}: {failures} failures leave at most {results + outstanding} results, quorum {Quorum}");
        }

        if (Rules.CloseAtQuorum && results >= Quorum)
        {
            return Close(RoundVerdict.Aggregate, $"round {Round}: quorum {Quorum} reached with {outstanding} clients outstanding");
        }

        if (now >= Deadline)
        {
            return results >= Quorum
                ? Close(RoundVerdict.Aggregate, $"round {Round}: deadline passed with {results} results of {_selected.Count} ({outstanding} missing)")
                : Close(RoundVerdict.Fail, $"round {Round}: deadline passed with {results} results, quorum {Quorum} ({outstanding} missing, {failures} failures)");
        }

        return new RoundDecision(RoundVerdict.Wait, Deadline, results, failures, Quorum, $"round {Round}: {results} of {_selected.Count} results, quorum {Quorum}, waiting until {Deadline:O}");
    }

    private RoundDecision Close(RoundVerdict verdict, string message) =>
        _final = new RoundDecision(verdict, null, _results.Count, _failures.Count, Quorum, message);
}
