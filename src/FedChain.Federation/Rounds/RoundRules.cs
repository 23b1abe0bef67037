namespace FedChain.Federation.Rounds;

/// <summary>When a round may close: how long it waits and how many results it needs.</summary>
/// <param name="Deadline">Time from the round's start after which it closes with what it has.</param>
/// <param name="MinResults">Quorum as a count of results.</param>
/// <param name="MinResultFraction">Quorum as a fraction of the selected clients (the larger of the two applies).</param>
/// <param name="CloseAtQuorum">Close as soon as the quorum is met instead of waiting for every selected client or the deadline.</param>
public sealed record RoundRules(TimeSpan Deadline, int MinResults = 1, double MinResultFraction = 0, bool CloseAtQuorum = false)
{
    /// <summary>Throws when the settings cannot hold, naming the field.</summary>
    public void Validate()
    {
        if (Deadline <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(Deadline), Deadline, "the round deadline must be positive");
        }

        if (MinResults < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MinResults), MinResults, "a round needs at least one result");
        }

        if (!(MinResultFraction >= 0 && MinResultFraction <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(MinResultFraction), MinResultFraction, "the quorum fraction must be in [0, 1]");
        }
    }
}
