using System.Globalization;
using System.Numerics;

namespace FedChain.Federation.Rewards;

/// <summary>Reward settings as configured (section "Rewards").</summary>
public sealed class RewardOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Rewards";

    /// <summary>Token base units offered per round, as a decimal integer string (BigInteger does not bind from config).</summary>
    public string PoolPerRound { get; set; } = "0";

    /// <summary>Minimum normalised score in ppm to be paid (0..1,000,000).</summary>
    public uint MinimumScorePpm { get; set; }

    /// <summary>The policy these options describe; errors name the configuration key.</summary>
    public RewardPolicy ToPolicy()
    {
        if (!BigInteger.TryParse(PoolPerRound, NumberStyles.None, CultureInfo.InvariantCulture, out var pool))
        {
            throw new FormatException($"{SectionName}:{nameof(PoolPerRound)} '{PoolPerRound}' is not a non-negative decimal integer of token base units");
        }

        if (MinimumScorePpm > ScorePpm.Whole)
        {
            throw new ArgumentOutOfRangeException(
                $"{SectionName}:{nameof(MinimumScorePpm)}", MinimumScorePpm, $"expected 0..{ScorePpm.Whole}");
        }

        return new RewardPolicy(pool, MinimumScorePpm);
    }
}
