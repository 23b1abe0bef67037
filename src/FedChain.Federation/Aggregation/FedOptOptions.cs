namespace FedChain.Federation.Aggregation;

/// <summary>Hyper-parameters of FedAdagrad / FedAdam / FedYogi (Reddi et al. 2021), defaults as in Flower.</summary>
/// <param name="Eta">Server learning rate eta.</param>
/// <param name="EtaL">Client learning rate eta_l (sent to workers in the plan).</param>
/// <param name="Beta1">First-moment decay beta1.</param>
/// <param name="Beta2">Second-moment decay beta2 (Adam, Yogi).</param>
/// <param name="Tau">Adaptivity tau: v starts at tau^2 and the step divides by sqrt(v) + tau.</param>
public sealed record FedOptOptions(double Eta = 0.1, double EtaL = 0.1, double Beta1 = 0.9, double Beta2 = 0.99, double Tau = 1e-9)
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "FedOpt";

    /// <summary>Throws when a field is out of range, naming it.</summary>
    public void Validate()
    {
        Require(Eta > 0 && double.IsFinite(Eta), nameof(Eta), Eta, "must be positive");
        Require(EtaL > 0 && double.IsFinite(EtaL), nameof(EtaL), EtaL, "must be positive");
        Require(Beta1 is >= 0 and < 1, nameof(Beta1), Beta1, "must be in [0, 1)");
        Require(Beta2 is >= 0 and < 1, nameof(Beta2), Beta2, "must be in [0, 1)");
        Require(Tau > 0 && double.IsFinite(Tau), nameof(Tau), Tau, "must be positive");
    }

    private static void Require(bool ok, string name, double value, string rule)
    {
        if (!ok)
        {
            throw new ArgumentOutOfRangeException(name, value, $"FedOpt {name} {rule}");
        }
    }
}
