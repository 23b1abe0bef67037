using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FedChain.Learning.Torch.Hosting;

/// <summary>Applies the host's validated <see cref="EngineOptions.Threads"/> to LibTorch when the host starts, before it trains or evaluates.</summary>
public sealed class EngineThreadsService(IOptions<EngineOptions> options, ILogger<EngineThreadsService> logger) : IHostedService
{
    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        TorchThreads.Apply(options.Value.Threads);
        var (intraOp, interOp) = TorchThreads.Current;
        logger.LogInformation("torch engine: {IntraOp} intra-op and {InterOp} inter-op LibTorch threads (setting {Threads}; 0 = one per core)",
            intraOp, interOp, options.Value.Threads);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
