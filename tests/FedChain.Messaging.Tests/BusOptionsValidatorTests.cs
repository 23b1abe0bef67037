using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FedChain.Messaging.Tests;

public sealed class BusOptionsValidatorTests
{
    [Fact]
    public void Errors_Defaults_None() => Assert.Empty(BusOptionsValidator.Errors(new BusOptions()));

    [Fact]
    public void Errors_RabbitMqWithoutHost_NamesBusHost()
    {
        var error = Assert.Single(BusOptionsValidator.Errors(new BusOptions { Transport = BusTransport.RabbitMq }));
        Assert.StartsWith("Bus:Host is required", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://rabbit:5672/")]
    [InlineData("not a uri")]
    [InlineData("amqp:///vhost")]
    public void Errors_RabbitMqWithBadHost_NamesBusHostWithoutEchoingIt(string host)
    {
        var error = Assert.Single(BusOptionsValidator.Errors(new BusOptions { Transport = BusTransport.RabbitMq, Host = host }));
        Assert.StartsWith("Bus:Host must be an absolute amqp://", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Errors_HostWithPassword_NeverEchoesThePassword()
    {
        var errors = BusOptionsValidator.Errors(new BusOptions { Transport = BusTransport.RabbitMq, Host = "http://user:s3cret@rabbit/", Prefetch = 0 });
        Assert.DoesNotContain(errors, e => e.Contains("s3cret", StringComparison.Ordinal));
    }

    [Fact]
    public void Errors_MissingPasswordFile_NamesKeyAndPath()
    {
        var path = Path.Combine(Path.GetTempPath(), $"fedchain-missing-{Guid.NewGuid():N}");
        var error = Assert.Single(BusOptionsValidator.Errors(new BusOptions { Transport = BusTransport.RabbitMq, Host = "amqp://rabbit/", PasswordFile = path }));
        Assert.Equal($"Bus:PasswordFile: file '{path}' does not exist", error);
    }

    [Fact]
    public void Errors_PasswordAndPasswordFile_AskForOne()
    {
        var file = Path.GetTempFileName();
        var error = Assert.Single(BusOptionsValidator.Errors(new BusOptions
        {
            Transport = BusTransport.RabbitMq, Host = "amqp://rabbit/", Password = "x", PasswordFile = file,
        }));
        Assert.Equal("Bus:Password and Bus:PasswordFile are both set; set one", error);
    }

    [Theory]
    [InlineData(nameof(BusOptions.Prefetch), "Bus:Prefetch must be between 1 and 10000, got 0")]
    [InlineData(nameof(BusOptions.RetryLimit), "Bus:RetryLimit must be between 0 and 100, got -1")]
    [InlineData(nameof(BusOptions.ChunkSizeBytes), "Bus:ChunkSizeBytes must be between 1024 and 134217728, got 10")]
    [InlineData(nameof(BusOptions.EndpointPrefix), "Bus:EndpointPrefix must be lowercase letters, digits and '-', got 'Fed Chain'")]
    [InlineData(nameof(BusOptions.ConcurrentMessageLimit), "Bus:ConcurrentMessageLimit must be 0 (= Prefetch) or positive, got -2")]
    public void Errors_OutOfRange_NameKeyAndValue(string property, string expected)
    {
        var options = new BusOptions();
        switch (property)
        {
            case nameof(BusOptions.Prefetch): options.Prefetch = 0; break;
            case nameof(BusOptions.RetryLimit): options.RetryLimit = -1; break;
            case nameof(BusOptions.ChunkSizeBytes): options.ChunkSizeBytes = 10; break;
            case nameof(BusOptions.EndpointPrefix): options.EndpointPrefix = "Fed Chain"; break;
            case nameof(BusOptions.ConcurrentMessageLimit): options.ConcurrentMessageLimit = -2; break;
        }

        Assert.Equal(expected, Assert.Single(BusOptionsValidator.Errors(options)));
    }

    [Fact]
    public void AddFedChainBus_BadSection_ThrowsNamingEveryKey()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Bus:Transport"] = "RabbitMq",
            ["Bus:Prefetch"] = "0",
        }).Build();

        var e = Assert.Throws<OptionsValidationException>(() => new ServiceCollection().AddFedChainBus(configuration, _ => { }));
        Assert.Contains(e.Failures, f => f.StartsWith("Bus:Host is required", StringComparison.Ordinal));
        Assert.Contains(e.Failures, f => f.StartsWith("Bus:Prefetch must be", StringComparison.Ordinal));
    }

    [Fact]
    public void AddFedChainBus_UnknownTransport_ThrowsNamingTheKey()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Bus:Transport"] = "Kafka",
        }).Build();

        var e = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddFedChainBus(configuration, _ => { }));
        Assert.Contains("Bus:Transport", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ResolveCredentials_PasswordFile_ReadsItWithoutTrailingNewLine()
    {
        var file = Path.GetTempFileName();
        File.WriteAllText(file, "pa55word\n");
        var options = new BusOptions { Transport = BusTransport.RabbitMq, Host = "amqp://alice:ignored@rabbit/", PasswordFile = file };

        Assert.Equal(("alice", "pa55word"), options.ResolveCredentials());
    }

    [Fact]
    public void ToString_HostWithPassword_RedactsIt()
    {
        var options = new BusOptions { Transport = BusTransport.RabbitMq, Host = "amqp://alice:s3cret@rabbit:5672/prod", Password = "other-secret" };

        var text = options.ToString();

        Assert.DoesNotContain("s3cret", text, StringComparison.Ordinal);
        Assert.DoesNotContain("other-secret", text, StringComparison.Ordinal);
        Assert.Contains("amqp://rabbit:5672/prod", text, StringComparison.Ordinal);
        Assert.Contains("'alice'", text, StringComparison.Ordinal);
    }
}
