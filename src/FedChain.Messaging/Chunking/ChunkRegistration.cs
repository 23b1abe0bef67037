using MassTransit;

namespace FedChain.Messaging.Chunking;

/// <summary>Puts a chunk assembler on a consumer's own endpoint for every message type it consumes.</summary>
internal static class ChunkRegistration
{
    /// <summary>
    /// Registers the assemblers (kept out of ConfigureEndpoints) and configures them on whatever endpoint
    /// <typeparamref name="TConsumer"/> ends up on, so instance ids and definitions apply to both alike.
    /// </summary>
    public static void Attach<TConsumer>(IRegistrationConfigurator configurator, IConsumerRegistrationConfigurator<TConsumer> registration, string? instanceId)
        where TConsumer : class, IConsumer
    {
        var assemblers = ConsumedMessageTypes(typeof(TConsumer))
            .Select(messageType => typeof(ChunkAssembler<,>).MakeGenericType(typeof(TConsumer), messageType))
            .ToArray();
        foreach (var assembler in assemblers)
        {
            configurator.AddConsumer(assembler, consumerDefinitionType: null).ExcludeFromConfigureEndpoints();
        }

        registration.Endpoint(e =>
        {
            if (instanceId is not null)
            {
                e.InstanceId = instanceId;
            }

            e.AddConfigureEndpointCallback((context, endpoint) =>
            {
                foreach (var assembler in assemblers)
                {
                    endpoint.ConfigureConsumer(context, assembler);
                }
            });
        });
    }

    public static IEnumerable<Type> ConsumedMessageTypes(Type consumerType) =>
        consumerType.GetInterfaces()
            .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IConsumer<>))
            .Select(i => i.GetGenericArguments()[0])
            .Where(t => t.IsClass && !(t.IsGenericType && t.GetGenericTypeDefinition() == typeof(MessageChunk<>)));
}
