using FedChain.Ethereum;

namespace FedChain.Ledger.Tests;

public class ContractArtifactTests
{
    // The public interface fixed by issue 4: other clients rely on these exact signatures.
    [Theory]
    [InlineData("registerParticipant(address,bytes32)")]
    [InlineData("deactivateParticipant(address)")]
    [InlineData("isParticipant(address)")]
    [InlineData("createRun(bytes32,bytes32,bytes32,uint256)")]
    [InlineData("commitRound(bytes32,uint64,bytes32,bytes32,bytes32,(address,bytes32,uint64,uint32,uint256,uint32,bytes)[])")]
    [InlineData("giveConsent(bytes32)")]
    [InlineData("giveConsentBySig(bytes32,address,bytes)")]
    [InlineData("withdrawConsent(bytes32)")]
    [InlineData("consentOf(bytes32,address)")]
    [InlineData("hasConsent(bytes32,address,uint64)")]
    [InlineData("lastRound(bytes32)")]
    [InlineData("roundOf(bytes32,uint64)")]
    [InlineData("contributionOf(bytes32,uint64,address)")]
    [InlineData("modelOrigin(bytes32)")]
    public void FedChainLedger_HasFixedInterface(string signature)
    {
        Assert.Contains(signature, ContractArtifact.FedChainLedger.FunctionSignatures);
    }

    [Fact]
    public void FedChainLedger_DeclaresTheErrorsTheBindingsSurface()
    {
        var errors = ContractArtifact.FedChainLedger.ErrorSignatures;
        Assert.Contains("RoundOutOfOrder(bytes32,uint64,uint64)", errors);
        Assert.Contains("BaseModelMismatch(bytes32,bytes32)", errors);
        Assert.Contains("InvalidSignature(address)", errors);
        Assert.Contains("NotAParticipant(address)", errors);
    }

    [Fact]
    public void Artifacts_CarryCreationAndRuntimeBytecode()
    {
        foreach (var artifact in new[] { ContractArtifact.FedChainLedger, ContractArtifact.FedChainToken })
        {
            Assert.NotEmpty(artifact.Bytecode);
            Assert.NotEmpty(artifact.DeployedBytecode);
            Assert.True(artifact.Bytecode.Length > artifact.DeployedBytecode.Length, $"{artifact.Name}: creation code should wrap the runtime code.");
        }
    }

    [Fact]
    public void Load_MissingArtifact_NamesResource()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => ContractArtifact.Load("NoSuchContract"));
        Assert.Contains("NoSuchContract.json", ex.Message);
    }

    [Fact]
    public void FedChainLedger_EventsDecodeThroughTheAbi()
    {
        var events = ContractArtifact.FedChainLedger.EventSignatures;
        Assert.Contains("RoundCommitted(bytes32,uint64,bytes32,bytes32,bytes32,uint32,uint256)", events);
        Assert.Contains("ContributionRecorded(bytes32,uint64,address,bytes32,uint64,uint32,uint256,uint32)", events);
        var topic = Nethereum.Contracts.ABITypedRegistry.GetEvent<Bindings.FedChainLedger.RoundCommittedEventDTO>().Sha3Signature;
        Assert.Equal(Convert.ToHexStringLower(Keccak256.Hash("RoundCommitted(bytes32,uint64,bytes32,bytes32,bytes32,uint32,uint256)")), topic.Replace("0x", string.Empty, StringComparison.Ordinal));
    }
}
