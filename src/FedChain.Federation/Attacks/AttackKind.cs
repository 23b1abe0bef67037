namespace FedChain.Federation.Attacks;

/// <summary>What a poisoned or lazy contributor sends instead of its honest update.</summary>
public enum AttackKind
{
    /// <summary>Honest: the update as trained.</summary>
    None,

    /// <summary>The honest update negated.</summary>
    SignFlip,

    /// <summary>The honest update multiplied by a boost factor (model replacement, Bagdasaryan et al. 2020).</summary>
    Scaling,

    /// <summary>A vector of independent N(0, sigma^2) values in place of the update (Blanchard et al. 2017's Gaussian Byzantine).</summary>
    GaussianNoise,

    /// <summary>Data-level: trains honestly on labels mapped c to C - 1 - c; the update itself is sent as trained.</summary>
    LabelFlip,

    /// <summary>"A Little Is Enough" (Baruch et al. 2019): the colluders all send mean - z * std of the honest updates.</summary>
    LittleIsEnough,

    /// <summary>Inner-product manipulation (Xie et al. 2019): the colluders all send -epsilon times the honest mean.</summary>
    InnerProductManipulation,

    /// <summary>Free-rider: an all-zero update (no training).</summary>
    ZeroUpdate,

    /// <summary>Free-rider: the global model it was sent, returned unchanged as its update payload.</summary>
    EchoGlobalModel,

    /// <summary>Free-rider: another worker's update of the same round, sent under its own key.</summary>
    CopyUpdate,

    /// <summary>Free-rider: trains once, then replays that first update in every later round.</summary>
    StaleUpdate,
}
