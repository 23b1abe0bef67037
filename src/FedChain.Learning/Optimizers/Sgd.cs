using System.Numerics.Tensors;

namespace FedChain.Learning.Optimizers;

/// <summary>
/// SGD with optional momentum and L2 weight decay, with PyTorch's semantics:
/// g' = g + wd·w ; v = μ·v + g' (v = g' on the first step) ; w -= lr·v.
/// </summary>
public sealed class Sgd : IOptimizer
{
    private readonly float _learningRate, _momentum, _weightDecay;
    private float[]? _velocity;

    /// <summary>Creates the optimizer.</summary>
    public Sgd(float learningRate, float momentum = 0, float weightDecay = 0)
    {
        if (!(learningRate > 0) || !(momentum >= 0 && momentum < 1) || !(weightDecay >= 0))
        {
            throw new ArgumentException($"sgd: learning rate {learningRate} must be > 0, momentum {momentum} in [0, 1), weight decay {weightDecay} >= 0");
        }

        _learningRate = learningRate;
        _momentum = momentum;
        _weightDecay = weightDecay;
    }

    /// <inheritdoc />
    public void Step(Span<float> parameters, ReadOnlySpan<float> gradients)
    {
        if (parameters.Length != gradients.Length)
        {
            throw new ArgumentException($"sgd: {parameters.Length} parameters but {gradients.Length} gradients");
        }

        if (_momentum == 0 && _weightDecay == 0)
        {
            // w = w - lr·g
            TensorPrimitives.MultiplyAdd(gradients, -_learningRate, parameters, parameters);
            return;
        }

        var first = _velocity is null;
        _velocity ??= new float[parameters.Length];
        var v = _velocity.AsSpan(0, parameters.Length);
        if (_momentum == 0)
        {
            // v is only scratch here: v = g + wd·w
            TensorPrimitives.MultiplyAdd(parameters, _weightDecay, gradients, v);
        }
        else if (first)
        {
            TensorPrimitives.MultiplyAdd(parameters, _weightDecay, gradients, v);
        }
        else
        {
            TensorPrimitives.MultiplyAdd(v, _momentum, gradients, v);
            if (_weightDecay != 0)
            {
                TensorPrimitives.MultiplyAdd(parameters, _weightDecay, v, v);
            }
        }

        TensorPrimitives.MultiplyAdd(v, -_learningRate, parameters, parameters);
    }
}
