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

    /// <summary>Loads <paramref name="parameters"/> into <paramref name="model"/> and evaluates it on the test set.</summary>
    public Learning.Metrics.EvaluationResult EvaluateTest(IModel model, ReadOnlySpan<float> parameters)
    {
        parameters.CopyTo(model.Parameters);
        return Evaluator.Evaluate(model, Test);
    }

    /// <summary>Loads <paramref name="parameters"/> into <paramref name="model"/> and evaluates it on the validation set.</summary>
    public Learning.Metrics.EvaluationResult EvaluateValidation(IModel model, ReadOnlySpan<float> parameters)
    {
        parameters.CopyTo(model.Parameters);
        return Evaluator.Evaluate(model, Validation);
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
