using FedChain.Aggregator.Web;

namespace FedChain.Aggregator.Tests.Web;

public sealed class OperatorOptionsValidatorTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("fedchain-operator-").FullName;

    [Fact]
    public void Validate_NoTokenSource_SucceedsWithActionsOff()
    {
        var options = new OperatorOptions();

        Assert.False(options.Enabled);
        Assert.True(new OperatorOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void Validate_MissingTokenFile_FailsNamingTheSettingAndFile()
    {
        var file = Path.Combine(_folder, "absent.token");

        var result = new OperatorOptionsValidator().Validate(null, new OperatorOptions { TokenFile = file });

        Assert.True(result.Failed);
        Assert.Contains("Operator:TokenFile", result.FailureMessage);
        Assert.Contains(file, result.FailureMessage);
    }

    [Fact]
    public void Validate_ShortToken_FailsWithItsLengthNotItsValue()
    {
        var file = Path.Combine(_folder, "short.token");
        File.WriteAllText(file, "guessable");

        var result = new OperatorOptionsValidator().Validate(null, new OperatorOptions { TokenFile = file });

        Assert.True(result.Failed);
        Assert.Contains("9 characters; at least 32", result.FailureMessage);
        Assert.DoesNotContain("guessable", result.FailureMessage);
    }

    [Fact]
    public void Validate_UnsetEnvironmentVariable_FailsNamingTheVariable()
    {
        var variable = "FEDCHAIN_TEST_UNSET_" + Guid.NewGuid().ToString("N");

        var result = new OperatorOptionsValidator().Validate(null, new OperatorOptions { TokenEnvironmentVariable = variable });

        Assert.True(result.Failed);
        Assert.Contains(variable, result.FailureMessage);
    }

    [Fact]
    public void Load_LongTokenInFile_ReturnsItTrimmed()
    {
        var file = Path.Combine(_folder, "good.token");
        var token = new string('k', 40);
        File.WriteAllText(file, token + "\n");
        var options = new OperatorOptions { TokenFile = file };

        Assert.True(new OperatorOptionsValidator().Validate(null, options).Succeeded);
        Assert.Equal(token, OperatorOptionsValidator.Load(options).Reveal());
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
