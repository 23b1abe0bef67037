using MassTransit;

namespace FedChain.Messaging.Chunking;

/// <summary>Registers a chunk assembler beside a consumer for every message type it consumes.</summary>
internal static class ChunkRegistration
{
    public static void AddAssemblers<TConsumer>(IRegistrationConfigurator configurator, string? instanceId)
        where TConsumer : class, IConsumer
    {
        foreach (var messageType in ConsumedMessageTypes(typeof(TConsumer)))
        {
            var assembler = typeof(ChunkAssembler<,>).MakeGenericType(typeof(TConsumer), messageType);
            var definition = typeof(ChunkAssemblerDefinition<,>).MakeGenericType(typeof(TConsumer), messageType);
            var registration = configurator.AddConsumer(assembler, definition);
            if (instanceId is not null)
            {
                registration.Endpoint(e => e.InstanceId = instanceId);
            }
        }
    }

    public static IEnumerable<Type> ConsumedMessageTypes(Type consumerType) =>
        consumerType.GetInterfaces()
            .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IConsumer<>))
            .Select(i => i.GetGenericArguments()[0])
            .Where(t => t.IsClass && !(t.IsGenericType && t.GetGenericTypeDefinition() == typeof(MessageChunk<>)));
}
