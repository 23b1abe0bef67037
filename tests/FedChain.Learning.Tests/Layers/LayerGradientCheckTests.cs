using FedChain.Learning.Layers;

namespace FedChain.Learning.Tests.Layers;

/// <summary>
/// Finite-difference checks of every layer's backward pass against its forward pass, through the scalar
/// L = Σ output·R for a random R. Dense and conv are linear in inputs and weights and ReLU / max-pool are
/// piecewise linear, so with inputs kept away from their kinks the central difference is exact up to
/// float32 rounding: the bound below is a rounding bound, not a truncation one.
/// </summary>
public sealed unsafe class LayerGradientCheckTests
{
    private const double Bound = 5e-3;

    [Fact]
    public void Dense_Backward_MatchesFiniteDifferences() =>
        AssertGradients(new Dense("fc", 13, 7), batch: 5, seed: 1);

    [Fact]
    public void Dense_WideBatch_MatchesFiniteDifferences() =>
        AssertGradients(new Dense("fc", 40, 35), batch: 17, seed: 2);

    [Fact]
    public void Conv2d_SamePadding_MatchesFiniteDifferences() =>
        AssertGradients(new Conv2d("conv", 3, 4, 5, 8, 8, 2), batch: 5, seed: 3);

    [Fact]
    public void Conv2d_ValidPadding_MatchesFiniteDifferences() =>
        AssertGradients(new Conv2d("conv", 2, 3, 3, 6, 7, 0), batch: 3, seed: 4);

    [Fact]
    public void MaxPool2d_Backward_MatchesFiniteDifferences() =>
        AssertGradients(new MaxPool2d("pool", 3, 6, 8, 2), batch: 2, seed: 5);

    [Fact]
    public void Relu_Backward_MatchesFiniteDifferences() =>
        AssertGradients(new Relu("relu", 37), batch: 3, seed: 6);

    [Fact]
    public void Flatten_Backward_MatchesFiniteDifferences() =>
        AssertGradients(new Flatten("flatten", 24), batch: 2, seed: 7);

    private static void AssertGradients(Layer layer, int batch, ulong seed)
    {
        var random = new DeterministicRandom(seed);
        var parameters = new float[Math.Max(1, layer.ParameterCount)];
        layer.Initialize(parameters.AsSpan(0, layer.ParameterCount), random);

        // Distinct inputs of magnitude <= 1 on a grid of step 1/n, at least 0.5/n from zero: no max-pool
        // tie or ReLU kink lies within a quarter step, the eps of the piecewise-linear layers (whose outputs
        // are copies of inputs, so exact). Linear layers have no kinks and take a large eps against rounding.
        var input = new float[batch * layer.InputSize];
        for (var i = 0; i < input.Length; i++)
        {
            input[i] = (float)((random.NextInt(2) == 0 ? -1 : 1) * (0.5 + i) / input.Length);
        }

        random.Shuffle(input.AsSpan());
        var weights = new float[batch * layer.OutputSize];
        for (var i = 0; i < weights.Length; i++)
        {
            weights[i] = (float)random.NextGaussian();
        }

        layer.EnsureCapacity(batch);
        var dInput = new float[input.Length];
        var gradients = new float[parameters.Length];
        var output = new float[weights.Length];
        fixed (float* x = input, p = parameters, y = output, dy = weights, dx = dInput, g = gradients)
        {
            layer.Forward(x, y, batch, p);
            layer.Backward(x, y, dy, dx, batch, p, g);
        }

        var eps = layer is Dense or Conv2d ? 0.25f : 0.25f / input.Length;
        var worst = 0.0;
        foreach (var i in Sample(input.Length, random))
        {
            worst = Math.Max(worst, Check(layer, batch, input, parameters, weights, input, i, dInput[i], eps));
        }

        foreach (var i in Sample(layer.ParameterCount, random))
        {
            worst = Math.Max(worst, Check(layer, batch, input, parameters, weights, parameters, i, gradients[i], eps));
        }

        Assert.True(worst < Bound, $"{layer.GetType().Name}: worst relative gradient error {worst:E2}, bound {Bound:E0}");
    }

    private static double Check(Layer layer, int batch, float[] input, float[] parameters, float[] weights, float[] target, int index, float analytic, float eps)
    {
        var saved = target[index];
        target[index] = saved + eps;
        var plus = Loss(layer, batch, input, parameters, weights);
        target[index] = saved - eps;
        var minus = Loss(layer, batch, input, parameters, weights);
        target[index] = saved;
        var numeric = (plus - minus) / (2.0 * eps);
        return Math.Abs(numeric - analytic) / Math.Max(1e-2, Math.Abs(numeric) + Math.Abs(analytic));
    }

    private static double Loss(Layer layer, int batch, float[] input, float[] parameters, float[] weights)
    {
        var output = new float[batch * layer.OutputSize];
        fixed (float* x = input, p = parameters, y = output)
        {
            layer.Forward(x, y, batch, p);
        }

        double loss = 0;
        for (var i = 0; i < output.Length; i++)
        {
            loss += (double)output[i] * weights[i];
        }

        return loss;
    }

    private static IEnumerable<int> Sample(int count, DeterministicRandom random) =>
        count <= 60 ? Enumerable.Range(0, count) : Enumerable.Range(0, 60).Select(_ => random.NextInt(count)).ToArray();
}
