using System.Security.Cryptography;
using FedChain.Learning;
using FedChain.Learning.Data;

namespace FedChain.Aggregator.Evaluation;

/// <summary>
/// The aggregator's held-out data: a validation set (scores, target checks) that no worker trains on,
/// and the test set the run's accuracy is reported on.
/// </summary>
public sealed class ServerEvaluation
{
    /// <summary>Wraps the two sets.</summary>
    public ServerEvaluation(Dataset validation, Dataset test)
    {
        Validation = validation;
        Test = test;
        ValidationHash = "0x" + Convert.ToHexStringLower(HashOf(validation));
    }

    /// <summary>The validation set.</summary>
    public Dataset Validation { get; }

    /// <summary>The test set.</summary>
    public Dataset Test { get; }

    /// <summary>SHA-256 over the validation features and labels; recorded in the run's spec so scores can be recomputed.</summary>
    public string ValidationHash { get; }

    /// <summary>Evaluates <paramref name="parameters"/> on the test set with the run's engine.</summary>
    public Learning.Metrics.EvaluationResult EvaluateTest(ITrainableModel model, ReadOnlySpan<float> parameters)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.Evaluate(parameters, Test);
    }

    /// <summary>Evaluates <paramref name="parameters"/> on the validation set with the run's engine.</summary>
    public Learning.Metrics.EvaluationResult EvaluateValidation(ITrainableModel model, ReadOnlySpan<float> parameters)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.Evaluate(parameters, Validation);
    }

    private static byte[] HashOf(Dataset data)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> label = stackalloc byte[4];
        for (var i = 0; i < data.Count; i++)
        {
            sha.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(data.Features(i)));
            BitConverter.TryWriteBytes(label, data.Label(i));
            sha.AppendData(label);
        }

        return sha.GetHashAndReset();
    }
}
