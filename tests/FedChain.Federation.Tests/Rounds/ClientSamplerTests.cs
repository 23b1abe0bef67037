using FedChain.Federation.Rounds;

namespace FedChain.Federation.Tests.Rounds;

public class ClientSamplerTests
{
    private static readonly string[] Clients = Enumerable.Range(0, 20).Select(i => $"client-{i:D2}").ToArray();

    [Fact]
    public void Sample_Fraction_TakesFloorOfFraction()
    {
        var selection = ClientSampler.Sample(Clients, 1, new ClientSampling(0.3, 2, 2, 7));

        Assert.Equal(6, selection.Selected.Count);
        Assert.Equal(6, selection.Selected.Distinct().Count());
        Assert.All(selection.Selected, c => Assert.Contains(c, Clients));
        Assert.Equal(0.3, selection.SamplingRate, 12);
    }

    [Fact]
    public void Sample_SmallFraction_TakesMinFitClients()
    {
        Assert.Equal(4, ClientSampler.Sample(Clients, 1, new ClientSampling(0.01, 4, 4)).Selected.Count);
    }

    [Fact]
    public void Sample_FewerThanMinAvailable_NotReadyWithReason()
    {
        var selection = ClientSampler.Sample(Clients[..3], 1, new ClientSampling(1, 2, 5));

        Assert.False(selection.IsReady);
        Assert.Contains("3 clients available, at least 5", selection.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sample_SameSeedAndRound_SameSelectionWhateverTheInputOrder()
    {
        var sampling = new ClientSampling(0.25, 2, 2, 99);

        var a = ClientSampler.Sample(Clients, 5, sampling);
        var b = ClientSampler.Sample(Clients.Reverse(), 5, sampling);

        Assert.Equal(a.Selected, b.Selected);
    }

    [Fact]
    public void Sample_OtherRounds_DifferentSelections()
    {
        var sampling = new ClientSampling(0.25, 2, 2, 99);
        var selections = Enumerable.Range(1, 5).Select(r => string.Join(",", ClientSampler.Sample(Clients, r, sampling).Selected.Order())).ToHashSet();

        Assert.True(selections.Count >= 4);
    }

    [Fact]
    public void Sample_ManyRounds_EveryClientRoughlyEquallyOften()
    {
        var counts = Clients.ToDictionary(c => c, _ => 0);
        for (var round = 0; round < 2000; round++)
        {
            foreach (var c in ClientSampler.Sample(Clients, round, new ClientSampling(0.25, 2, 2, 1)).Selected)
            {
                counts[c]++;
            }
        }

        Assert.All(counts.Values, n => Assert.InRange(n, 400, 600));
    }

    [Fact]
    public void Sample_MinAvailableBelowMinFit_Throws()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ClientSampler.Sample(Clients, 1, new ClientSampling(1, 5, 3)));

        Assert.Equal("MinAvailableClients", error.ParamName);
    }
}
