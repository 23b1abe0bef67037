namespace FedChain.Federation.Encoding;

/// <summary>What an encoded vector holds, so a model is never mistaken for an update or back.</summary>
public enum PayloadKind : byte
{
    /// <summary>Full model parameters.</summary>
    Model = 1,

    /// <summary>A client's update: local parameters minus the round's global parameters.</summary>
    Update = 2,
}
