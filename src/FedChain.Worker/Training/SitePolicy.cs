using System.Globalization;
using System.Numerics.Tensors;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FedChain.Federation.Privacy;
using FedChain.Messages;

namespace FedChain.Worker.Training;

/// <summary>
/// The site's rules, applied before it trains and before anything leaves it: consent (on the ledger, by allow-listed
/// spec hash, or to any run when consent is not required), the run's privacy terms against the site's own policy, and
/// the site's privacy budget, tracked per run with the RDP accountant. Each round is one Gaussian mechanism on the
/// site's clipped update (sampling rate 1: the site cannot verify how the aggregator samples, so it claims no amplification).
/// </summary>
public sealed class SitePolicy
{
    private readonly ConsentOptions _consent;
    private readonly PrivacyPolicyOptions _privacy;
    private readonly Func<byte[], string, int, bool>? _onChainConsent;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (RdpAccountant Accountant, HashSet<int> Rounds, long SpentMicros)> _runs = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Creates the policy; <paramref name="onChainConsent"/> asks the ledger (runId, address, round) when given.</summary>
    public SitePolicy(ConsentOptions consent, PrivacyPolicyOptions privacy, Func<byte[], string, int, bool>? onChainConsent = null)
    {
        var errors = privacy.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(privacy));
        }

        _consent = consent;
        _privacy = privacy;
        _onChainConsent = onChainConsent;
    }

    /// <summary>A site that consents to every run and has no privacy policy of its own (it still applies a run's DP terms).</summary>
    public static SitePolicy ConsentToAny() => new(new ConsentOptions { Required = false }, new PrivacyPolicyOptions());

    /// <summary>Epsilon spent on a run so far (null when the site never applied DP to it).</summary>
    public PrivacySpent? Spent(string runId, double delta)
    {
        lock (_gate)
        {
            return _runs.TryGetValue(runId, out var run) ? run.Accountant.GetEpsilon(delta) : null;
        }
    }

    /// <summary>Decides whether the site trains for the round; throws <see cref="RunRefusedException"/> saying why not.</summary>
    public SiteDecision Decide(RoundStarted started, IUpdateSigner signer)
    {
        var runId = RunIds.Parse(started.RunId);
        byte[]? consentSignature = null;
        var specHash = started.Spec is null ? null : SHA256.HashData(Encoding.UTF8.GetBytes(started.Spec));
        var specText = specHash is null ? "no spec" : "spec 0x" + Convert.ToHexStringLower(specHash);
        if (!_consent.Required)
        {
            consentSignature = specHash is null ? null : signer.SignConsent(runId, specHash);
        }
        else if (specHash is not null && _consent.AllowedSpecHashes.Any(h => string.Equals(h, "0x" + Convert.ToHexStringLower(specHash), StringComparison.OrdinalIgnoreCase)))
        {
            consentSignature = signer.SignConsent(runId, specHash);
        }
        else if (_onChainConsent?.Invoke(runId, signer.Address, started.Round) != true)
        {
            throw new RunRefusedException($"run {started.RunId} ({specText}) has no consent from this site: give it with `fedchain consent give --run {started.RunId}` " +
                "or list the spec hash in Worker:Consent:AllowedSpecHashes");
        }

        var terms = TermsOf(started.Spec);
        if (_privacy.Enabled)
        {
            if (terms is null)
            {
                throw new RunRefusedException($"run {started.RunId} offers no differential privacy; this site's policy requires ε ≤ {F(_privacy.MaxRunEpsilon)} (Worker:Privacy:MaxRunEpsilon)");
            }

            if (terms.Epsilon > _privacy.MaxRunEpsilon)
            {
                throw new RunRefusedException($"run {started.RunId} offers ε = {F(terms.Epsilon)} at δ = {F(terms.Delta)}; this site accepts at most ε = {F(_privacy.MaxRunEpsilon)} (Worker:Privacy:MaxRunEpsilon)");
            }

            if (terms.Delta > _privacy.Delta)
            {
                throw new RunRefusedException($"run {started.RunId} offers δ = {F(terms.Delta)}; this site accepts at most δ = {F(_privacy.Delta)} (Worker:Privacy:Delta)");
            }
        }

        if (terms is null)
        {
            return new SiteDecision(started.RunId, started.Round, consentSignature, null, 0, 0);
        }

        var clip = _privacy.Enabled ? Math.Min(_privacy.ClipNorm, terms.ClipNorm) : terms.ClipNorm;
        var sigma = _privacy.Enabled ? Math.Max(_privacy.NoiseMultiplier, terms.NoiseMultiplier) : terms.NoiseMultiplier;
        if (terms.NoiseMultiplier > 0 && sigma * clip > terms.NoiseMultiplier * terms.ClipNorm)
        {
            // More noise than the run's terms, at the same noise std: the guarantee depends on the multiplier only, and the
            // aggregator bounds a DP run's update norms by the noise its terms announce.
            clip = terms.NoiseMultiplier * terms.ClipNorm / sigma;
        }

        var delta = _privacy.Enabled ? Math.Min(_privacy.Delta, terms.Delta) : terms.Delta;
        var budget = _privacy.Enabled ? Math.Min(_privacy.EpsilonBudget, terms.Epsilon) : terms.Epsilon;
        lock (_gate)
        {
            var run = RunState(started.RunId);
            if (!run.Rounds.Contains(started.Round))
            {
                var next = new RdpAccountant();
                foreach (var (z, q, steps) in run.Accountant.History)
                {
                    next.Step(z, q, steps);
                }

                next.Step(sigma, 1.0);
                var after = next.GetEpsilon(delta).Epsilon;
                if (after > budget)
                {
                    throw new RunRefusedException($"privacy budget spent: round {started.Round} would bring ε to {F(after)} > budget {F(budget)} at δ = {F(delta)}; " +
                        $"this site takes no further part in run {started.RunId} (spent ε = {F(run.Accountant.History.Count == 0 ? 0 : run.Accountant.GetEpsilon(delta).Epsilon)})");
                }
            }
        }

        return new SiteDecision(started.RunId, started.Round, consentSignature, clip, sigma, delta);
    }

    /// <summary>
    /// Clips <paramref name="delta"/> to the decided norm and adds the site's secret Gaussian noise, then accounts the
    /// round. Returns the micro-epsilon this round adds (the per-round figures sum exactly to the run's rounded total).
    /// </summary>
    public uint Apply(SiteDecision decision, float[] delta, IUpdateSigner signer)
    {
        if (decision.ClipNorm is not { } clip)
        {
            return 0;
        }

        var norm = TensorPrimitives.Norm(delta);
        if (norm > clip)
        {
            TensorPrimitives.Multiply(delta, (float)(clip / norm), delta);
        }

        var context = new byte[36];
        RunIds.Parse(decision.RunId).CopyTo(context, 0);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(context.AsSpan(32), decision.Round);
        GaussianNoise.Add(delta, decision.NoiseMultiplier * clip, signer.SecretSeed(context), (ulong)decision.Round);

        lock (_gate)
        {
            var run = RunState(decision.RunId);
            if (!run.Rounds.Add(decision.Round))
            {
                return 0; // the same round again (redelivery): the same noise, nothing new spent
            }

            run.Accountant.Step(decision.NoiseMultiplier, 1.0);
            var total = (long)Math.Round(run.Accountant.GetEpsilon(decision.Delta).Epsilon * 1e6, MidpointRounding.AwayFromZero);
            var spent = checked((uint)(total - run.SpentMicros));
            _runs[decision.RunId] = run with { SpentMicros = total };
            return spent;
        }
    }

    private (RdpAccountant Accountant, HashSet<int> Rounds, long SpentMicros) RunState(string runId)
    {
        if (!_runs.TryGetValue(runId, out var run))
        {
            run = (new RdpAccountant(), [], 0);
            _runs[runId] = run;
        }

        return run;
    }

    /// <summary>The privacy terms inside a run spec's configuration (null when the run offers none or there is no spec).</summary>
    public static RunPrivacyTerms? TermsOf(string? spec)
    {
        if (spec is null)
        {
            return null;
        }

        using var document = JsonDocument.Parse(spec);
        return document.RootElement.TryGetProperty("Configuration", out var configuration)
               && configuration.TryGetProperty(nameof(RunConfiguration.Privacy), out var privacy)
               && privacy.ValueKind == JsonValueKind.Object
            ? privacy.Deserialize<RunPrivacyTerms>()
            : null;
    }

    private static string F(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
