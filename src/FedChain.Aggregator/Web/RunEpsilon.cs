namespace FedChain.Aggregator.Web;

/// <summary>One hospital's privacy ledger for one run: the epsilon its committed contributions recorded, summed.</summary>
/// <param name="RunId">The run.</param>
/// <param name="Rounds">Its committed contributions in the run.</param>
/// <param name="EpsilonMicros">The sum of their epsilon, in millionths: the site's accountant total for the run, to the rounding.</param>
internal sealed record RunEpsilon(string RunId, int Rounds, long EpsilonMicros);
