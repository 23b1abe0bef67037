using FedChain.Federation.Numerics;
using FedChain.Learning.Data;
using MathNet.Numerics.Distributions;

namespace FedChain.Federation.Attacks;

/// <summary>
/// The attacks as pure functions of what the attacker has: each returns a new vector and never
/// modifies its inputs, so a simulation and a real worker produce the same bits from the same inputs.
/// </summary>
public static class UpdateAttacks
{
    /// <summary>-update.</summary>
    public static float[] SignFlip(ReadOnlySpan<float> honest)
    {
        var result = new float[honest.Length];
        System.Numerics.Tensors.TensorPrimitives.Negate(honest, result);
        return result;
    }

    /// <summary>factor * update (a boosted update; factor 1 is honest).</summary>
    public static float[] Scale(ReadOnlySpan<float> honest, double factor)
    {
        if (!double.IsFinite(factor))
        {
            throw new ArgumentOutOfRangeException(nameof(factor), factor, "scaling factor must be finite");
        }

        var result = new float[honest.Length];
        System.Numerics.Tensors.TensorPrimitives.Multiply(honest, (float)factor, result);
        return result;
    }

    /// <summary><paramref name="length"/> independent N(0, sigma^2) values, reproducible from (seed, round).</summary>
    public static float[] GaussianNoise(int length, double sigma, ulong seed, long round)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (!(sigma >= 0) || !double.IsFinite(sigma))
        {
            throw new ArgumentOutOfRangeException(nameof(sigma), sigma, "noise sigma must be finite and non-negative");
        }

        var result = new float[length];
        var random = new SeededRandom(seed, unchecked((ulong)round));
        for (var i = 0; i < length; i++)
        {
            result[i] = (float)(sigma * random.NextGaussian());
        }

        return result;
    }

    /// <summary>The label-flip map c to C - 1 - c (Biggio et al.; Fang et al. 2020), applied to every label of a copy of <paramref name="data"/>.</summary>
    public static Dataset FlipLabels(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var (features, labels) = data.ToArrays();
        for (var i = 0; i < labels.Length; i++)
        {
            labels[i] = data.NumClasses - 1 - labels[i];
        }

        return Dataset.FromArrays(data.Source + " (labels flipped)", features, labels, data.SampleShape, data.NumClasses);
    }

    /// <summary>
    /// ALIE's z_max (Baruch et al. 2019, section 3): with s = floor(n/2 + 1) - f supporters needed,
    /// z_max = Phi^-1((n - s) / n). Needs 0 &lt; f &lt; n and s &gt; 0.
    /// </summary>
    public static double LittleIsEnoughZ(int n, int f)
    {
        if (f < 1 || f >= n)
        {
            throw new ArgumentOutOfRangeException(nameof(f), f, $"ALIE needs 1 <= f < n colluders, got f = {f} of n = {n}");
        }

        var s = Math.Floor((n / 2.0) + 1) - f;
        if (s <= 0)
        {
            throw new ArgumentException($"ALIE with f = {f} of n = {n}: the attackers are a majority already (s = floor(n/2 + 1) - f = {s})");
        }

        return Normal.InvCDF(0, 1, (n - s) / n);
    }

    /// <summary>ALIE: mean - z * std, coordinate-wise, from the honest updates' moments.</summary>
    public static float[] LittleIsEnough(UpdateStatistics honest, double z)
    {
        ArgumentNullException.ThrowIfNull(honest);
        if (!double.IsFinite(z))
        {
            throw new ArgumentOutOfRangeException(nameof(z), z, "ALIE z must be finite");
        }

        var result = new float[honest.Mean.Length];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = (float)(honest.Mean[i] - (z * honest.StandardDeviation[i]));
        }

        return result;
    }

    /// <summary>IPM: -epsilon * mean of the honest updates (Xie et al. 2019; small epsilon hides among them, large epsilon reverses the step).</summary>
    public static float[] InnerProductManipulation(UpdateStatistics honest, double epsilon)
    {
        ArgumentNullException.ThrowIfNull(honest);
        if (!(epsilon > 0) || !double.IsFinite(epsilon))
        {
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "IPM epsilon must be positive and finite");
        }

        return Scale(honest.Mean, -epsilon);
    }

    /// <summary>The zero update of a free-rider that did not train.</summary>
    public static float[] Zero(int length) => new float[length];

    /// <summary>The global model it was sent, as its update (a free-rider echoing the payload it received).</summary>
    public static float[] EchoGlobalModel(ReadOnlySpan<float> globalModel) => globalModel.ToArray();

    /// <summary>Another worker's update, bit for bit.</summary>
    public static float[] Copy(ReadOnlySpan<float> victim) => victim.ToArray();
}
