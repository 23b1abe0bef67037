namespace FedChain.Worker;

/// <summary>Which runs this site trains for (section "Worker:Consent").</summary>
public sealed class ConsentOptions
{
    /// <summary>
    /// True (the default): the worker trains only for runs its hospital consented to: on the ledger (`fedchain consent give`)
    /// or by listing the run's spec hash in <see cref="AllowedSpecHashes"/>. False: it consents to every run it is selected for.
    /// </summary>
    public bool Required { get; set; } = true;

    /// <summary>Spec hashes ("0x" + 64 hex digits) this unattended site consents to; it signs RunConsent for them itself.</summary>
    public IList<string> AllowedSpecHashes { get; } = [];
}
