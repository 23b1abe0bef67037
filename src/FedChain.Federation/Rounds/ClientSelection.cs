namespace FedChain.Federation.Rounds;

/// <summary>The outcome of sampling: the selected clients, or none with the reason the round cannot start.</summary>
/// <param name="Selected">Selected client ids, in sampling order (empty when not ready).</param>
/// <param name="Available">How many clients were available.</param>
/// <param name="Message">Why the round cannot start, or a summary.</param>
public sealed record ClientSelection(IReadOnlyList<string> Selected, int Available, string Message)
{
    /// <summary>True when enough clients were available and some were selected.</summary>
    public bool IsReady => Selected.Count > 0;

    /// <summary>Fraction of available clients selected (the sampling rate q a DP accountant needs).</summary>
    public double SamplingRate => Available == 0 ? 0 : (double)Selected.Count / Available;
}
