using System.Reflection;
using FedChain.Messages;

namespace FedChain.Messaging.Tests.Messages;

/// <summary>The house rules for message records, checked over every message type in FedChain.Messages.</summary>
public sealed class MessageContractTests
{
    public static TheoryData<Type> MessageTypes() => new(Types());

    private static IEnumerable<Type> Types() =>
        typeof(IRunMessage).Assembly.GetExportedTypes().Where(t => t.IsClass && typeof(IRunMessage).IsAssignableFrom(t));

    [Fact]
    public void Assembly_HasEveryMessageTheHostsNeed()
    {
        string[] expected =
        [
            "AbortRun", "FeatureStatisticsRejected", "FeatureStatisticsSubmitted", "RequestFeatureStatistics", "RoundCommitted", "RoundDeclined", "RoundFailed",
            "RoundStarted", "RunFailed", "RunFinished", "RunStatus", "RunStatusRequested", "StandardisationFixed", "StartRun", "UpdateAccepted",
            "UpdateRejected", "UpdateSubmitted", "WorkerAvailable", "WorkerEvaluated",
        ];

        Assert.Equal(expected, Types().Select(t => t.Name).Order());
    }

    [Theory]
    [MemberData(nameof(MessageTypes))]
    public void Message_IsASealedPositionalRecordStartingWithRunIdAndRound(Type type)
    {
        Assert.True(type.IsSealed, $"{type.Name} is sealed");
        Assert.NotNull(type.GetMethod("<Clone>$")); // compiler-generated for records
        var parameters = type.GetConstructors().Single(c => c.GetParameters().Length > 1).GetParameters();
        Assert.Equal(("RunId", typeof(string)), (parameters[0].Name, parameters[0].ParameterType));
        Assert.Equal(("Round", typeof(int)), (parameters[1].Name, parameters[1].ParameterType));
    }

    [Theory]
    [MemberData(nameof(MessageTypes))]
    public void Message_CarriesPayloadsAsByteArraysNeverNumberLists(Type type)
    {
        var numeric = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.PropertyType.IsArray && p.PropertyType != typeof(byte[]) || p.PropertyType.IsGenericType &&
                        p.PropertyType.GetGenericArguments() is [var t] && (t == typeof(float) || t == typeof(double) || t == typeof(byte)))
            .Select(p => p.Name);

        Assert.Empty(numeric);
    }
}
