namespace FedChain.Learning.Tests.Models;

/// <summary>
/// Finite-difference checks of whole models (layers + loss) on every parameter tensor: the coordinates with
/// the largest analytic gradient and a few random ones. Forward runs in float32 through ReLU and max-pool
/// kinks, so each coordinate is differenced at two step sizes and the closer estimate is kept: a large step
/// can straddle a kink (a bias shifts a whole channel), a small one magnifies float32 rounding, and a wrong
/// gradient disagrees at both. Tolerance: 3% relative plus 3e-4 absolute.
/// </summary>
public sealed class ModelGradientCheckTests
{
    public static TheoryData<string> Models => new() { "logreg", "mlp", "cnn", "tabular-mlp", "tabular-logreg", "tabular-softmax" };

    [Theory]
    [MemberData(nameof(Models))]
    public void ComputeLossAndGradients_EveryTensor_MatchesFiniteDifferences(string name)
    {
        var (model, data) = name switch
        {
            "tabular-mlp" => (ModelFactory.Create(new ModelSpec("mlp", [6], 2, [8, 5]), 3), TestData.Blobs(7, 6, 3)),
            "tabular-logreg" => (ModelFactory.Create(new ModelSpec("logreg", [6], 2), 4), TestData.Blobs(7, 6, 4)),
            "tabular-softmax" => (ModelFactory.Create(new ModelSpec("mlp", [6], 3, [9]), 5), TestData.Random(7, [6], 3, 5)),
            "cnn" => (ModelFactory.Create(name, 1), TestData.Random(2, [1, 28, 28], 10, 2)),
            _ => (ModelFactory.Create(name, 1), TestData.Random(4, [1, 28, 28], 10, 2)),
        };
        int[] rows = [.. Enumerable.Range(0, data.Count)];
        model.ComputeLossAndGradients(data, rows);
        var analytic = model.Gradients.ToArray();
        var random = new DeterministicRandom(9);
        var probabilities = new float[rows.Length * model.NumClasses];
        var failures = new List<string>();
        foreach (var slice in model.Layout.Slices)
        {
            var indices = Enumerable.Range(slice.Offset, slice.Length)
                .OrderByDescending(i => Math.Abs(analytic[i])).Take(name == "cnn" ? 4 : 6)
                .Concat(Enumerable.Range(0, name == "cnn" ? 2 : 4).Select(_ => slice.Offset + random.NextInt(slice.Length)))
                .Distinct();
            foreach (var i in indices)
            {
                var numeric = new[] { 1e-3f, 2.5e-4f }.Select(eps => Difference(model, data, rows, probabilities, i, eps))
                    .MinBy(n => Math.Abs(n - analytic[i]));
                var error = Math.Abs(numeric - analytic[i]);
                if (error > (0.03 * Math.Max(Math.Abs(numeric), Math.Abs(analytic[i]))) + 3e-4)
                {
                    failures.Add($"{slice.Name}[{i - slice.Offset}]: analytic {analytic[i]:E3}, numeric {numeric:E3}");
                }
            }
        }

        Assert.True(failures.Count == 0, $"{name}: {string.Join("; ", failures)}");
    }

    private static double Difference(IModel model, Learning.Data.Dataset data, int[] rows, float[] probabilities, int i, float eps)
    {
        var saved = model.Parameters[i];
        model.Parameters[i] = saved + eps;
        double plus = model.Predict(data, rows, probabilities);
        model.Parameters[i] = saved - eps;
        double minus = model.Predict(data, rows, probabilities);
        model.Parameters[i] = saved;
        return (plus - minus) / (2.0 * eps);
    }
}
