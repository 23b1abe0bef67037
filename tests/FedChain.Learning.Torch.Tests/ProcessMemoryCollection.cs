namespace FedChain.Learning.Torch.Tests;

/// <summary>
/// Tests that read the whole process's resident memory run alone: any other test training in the same
/// process at the same time (xunit runs test classes in parallel) would show up as growth they did not cause.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessMemoryCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "process memory";
}
