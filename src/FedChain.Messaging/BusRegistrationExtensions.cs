using FedChain.Messages;
using FedChain.Messaging.Chunking;
using FedChain.Messaging.Serialization;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace FedChain.Messaging;

/// <summary>
/// <c>AddFedChainBus</c>: MassTransit on the in-memory transport or RabbitMQ, chosen by configuration section "Bus",
/// with kebab-case queue names under a prefix, durable queues, publisher confirms, bounded retry, faults to
/// the <c>_error</c> queues and the binary payload serializer.
/// </summary>
public static class BusRegistrationExtensions
{
    /// <summary>Adds the bus to a host; <paramref name="configureConsumers"/> registers the host's consumers (see <see cref="AddFedChainConsumer{TConsumer}"/>).</summary>
    public static IHostApplicationBuilder AddFedChainBus(this IHostApplicationBuilder builder, Action<IBusRegistrationConfigurator> configureConsumers)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddFedChainBus(builder.Configuration, configureConsumers);
        return builder;
    }

    /// <summary>Adds the bus, reading section "Bus" of <paramref name="configuration"/>; a bad section fails here, naming the key.</summary>
    public static IServiceCollection AddFedChainBus(
        this IServiceCollection services,
        IConfiguration configuration,
        Action<IBusRegistrationConfigurator> configureConsumers)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new BusOptions();
        configuration.GetSection(BusOptions.SectionName).Bind(options);
        return services.AddFedChainBus(options, configureConsumers, configuration.GetSection(BusOptions.SectionName));
    }

    /// <summary>Adds the bus with options given in code (tests, the one-process simulation).</summary>
    public static IServiceCollection AddFedChainBus(
        this IServiceCollection services,
        BusOptions options,
        Action<IBusRegistrationConfigurator> configureConsumers) =>
        services.AddFedChainBus(options, configureConsumers, section: null);

    /// <summary>
    /// Registers a consumer on its own queue, named "{prefix}-{consumer name without 'Consumer'}" plus "-{instanceId}"
    /// when given. Use an instance id where every instance must see every message (e.g. each worker's RoundStarted
    /// queue); leave it null where instances compete (the aggregator's UpdateSubmitted queue). Chunked messages
    /// of every type the consumer handles are reassembled on the same queue.
    /// </summary>
    public static IConsumerRegistrationConfigurator<TConsumer> AddFedChainConsumer<TConsumer>(
        this IBusRegistrationConfigurator configurator,
        string? instanceId = null)
        where TConsumer : class, IConsumer
    {
        ArgumentNullException.ThrowIfNull(configurator);
        return WithChunks(configurator, configurator.AddConsumer<TConsumer>(), instanceId);
    }

    /// <summary>
    /// As <see cref="AddFedChainConsumer{TConsumer}(IBusRegistrationConfigurator, string?)"/>, with a consumer definition
    /// (retry, concurrency). Chunks are reassembled on whatever endpoint the consumer ends up on.
    /// </summary>
    public static IConsumerRegistrationConfigurator<TConsumer> AddFedChainConsumer<TConsumer, TDefinition>(
        this IBusRegistrationConfigurator configurator,
        string? instanceId = null)
        where TConsumer : class, IConsumer
        where TDefinition : class, IConsumerDefinition<TConsumer>
    {
        ArgumentNullException.ThrowIfNull(configurator);
        return WithChunks(configurator, configurator.AddConsumer<TConsumer, TDefinition>(), instanceId);
    }

    /// <summary>
    /// Configures transport, naming, retry and serialization on a registration configurator; <c>AddFedChainBus</c>
    /// calls it, tests may call it inside <c>AddMassTransitTestHarness</c>.
    /// </summary>
    public static void UseFedChainTransport(this IBusRegistrationConfigurator configurator, BusOptions options)
    {
        ArgumentNullException.ThrowIfNull(configurator);
        BusOptionsValidator.ThrowIfInvalid(options);
        configurator.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(options.EndpointPrefix, includeNamespace: false));

        // Hospitals' hosts talk to their broker and nothing else: no usage reports to MassTransit's servers.
        configurator.DisableUsageTelemetry();

        if (options.Transport == BusTransport.RabbitMq)
        {
            var (username, password) = options.ResolveCredentials();
            var host = options.RedactedHost()!;
            configurator.UsingRabbitMq((context, cfg) =>
            {
                cfg.Host(host, h =>
                {
                    h.Username(username);
                    h.Password(password);
                    h.PublisherConfirmation = true;
                    h.RequestedConnectionTimeout(options.StartTimeout);
                    h.ConnectionName($"fedchain-{options.EndpointPrefix}");
                });
                cfg.Durable = true;
                cfg.AutoDelete = false;
                cfg.PrefetchCount = options.Prefetch;
                ConfigureCommon(context, cfg, options);
            });
        }
        else
        {
            configurator.UsingInMemory((context, cfg) =>
            {
                cfg.PrefetchCount = options.Prefetch;
                ConfigureCommon(context, cfg, options);
            });
        }
    }

    private static IServiceCollection AddFedChainBus(
        this IServiceCollection services,
        BusOptions options,
        Action<IBusRegistrationConfigurator> configureConsumers,
        IConfiguration? section)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(configureConsumers);
        BusOptionsValidator.ThrowIfInvalid(options);

        AddSupportServices(services, options, section);

        if (options.Transport == BusTransport.RabbitMq)
        {
            // Hosted services start in registration order: this check runs before MassTransit's and fails with the host's name.
            services.AddHostedService<BrokerStartupCheck>();
        }

        services.AddOptions<MassTransitHostOptions>().Configure(h =>
        {
            h.WaitUntilStarted = true;
            h.StartTimeout = options.StartTimeout;
            h.StopTimeout = TimeSpan.FromSeconds(30);
        });

        services.AddMassTransit(x =>
        {
            configureConsumers(x);
            x.UseFedChainTransport(options);
        });
        return services;
    }

    /// <summary>
    /// The MassTransit test harness on the FedChain transport (in-memory unless <paramref name="options"/> say otherwise),
    /// with the same naming, retry, serializer, chunking and <see cref="IPayloadPublisher"/> as <c>AddFedChainBus</c>.
    /// </summary>
    public static IServiceCollection AddFedChainBusTestHarness(
        this IServiceCollection services,
        Action<IBusRegistrationConfigurator> configureConsumers,
        BusOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configureConsumers);
        options ??= new BusOptions();
        BusOptionsValidator.ThrowIfInvalid(options);
        AddSupportServices(services, options, section: null);
        services.AddMassTransitTestHarness(x =>
        {
            configureConsumers(x);
            x.UseFedChainTransport(options);
        });
        return services;
    }

    private static IConsumerRegistrationConfigurator<TConsumer> WithChunks<TConsumer>(
        IBusRegistrationConfigurator configurator, IConsumerRegistrationConfigurator<TConsumer> registration, string? instanceId)
        where TConsumer : class, IConsumer
    {
        ChunkRegistration.Attach(configurator, registration, instanceId);
        return registration;
    }

    private static void AddSupportServices(IServiceCollection services, BusOptions options, IConfiguration? section)
    {
        var optionsBuilder = services.AddOptions<BusOptions>();
        if (section is null)
        {
            optionsBuilder.Configure(o => CopyTo(options, o));
        }
        else
        {
            optionsBuilder.Bind(section);
        }

        optionsBuilder.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BusOptions>, BusOptionsValidator>());
        services.TryAddSingleton<IChunkStore>(sp => new FileChunkStore(sp.GetRequiredService<IOptions<BusOptions>>().Value.ChunkDirectory));
        services.TryAddSingleton<IPayloadPublisher, PayloadPublisher>();

    }

    private static void ConfigureCommon<TEndpoint>(IBusRegistrationContext context, IBusFactoryConfigurator<TEndpoint> cfg, BusOptions options)
        where TEndpoint : IReceiveEndpointConfigurator
    {
        if (options.ConcurrentMessageLimit > 0)
        {
            cfg.ConcurrentMessageLimit = options.ConcurrentMessageLimit;
        }

        // Heartbeats and other IRunMessage implementers publish to their own type only: no exchange for the interface.
        cfg.Publish<IRunMessage>(p => p.Exclude = true);
        FedChainSerializer.Configure(cfg);

        if (options.RetryLimit > 0)
        {
            cfg.UseMessageRetry(r => r.Exponential(options.RetryLimit, options.RetryMinInterval, options.RetryMaxInterval, options.RetryMinInterval));
        }

        cfg.ConfigureEndpoints(context);
    }

    private static void CopyTo(BusOptions from, BusOptions to)
    {
        to.Transport = from.Transport;
        to.Host = from.Host;
        to.Username = from.Username;
        to.Password = from.Password;
        to.PasswordFile = from.PasswordFile;
        to.EndpointPrefix = from.EndpointPrefix;
        to.Prefetch = from.Prefetch;
        to.ConcurrentMessageLimit = from.ConcurrentMessageLimit;
        to.RetryLimit = from.RetryLimit;
        to.RetryMinInterval = from.RetryMinInterval;
        to.RetryMaxInterval = from.RetryMaxInterval;
        to.ChunkSizeBytes = from.ChunkSizeBytes;
        to.ChunkDirectory = from.ChunkDirectory;
        to.StartTimeout = from.StartTimeout;
    }
}
