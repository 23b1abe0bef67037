namespace FedChain.Learning.Optimizers;

/// <summary>Adam (Kingma and Ba) with PyTorch's defaults and bias correction; weight decay is the L2 form.</summary>
public sealed class Adam : IOptimizer
{
    private readonly float _learningRate, _beta1, _beta2, _epsilon, _weightDecay;
    private float[]? _m, _v;
    private int _step;

    /// <summary>Creates the optimizer.</summary>
    public Adam(float learningRate = 1e-3f, float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-8f, float weightDecay = 0)
    {
        if (!(learningRate > 0) || !(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1) || !(epsilon > 0) || !(weightDecay >= 0))
        {
            throw new ArgumentException($"adam: learning rate {learningRate} > 0, betas ({beta1}, {beta2}) in [0, 1), epsilon {epsilon} > 0, weight decay {weightDecay} >= 0 expected");
        }

        _learningRate = learningRate;
        _beta1 = beta1;
        _beta2 = beta2;
        _epsilon = epsilon;
        _weightDecay = weightDecay;
    }

    /// <inheritdoc />
    public void Step(Span<float> parameters, ReadOnlySpan<float> gradients)
    {
        if (parameters.Length != gradients.Length)
        {
            throw new ArgumentException($"adam: {parameters.Length} parameters but {gradients.Length} gradients");
        }

        _m ??= new float[parameters.Length];
        _v ??= new float[parameters.Length];
        _step++;
        var correction1 = 1 - Math.Pow(_beta1, _step);
        var correction2 = 1 - Math.Pow(_beta2, _step);
        var stepSize = (float)(_learningRate / correction1);
        var rootCorrection2 = (float)Math.Sqrt(correction2);
        for (var i = 0; i < parameters.Length; i++)
        {
            var g = gradients[i] + (_weightDecay * parameters[i]);
            _m[i] = (_beta1 * _m[i]) + ((1 - _beta1) * g);
            _v[i] = (_beta2 * _v[i]) + ((1 - _beta2) * g * g);
            parameters[i] -= stepSize * _m[i] / ((MathF.Sqrt(_v[i]) / rootCorrection2) + _epsilon);
        }
    }
}
