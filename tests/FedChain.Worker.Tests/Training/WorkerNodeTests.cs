using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text.Json;
using FedChain.Ethereum;
using FedChain.Ethereum.Signing;
using FedChain.Ledger;
using FedChain.Federation.Encoding;
using FedChain.Federation.Privacy;
using FedChain.Learning;
using FedChain.Learning.Data;
using FedChain.Learning.Torch;
using FedChain.Messages;
using FedChain.Worker.Training;
using Microsoft.Extensions.Logging;

namespace FedChain.Worker.Tests.Training;

/// <summary>
/// A site's local training that diverges (loss NaN): under the run's DP terms its update is zeroed before clipping and
/// noising (TensorFlow Federated's `zeroing`), so it still sends a noised update and spends its ε; without DP it sends none.
/// </summary>
public sealed class WorkerNodeTests : IDisposable
{
    private static readonly string RunId = RunIds.Format(SHA256.HashData("worker-node-run"u8));
    private readonly EthereumKey _key = EthereumKey.FromHex("0x" + new string('6', 63) + "1");
    private readonly KeyUpdateSigner _signer;
    private readonly ITrainableModel _model = LearningEngines.Create("native").Create(ModelFactory.SpecOf("logreg"));

    public WorkerNodeTests() => _signer = new KeyUpdateSigner(_key, new UpdateCommitmentSigner(31337, Address.Zero));

    public void Dispose()
    {
        _model.Dispose();
        _key.Dispose();
    }

    private static LocalData Data()
    {
        var random = new Random(3);
        var features = Enumerable.Range(0, 20 * 784).Select(_ => (float)random.NextDouble()).ToArray();
        var labels = Enumerable.Range(0, 20).Select(i => i % 10).ToArray();
        var set = Dataset.FromArrays("synthetic", features, labels, [1, 28, 28], 10);
        return new LocalData(set, set);
    }

    // A step size of 1e37 overflows the logits in the second step: the loss becomes NaN, as local SGD does on a
    // noise-swamped global model.
    private RoundStarted Diverging(RunPrivacyTerms? privacy)
    {
        var configuration = new RunConfiguration("logreg", "fedavg", new Dictionary<string, string>(), 3, 1, 1, 1, 1, 10, 1e37, 7, TimeSpan.FromSeconds(30), "samples", "1000")
        {
            Privacy = privacy,
        };
        var global = VectorEncoding.Encode(_model.Layout, _model.InitialParameters(), PayloadKind.Model);
        return new RoundStarted(RunId, 2, "logreg", "0x" + Convert.ToHexStringLower(_model.Layout.Hash), global, "0x" + Convert.ToHexStringLower(SHA256.HashData(global)),
            new Messages.TrainingPlan(1, 10, 1e37, 7, new Dictionary<string, string>()), DateTimeOffset.UnixEpoch, ["w"])
        {
            Engine = "native",
            Spec = JsonSerializer.Serialize(new { Version = 1, Configuration = configuration }),
        };
    }

    [Fact]
    public void Train_DivergesUnderDp_SendsTheNoiseOfAZeroDelta_SpendsItsEpsilon_AndWarnsNamingTheRound()
    {
        var logger = new RecordingLogger();
        var node = new WorkerNode("w", Data(), _signer, logger);

        var update = node.Train(Diverging(new RunPrivacyTerms(8, 1e-5, 1, 1.2)), CancellationToken.None);

        var values = VectorEncoding.Decode(update.Update, _model.Layout, PayloadKind.Update).Values.ToArray();
        Assert.All(values, v => Assert.True(float.IsFinite(v)));
        // Exactly the site's noise (std multiplier x clip) on a zero delta: nothing of the diverged training is in it.
        var expected = new float[values.Length];
        var context = new byte[36];
        RunIds.Parse(RunId).CopyTo(context, 0);
        BinaryPrimitives.WriteInt32LittleEndian(context.AsSpan(32), 2);
        GaussianNoise.Add(expected, 1.2, _signer.SecretSeed(context), 2);
        Assert.Equal(expected, values);
        var accountant = new RdpAccountant();
        accountant.Step(1.2, 1.0);
        var epsilon = accountant.GetEpsilon(1e-5).Epsilon;
        Assert.Equal((uint)Math.Round(epsilon * 1e6, MidpointRounding.AwayFromZero), update.Metrics!.EpsilonMicros);
        Assert.Equal(epsilon, node.Policy.Spent(RunId, 1e-5)!.Epsilon);
        Assert.Equal(0, update.Metrics.Steps);
        Assert.True(double.IsFinite(update.Metrics.TrainLoss));
        var warning = Assert.Single(logger.Entries, e => e.Level == LogLevel.Warning);
        Assert.Contains("round 2 of run " + RunId, warning.Message, StringComparison.Ordinal);
        Assert.Contains("training loss became", warning.Message, StringComparison.Ordinal);
        Assert.Contains("zero delta", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_DivergesWithoutDp_ThrowsSoNoUpdateIsSent_AndSpendsNothing()
    {
        var node = new WorkerNode("w", Data(), _signer, new RecordingLogger());

        var diverged = Assert.Throws<ArithmeticException>(() => node.Train(Diverging(null), CancellationToken.None));

        Assert.Contains("training loss became", diverged.Message, StringComparison.Ordinal);
        Assert.Null(node.Policy.Spent(RunId, 1e-5));
    }

    [Fact]
    public void Decline_SignsThisRunRoundAndReason_WithTheSitesKey()
    {
        var node = new WorkerNode("w", Data(), _signer, new RecordingLogger());
        var started = Diverging(null);

        var declined = node.Decline(started, "local training diverged: training loss became NaN");

        Assert.Equal((RunId, 2, "w", _key.Address.ToLowerString(), "local training diverged: training loss became NaN"),
            (declined.RunId, declined.Round, declined.WorkerId, declined.Address, declined.Reason));
        var signer = new RoundDeclineSigner(31337, Address.Zero);
        Assert.Equal(_key.Address, signer.RecoverSigner(Bytes32.FromBytes(RunIds.Parse(RunId)), 2, RoundDeclineSigner.ReasonHash(declined.Reason), declined.Signature));
        Assert.NotEqual(_key.Address, signer.RecoverSigner(Bytes32.FromBytes(RunIds.Parse(RunId)), 3, RoundDeclineSigner.ReasonHash(declined.Reason), declined.Signature));
    }

    [Fact]
    public void Decline_ReasonLongerThanTheAggregatorTakes_IsShortenedBeforeSigning()
    {
        var node = new WorkerNode("w", Data(), _signer, new RecordingLogger());

        var declined = node.Decline(Diverging(null), new string('x', 5000));

        Assert.Equal(RoundDeclined.MaxReasonLength, declined.Reason.Length);
        Assert.EndsWith("…", declined.Reason, StringComparison.Ordinal);
        Assert.Equal(_key.Address, new RoundDeclineSigner(31337, Address.Zero)
            .RecoverSigner(Bytes32.FromBytes(RunIds.Parse(RunId)), 2, RoundDeclineSigner.ReasonHash(declined.Reason), declined.Signature));
    }

    private sealed class RecordingLogger : ILogger
    {
        public List<(LogLevel Level, string Message)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((logLevel, formatter(state, exception)));
    }
}
