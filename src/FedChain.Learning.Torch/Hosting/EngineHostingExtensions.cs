using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FedChain.Learning.Torch.Hosting;

/// <summary>Composition of a host's engine settings.</summary>
public static class EngineHostingExtensions
{
    /// <summary>
    /// Binds <see cref="EngineOptions"/> from <paramref name="sectionName"/> (e.g. "Worker:Engine"), validated at start-up,
    /// and applies its thread setting to LibTorch before the host's other services start. Register it first.
    /// </summary>
    public static IServiceCollection AddEngineThreads(this IServiceCollection services, string sectionName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sectionName);
        services.AddOptions<EngineOptions>().BindConfiguration(sectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<EngineOptions>>(new EngineOptionsValidator(sectionName));
        services.AddHostedService<EngineThreadsService>();
        return services;
    }
}
