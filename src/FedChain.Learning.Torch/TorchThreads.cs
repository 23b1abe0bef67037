using TorchSharp;

namespace FedChain.Learning.Torch;

/// <summary>LibTorch's thread pools for this process.</summary>
public static class TorchThreads
{
    /// <summary>
    /// Sets LibTorch's intra-op and inter-op threads to <paramref name="threads"/> (0 leaves LibTorch's default, one per
    /// core). Call it once at start-up, before any torch work: LibTorch refuses to resize the inter-op pool afterwards.
    /// </summary>
    public static void Apply(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(threads);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(threads, EngineOptions.MaxThreads);
        if (threads == 0)
        {
            return;
        }

        torch.set_num_threads(threads);
        if (torch.get_num_interop_threads() != threads)
        {
            torch.set_num_interop_threads(threads);
        }
    }

    /// <summary>LibTorch's current (intra-op, inter-op) thread counts.</summary>
    public static (int IntraOp, int InterOp) Current => (torch.get_num_threads(), torch.get_num_interop_threads());
}
