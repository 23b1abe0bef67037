using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FedChain.Ethereum;
using FedChain.Ethereum.Signing;
using FedChain.Federation.Privacy;
using FedChain.Ledger;
using FedChain.Messages;
using FedChain.Worker.Training;

namespace FedChain.Worker.Tests.Training;

public sealed class SitePolicyTests : IDisposable
{
    private static readonly string RunId = RunIds.Format(SHA256.HashData("site-policy-run"u8));
    private readonly EthereumKey _key = EthereumKey.FromHex("0x" + new string('4', 63) + "1");
    private readonly KeyUpdateSigner _signer;

    public SitePolicyTests() => _signer = new KeyUpdateSigner(_key, new UpdateCommitmentSigner(31337, Address.Zero));

    public void Dispose() => _key.Dispose();

    private static string Spec(RunPrivacyTerms? privacy)
    {
        var configuration = new RunConfiguration("mlp", "fedavg", new Dictionary<string, string>(), 20, 3, 1, 2, 1, 10, 0.05, 7, TimeSpan.FromSeconds(30), "samples", "1000")
        {
            Privacy = privacy,
        };
        return JsonSerializer.Serialize(new { Version = 1, Configuration = configuration });
    }

    private static RoundStarted Round(int round, string? spec) =>
        new(RunId, round, "mlp", "0x", [], "0x", new Messages.TrainingPlan(1, 10, 0.05, 1, new Dictionary<string, string>()), DateTimeOffset.UnixEpoch, ["w"]) { Spec = spec };

    private static PrivacyPolicyOptions Demanding(double maxRunEpsilon = 3, double budget = 3, double noise = 1.1) => new()
    {
        Enabled = true, ClipNorm = 1, NoiseMultiplier = noise, EpsilonBudget = budget, Delta = 1e-5, MaxRunEpsilon = maxRunEpsilon,
    };

    private static ConsentOptions Any => new() { Required = false };

    [Fact]
    public void Decide_RunOffersEpsilon8_SiteDemandingAtMost3_RefusesSayingWhy()
    {
        var policy = new SitePolicy(Any, Demanding());

        var refused = Assert.Throws<RunRefusedException>(() => policy.Decide(Round(1, Spec(new RunPrivacyTerms(8, 1e-5, 1, 1.1))), _signer));

        Assert.Equal($"run {RunId} offers ε = 8 at δ = 1E-05; this site accepts at most ε = 3 (Worker:Privacy:MaxRunEpsilon)", refused.Message);
    }

