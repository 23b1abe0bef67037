using FedChain.Federation.Privacy;
using FedChain.Messages;

namespace FedChain.Cli.Simulation;

/// <summary>
/// The run's privacy terms for a target (ε, δ) over a number of rounds: the smallest noise multiplier whose accounted ε
/// after every round (one Gaussian mechanism per round, sampling rate 1, as the sites account it) stays within ε.
/// </summary>
public static class PrivacyCalibration
{
    /// <summary>Terms spending at most <paramref name="epsilon"/> at <paramref name="delta"/> over <paramref name="rounds"/> rounds.</summary>
    public static RunPrivacyTerms Terms(double epsilon, double delta, double clipNorm, int rounds)
    {
        if (!(epsilon > 0) || !double.IsFinite(epsilon))
        {
            throw new Infrastructure.CliException($"--dp-epsilon {epsilon} must be positive", 2);
        }

        double Spent(double sigma)
        {
            var accountant = new RdpAccountant();
            accountant.Step(sigma, 1.0, rounds);
            return accountant.GetEpsilon(delta).Epsilon;
        }

        double low = 0.01, high = 10_000;
        for (var i = 0; i < 100; i++)
        {
            var mid = Math.Sqrt(low * high);
            if (Spent(mid) > epsilon)
            {
                low = mid;
            }
            else
            {
                high = mid;
            }
        }

        return new RunPrivacyTerms(epsilon, delta, clipNorm, high);
    }
}
