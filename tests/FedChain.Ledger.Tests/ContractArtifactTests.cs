using FedChain.Ethereum.Abi;

namespace FedChain.Ledger.Tests;

public class ContractArtifactTests
{
    // The public interface fixed by issue 4: other clients rely on these exact signatures.
    [Theory]
    [InlineData("registerParticipant(address,bytes32)")]
    [InlineData("deactivateParticipant(address)")]
    [InlineData("isParticipant(address)")]
    [InlineData("createRun(bytes32,bytes32,bytes32,uint256)")]
    [InlineData("commitRound(bytes32,uint64,bytes32,bytes32,bytes32,(address,bytes32,uint64,uint32,uint256,bytes)[])")]
    [InlineData("lastRound(bytes32)")]
    [InlineData("roundOf(bytes32,uint64)")]
    [InlineData("contributionOf(bytes32,uint64,address)")]
    [InlineData("modelOrigin(bytes32)")]
    public void FedChainLedger_HasFixedInterface(string signature)
    {
        var function = ContractArtifact.FedChainLedger.Abi.GetFunction(signature);
        Assert.Equal(signature, function.Signature);
    }

    [Fact]
    public void FedChainLedger_DeclaresTheErrorsTheBindingsSurface()
    {
        var errors = ContractArtifact.FedChainLedger.Abi.Errors.Select(e => e.Signature).ToArray();
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
        var abi = ContractArtifact.FedChainLedger.Abi;
        Assert.Equal("RoundCommitted(bytes32,uint64,bytes32,bytes32,bytes32,uint32,uint256)", abi.GetEvent("RoundCommitted").Signature);
        Assert.Equal("ContributionRecorded(bytes32,uint64,address,bytes32,uint64,uint32,uint256)", abi.GetEvent("ContributionRecorded").Signature);
        Assert.IsType<AbiEvent>(abi.FindEvent(abi.GetEvent("RoundCommitted").Topic));
    }
}
