namespace FedChain.Federation.Privacy;

/// <summary>
/// Renyi-DP accountant for the sampled Gaussian mechanism (Mironov 2017; Mironov, Talwar and Zhang
/// 2019): per step and integer order alpha, RDP = log A_alpha / (alpha - 1) with the closed form
/// A_alpha = sum_k C(alpha, k) (1-q)^(alpha-k) q^k exp((k^2 - k) / (2 sigma^2)), which reduces to
/// alpha / (2 sigma^2) at q = 1. Steps compose by adding RDP; epsilon = min over alpha of
/// RDP + log(1/delta) / (alpha - 1). Integer orders only (the closed form is exact there).
/// </summary>
public sealed class RdpAccountant
{
    private readonly int[] _orders;
    private readonly double[] _rdp;
    private readonly List<(double NoiseMultiplier, double SampleRate, int Steps)> _history = [];

    /// <summary>Creates an accountant over the given integer orders (each >= 2), or <see cref="DefaultOrders"/>.</summary>
    public RdpAccountant(IEnumerable<int>? orders = null)
    {
        _orders = (orders ?? DefaultOrders).Distinct().Order().ToArray();
        if (_orders.Length == 0 || _orders[0] < 2)
        {
            throw new ArgumentException("RDP orders must be integers >= 2 (and at least one)", nameof(orders));
        }

        _rdp = new double[_orders.Length];
    }

    /// <summary>Integer orders 2..64 plus 128 and 256: the integer members of the usual TF-Privacy/Opacus grid.</summary>
    public static IReadOnlyList<int> DefaultOrders { get; } = [.. Enumerable.Range(2, 63), 128, 256];

    /// <summary>The orders tracked.</summary>
    public IReadOnlyList<int> Orders => _orders;

    /// <summary>Accumulated RDP per order.</summary>
    public IReadOnlyList<double> Rdp => _rdp;

    /// <summary>Every recorded step, so a restarted host can replay them.</summary>
    public IReadOnlyList<(double NoiseMultiplier, double SampleRate, int Steps)> History => _history;

    /// <summary>Records <paramref name="steps"/> applications of the sampled Gaussian mechanism.</summary>
    public void Step(double noiseMultiplier, double sampleRate, int steps = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        for (var i = 0; i < _orders.Length; i++)
        {
            _rdp[i] += steps * SampledGaussianRdp(sampleRate, noiseMultiplier, _orders[i]);
        }

        _history.Add((noiseMultiplier, sampleRate, steps));
    }

    /// <summary>The smallest epsilon over the tracked orders for <paramref name="delta"/>.</summary>
    public PrivacySpent GetEpsilon(double delta) => EpsilonFromRdp(_orders, _rdp, delta);

    /// <summary>Converts RDP at integer orders to (epsilon, delta): eps = min_alpha rdp + log(1/delta) / (alpha - 1).</summary>
    public static PrivacySpent EpsilonFromRdp(IReadOnlyList<int> orders, IReadOnlyList<double> rdp, double delta)
    {
        ArgumentNullException.ThrowIfNull(orders);
        ArgumentNullException.ThrowIfNull(rdp);
        if (!(delta > 0 && delta < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(delta), delta, "delta must be in (0, 1)");
        }

        if (orders.Count != rdp.Count || orders.Count == 0)
        {
            throw new ArgumentException($"{orders.Count} orders but {rdp.Count} RDP values");
        }

        var best = double.PositiveInfinity;
        var bestOrder = orders[0];
        for (var i = 0; i < orders.Count; i++)
        {
            var eps = rdp[i] + (Math.Log(1 / delta) / (orders[i] - 1));
            if (eps < best)
            {
                best = eps;
                bestOrder = orders[i];
            }
        }

        return new PrivacySpent(best, delta, bestOrder);
    }

    /// <summary>RDP of one step of the sampled Gaussian mechanism at integer order alpha.</summary>
    public static double SampledGaussianRdp(double sampleRate, double noiseMultiplier, int order)
    {
        if (!(sampleRate >= 0 && sampleRate <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(sampleRate), sampleRate, "sampling rate q must be in [0, 1]");
        }

        if (!(noiseMultiplier > 0) || !double.IsFinite(noiseMultiplier))
        {
            throw new ArgumentOutOfRangeException(nameof(noiseMultiplier), noiseMultiplier, "noise multiplier must be positive and finite");
        }

        if (order < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(order), order, "integer RDP order must be >= 2");
        }

        if (sampleRate == 0)
        {
            return 0;
        }

        var variance2 = 2 * noiseMultiplier * noiseMultiplier;
        if (sampleRate == 1)
        {
            return order / variance2;
        }

        // log A_alpha by log-sum-exp over the binomial expansion; log C(alpha, k) built incrementally.
        var logQ = Math.Log(sampleRate);
        var log1mQ = Math.Log(1 - sampleRate);
        var terms = new double[order + 1];
        var logBinomial = 0.0;
        var max = double.NegativeInfinity;
        for (var k = 0; k <= order; k++)
        {
            if (k > 0)
            {
                logBinomial += Math.Log(order - k + 1) - Math.Log(k);
            }

            terms[k] = logBinomial + (k * logQ) + ((order - k) * log1mQ) + (((double)k * k) - k) / variance2;
            max = Math.Max(max, terms[k]);
        }

        var sum = 0.0;
        foreach (var t in terms)
        {
            sum += Math.Exp(t - max);
        }

        return (max + Math.Log(sum)) / (order - 1);
    }
}
