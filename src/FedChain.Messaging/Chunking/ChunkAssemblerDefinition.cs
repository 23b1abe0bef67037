using MassTransit;

namespace FedChain.Messaging.Chunking;

/// <summary>Puts <see cref="ChunkAssembler{TConsumer, TMessage}"/> on the queue of <typeparamref name="TConsumer"/>.</summary>
/// <typeparam name="TConsumer">The consumer whose queue the chunks share.</typeparam>
/// <typeparam name="TMessage">The chunked message's type.</typeparam>
public sealed class ChunkAssemblerDefinition<TConsumer, TMessage> : ConsumerDefinition<ChunkAssembler<TConsumer, TMessage>>, IConsumerDefinition
    where TConsumer : class, IConsumer<TMessage>
    where TMessage : class
{
    /// <summary>The same name the formatter gives <typeparamref name="TConsumer"/>.</summary>
    string IConsumerDefinition.GetEndpointName(IEndpointNameFormatter formatter) => formatter.Consumer<TConsumer>();
}
