namespace FedChain.Messaging.Tests;

/// <summary>A cancellation token that ends hung tests.</summary>
internal static class TestContext
{
    public static CancellationToken Current => new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token;
}
