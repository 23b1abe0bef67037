namespace FedChain.Learning.Torch;

/// <summary>A host's settings for the learning engines (section "Worker:Engine" or "Aggregator:Engine").</summary>
public sealed class EngineOptions
{
    /// <summary>The most LibTorch threads a host may ask for; far above any CPU this runs on.</summary>
    public const int MaxThreads = 1024;

    /// <summary>
    /// LibTorch's intra-op and inter-op threads in this process (torch.set_num_threads / set_num_interop_threads);
    /// 0: LibTorch's own choice, one per core. Set it to cores / processes when several hosts share a machine.
    /// </summary>
    public int Threads { get; set; }
}
