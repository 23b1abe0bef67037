using FedChain.Learning.Metrics;

namespace FedChain.Learning.Tests.Metrics;

public sealed class RocAucTests
{
    [Theory]
    [InlineData(new float[] { 0.1f, 0.4f, 0.35f, 0.8f }, new[] { 0, 0, 1, 1 }, 0.75)]
    [InlineData(new float[] { 0.1f, 0.2f, 0.3f }, new[] { 0, 1, 1 }, 1.0)]
    [InlineData(new float[] { 0.9f, 0.2f, 0.3f }, new[] { 0, 1, 1 }, 0.0)]
    [InlineData(new float[] { 0.5f, 0.5f, 0.5f, 0.5f }, new[] { 0, 1, 0, 1 }, 0.5)]
    public void Compute_KnownCases_MatchesHandValues(float[] scores, int[] labels, double expected) =>
        Assert.Equal(expected, RocAuc.Compute(scores, labels)!.Value, 12);

    [Fact]
    public void Compute_OneClassOnly_IsNull() =>
        Assert.Null(RocAuc.Compute([0.1f, 0.2f], [1, 1]));

    [Fact]
    public void Compute_NonBinaryLabel_Throws() =>
        Assert.Contains("label 2", Assert.Throws<ArgumentException>(() => RocAuc.Compute([0.1f, 0.2f], [0, 2])).Message);
}
