using FedChain.Ethereum;
using FedChain.Ethereum.Signing;
using FedChain.Learning.Torch.Hosting;
using FedChain.Ledger;
using FedChain.Learning.Data;
using FedChain.Tasks;
using FedChain.Messaging;
using FedChain.Worker.Consumers;
using FedChain.Worker.Data;
using FedChain.Worker.Training;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FedChain.Worker.Extensions;

/// <summary>Composition of the worker host.</summary>
public static class HostingExtensions
{
    /// <summary>
    /// Adds one worker: its options (validated at start-up), its key (from a keystore file, a key file or
    /// an environment variable; never logged), its private data, and the bus consumers that train on it.
    /// </summary>
    public static IHostApplicationBuilder AddWorker(this IHostApplicationBuilder builder)
    {
        builder.Services.AddEngineThreads($"{WorkerOptions.SectionName}:Engine");
        builder.Services.AddOptions<WorkerOptions>().BindConfiguration(WorkerOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<WorkerOptions>, WorkerPolicyValidator>();
        builder.Services.AddOptions<LedgerOptions>().BindConfiguration(LedgerOptions.SectionName);
        builder.Services.TryAddTimeProvider();
        builder.Services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<WorkerOptions>>().Value;
            var ledger = provider.GetRequiredService<IOptions<LedgerOptions>>().Value;
            var key = LoadKey(options);
            var domain = new UpdateCommitmentSigner(ledger.ChainId, ParseLedgerAddress(ledger.LedgerAddress));
            var data = LoadData(options.Data);
            var logger = provider.GetRequiredService<ILoggerFactory>().CreateLogger("FedChain.Worker");
            logger.LogInformation("worker {Id} ({Address}) holds {Train} training and {Test} test samples from {Source}",
                options.Id, key.Address, data.Train.Count, data.Test.Count, data.Train.Source);
            var policy = new SitePolicy(options.Consent, options.Privacy, WorkerConsentLookup.Create(ledger, logger));
            var attack = options.Attack == "none" ? null : new WorkerAttack(Federation.Attacks.AttackSpec.Parse(options.Attack), null, 0, 0);
            if (attack is not null)
            {
                logger.LogWarning("worker {Id} is a red-team attacker: it sends '{Attack}' updates", options.Id, attack.Spec);
            }

            return new WorkerPool([new WorkerNode(options.Id, data, new KeyUpdateSigner(key, domain), logger, policy, attack)]);
        });

        var id = builder.Configuration[$"{WorkerOptions.SectionName}:Id"];
        builder.AddFedChainBus(bus => ConfigureConsumers(bus, string.IsNullOrWhiteSpace(id) ? "worker" : id));
        builder.Services.AddHostedService<WorkerHeartbeat>();
        return builder;
    }

    /// <summary>
    /// Registers the worker consumers on a bus under <paramref name="instanceId"/>: every worker process
    /// has its own queues, so each sees every RoundStarted.
    /// </summary>
    public static void ConfigureConsumers(IBusRegistrationConfigurator bus, string instanceId)
    {
        bus.AddFedChainConsumer<RoundStartedConsumer>(instanceId);
        bus.AddFedChainConsumer<UpdateRejectedConsumer>(instanceId);
        bus.AddFedChainConsumer<RequestFeatureStatisticsConsumer>(instanceId);
    }

    /// <summary>Registers the system clock unless a test registered its own.</summary>
    public static IServiceCollection TryAddTimeProvider(this IServiceCollection services)
    {
        if (services.All(d => d.ServiceType != typeof(TimeProvider)))
        {
            services.AddSingleton(TimeProvider.System);
        }

        return services;
    }

    // Data that does not match the task is never trained on: the worker stops with one line naming file and problem.
    private static LocalData LoadData(WorkerDataOptions options)
    {
        try
        {
            return WorkerDataLoader.Load(options);
        }
        catch (Exception e) when (e is DataFormatException or TaskDefinitionException or IOException or InvalidOperationException)
        {
            throw new OptionsValidationException(WorkerOptions.SectionName, typeof(WorkerOptions), [$"Worker:Data: {e.Message}"]);
        }
    }

    private static Address ParseLedgerAddress(string text) =>
        Address.TryParse(text, out var address) && address is not null
            ? address
            : throw new OptionsValidationException(LedgerOptions.SectionName, typeof(LedgerOptions),
                [$"Ledger:LedgerAddress '{text}' is not an address (0x + 40 hex digits): the worker signs under the ledger's EIP-712 domain"]);

    private static EthereumKey LoadKey(WorkerOptions options)
    {
        try
        {
            return KeySource.Load(new KeyLocation(options.KeyFile, options.KeyPasswordFile, options.KeyEnvironmentVariable,
                $"{WorkerOptions.SectionName}:{nameof(WorkerOptions.KeyFile)}", $"{WorkerOptions.SectionName}:{nameof(WorkerOptions.KeyPasswordFile)}",
                $"{WorkerOptions.SectionName}:{nameof(WorkerOptions.KeyEnvironmentVariable)}", "a worker must sign its updates"));
        }
        catch (KeyLoadException e)
        {
            throw new OptionsValidationException(WorkerOptions.SectionName, typeof(WorkerOptions), [e.Message]);
        }
    }
}
