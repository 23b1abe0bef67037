namespace FedChain.Federation.Aggregation;

/// <summary>The second-moment rule of an adaptive server optimiser (Reddi et al. 2021, Algorithm 2).</summary>
public enum ServerOptimizer
{
    /// <summary>v_t = v_{t-1} + delta^2.</summary>
    Adagrad,

    /// <summary>v_t = beta2 v_{t-1} + (1 - beta2) delta^2.</summary>
    Adam,

    /// <summary>v_t = v_{t-1} - (1 - beta2) delta^2 sign(v_{t-1} - delta^2).</summary>
    Yogi,
}
