namespace FedChain.Ledger;

/// <summary>The rounds a participant's consent to a run covers (consentOf): FromRound &lt;= r &lt; UntilRound.</summary>
/// <param name="FromRound">First round it counts for; 0 when never given.</param>
/// <param name="UntilRound">First round it no longer counts for; 0 while not withdrawn.</param>
public sealed record ConsentRecord(ulong FromRound, ulong UntilRound)
{
    /// <summary>True when the consent covers <paramref name="round"/> (the contract's rule).</summary>
    public bool Covers(ulong round) => FromRound != 0 && round >= FromRound && (UntilRound == 0 || round < UntilRound);

    /// <summary>One line for an operator: given or not, from which round, withdrawn from which round.</summary>
    public string Describe() =>
        FromRound == 0 ? "no consent given"
        : UntilRound == 0 ? $"consent in force from round {FromRound}"
        : $"consent given from round {FromRound}, withdrawn from round {UntilRound}";
}