    [Fact]
    public void Decide_RunWithoutPrivacy_SiteWithAPolicy_Refuses()
    {
        var policy = new SitePolicy(Any, Demanding());

        var refused = Assert.Throws<RunRefusedException>(() => policy.Decide(Round(1, Spec(null)), _signer));

        Assert.Contains("offers no differential privacy", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_ConsentRequired_NoConsentAnywhere_RefusesNamingHowToGiveIt()
    {
        var policy = new SitePolicy(new ConsentOptions(), new PrivacyPolicyOptions(), (_, _, _) => false);

        var refused = Assert.Throws<RunRefusedException>(() => policy.Decide(Round(1, Spec(null)), _signer));

        Assert.Contains($"fedchain consent give --run {RunId}", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Worker:Consent:AllowedSpecHashes", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_ConsentOnTheLedger_TrainsWithoutAttachingASignature()
    {
        var policy = new SitePolicy(new ConsentOptions(), new PrivacyPolicyOptions(), (run, address, round) => address == _signer.Address && round == 1);

        Assert.Null(policy.Decide(Round(1, Spec(null)), _signer).ConsentSignature);
    }

    [Fact]
    public void Decide_AllowListedSpec_SignsAConsentTheLedgerAccepts()
    {
        var spec = Spec(null);
        var specHash = SHA256.HashData(Encoding.UTF8.GetBytes(spec));
        var consent = new ConsentOptions();
        consent.AllowedSpecHashes.Add("0x" + Convert.ToHexString(specHash));
        var policy = new SitePolicy(consent, new PrivacyPolicyOptions(), (_, _, _) => false);

        var decision = policy.Decide(Round(1, spec), _signer);

        Assert.True(new RunConsentSigner(31337, Address.Zero).Verify(Bytes32.FromBytes(RunIds.Parse(RunId)), Bytes32.FromBytes(specHash), decision.ConsentSignature!, _key.Address));
    }

    [Fact]
    public void Apply_ClipsAndNoisesTheUpdate_WithNoiseOnlyTheSiteCanReproduce()
    {
        var policy = new SitePolicy(Any, Demanding(maxRunEpsilon: 100, budget: 100));
        var decision = policy.Decide(Round(1, Spec(new RunPrivacyTerms(100, 1e-5, 0.5, 0))), _signer);
        var delta = Enumerable.Repeat(10f, 1000).ToArray();

        policy.Apply(decision, delta, _signer);

        // Clipped to 0.5 (the run's norm is smaller than the site's), noised with std 1.1 x 0.5 (the site's multiplier is larger).
        var mean = delta.Average();
        var std = Math.Sqrt(delta.Select(v => (v - mean) * (v - mean)).Average());
        Assert.InRange(mean, 0.5 / Math.Sqrt(1000) - 0.1, 0.5 / Math.Sqrt(1000) + 0.1);
        Assert.InRange(std, 0.55 * 0.9, 0.55 * 1.1);
        using var other = EthereumKey.FromHex("0x" + new string('5', 63) + "1");
        Assert.NotEqual(_signer.SecretSeed([1, 2, 3]), new KeyUpdateSigner(other, new UpdateCommitmentSigner(31337, Address.Zero)).SecretSeed([1, 2, 3]));
        Assert.Equal(_signer.SecretSeed([1, 2, 3]), _signer.SecretSeed([1, 2, 3]));
    }

    [Fact]
    public void Decide_SiteWantsMoreNoiseThanTheRun_KeepsTheRunsNoiseStdByLoweringItsClipNorm()
    {
        var policy = new SitePolicy(Any, Demanding(maxRunEpsilon: 8, budget: 100, noise: 4));

        var decision = policy.Decide(Round(1, Spec(new RunPrivacyTerms(8, 1e-5, 1, 2))), _signer);

        // Noise multiplier 4 (the site's) on a clip norm of 0.5: std 2, the run's 2 x 1, which its aggregator's norm bound covers.
        Assert.Equal(4, decision.NoiseMultiplier);
        Assert.Equal(0.5, decision.ClipNorm);
    }

    [Fact]
    public void Apply_BudgetRunsOut_StopsAfterTheRoundTheAccountantSays_AndRoundFiguresSumToItsTotal()
    {
        // Each round is one Gaussian mechanism on the whole clipped update (q = 1): at noise 4 a budget of 3 lasts a few rounds.
        var policy = new SitePolicy(Any, Demanding(maxRunEpsilon: 8, budget: 3, noise: 4));
        var spec = Spec(new RunPrivacyTerms(8, 1e-5, 1, 1.1));
        var expected = new RdpAccountant();
        var expectedRounds = 0;
        while (true)
        {
            expected.Step(4, 1.0);
            if (expected.GetEpsilon(1e-5).Epsilon > 3)
            {
                break;
            }

            expectedRounds++;
        }

        long recordedMicros = 0;
        var trained = 0;
        RunRefusedException? stop = null;
        for (var round = 1; round <= 50 && stop is null; round++)
        {
            try
            {
                var decision = policy.Decide(Round(round, spec), _signer);
                recordedMicros += policy.Apply(decision, new float[10], _signer);
                trained++;
            }
            catch (RunRefusedException e)
            {
                stop = e;
            }
        }

        Assert.InRange(expectedRounds, 2, 20);
        Assert.Equal(expectedRounds, trained);
        Assert.StartsWith($"privacy budget spent: round {expectedRounds + 1} would bring ε to", stop!.Message, StringComparison.Ordinal);
        var total = policy.Spent(RunId, 1e-5)!.Epsilon;
        Assert.True(total <= 3);
        Assert.Equal((long)Math.Round(total * 1e6, MidpointRounding.AwayFromZero), recordedMicros);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Validate_ZeroOrNegativeBudget_IsAOneLineErrorNamingTheKey(double budget)
    {
        var policy = Demanding(budget: budget);

        var error = Assert.Single(policy.Validate());

        Assert.StartsWith("Worker:Privacy:EpsilonBudget must be positive and finite", error, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new SitePolicy(Any, policy));
    }

    [Fact]
    public void WorkerPolicyValidator_MalformedAllowListedHash_IsRefused()
    {
        var options = new WorkerOptions { Id = "w" };
        options.Consent.AllowedSpecHashes.Add("0x1234");

        var result = new WorkerPolicyValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("Worker:Consent:AllowedSpecHashes entry '0x1234' is not 0x + 64 hex digits", result.FailureMessage, StringComparison.Ordinal);
    }
}
