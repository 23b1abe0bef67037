namespace FedChain.Federation.Aggregation;

/// <summary>
/// One adaptive server step, pure: m = beta1 m + (1 - beta1) delta, v by the optimiser's rule,
/// x = x + eta m / (sqrt(v) + tau). As in Reddi et al. 2021 there is no bias correction; the
/// optimiser state lives in the caller's arrays.
/// </summary>
public static class ServerOptimizerStep
{
    /// <summary>Applies the step in place to <paramref name="model"/>, <paramref name="m"/> and <paramref name="v"/>.</summary>
    public static void Apply(ServerOptimizer optimizer, FedOptOptions options, Span<float> model, ReadOnlySpan<float> delta, Span<float> m, Span<float> v)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (delta.Length != model.Length || m.Length != model.Length || v.Length != model.Length)
        {
            throw new ArgumentException($"model {model.Length}, delta {delta.Length}, m {m.Length} and v {v.Length} must have the same length");
        }

        var b1 = options.Beta1;
        var b2 = options.Beta2;
        for (var i = 0; i < model.Length; i++)
        {
            double d = delta[i];
            var mi = (b1 * m[i]) + ((1 - b1) * d);
            double vi = v[i];
            var d2 = d * d;
            vi = optimizer switch
            {
                ServerOptimizer.Adagrad => vi + d2,
                ServerOptimizer.Adam => (b2 * vi) + ((1 - b2) * d2),
                ServerOptimizer.Yogi => vi - ((1 - b2) * d2 * Math.Sign(vi - d2)),
                _ => throw new ArgumentOutOfRangeException(nameof(optimizer), optimizer, "unknown server optimiser"),
            };
            m[i] = (float)mi;
            v[i] = (float)vi;
            model[i] = (float)(model[i] + (options.Eta * mi / (Math.Sqrt(vi) + options.Tau)));
        }
    }
}
