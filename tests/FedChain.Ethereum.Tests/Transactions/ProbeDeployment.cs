using System.Numerics;
using System.Text.Json;
using FedChain.Testing;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace FedChain.Ethereum.Tests.Transactions;

/// <summary>Deploys the toolchain probe contract (constructor(uint256 initial)) from its artifact.</summary>
public sealed class ProbeDeployment : ContractDeploymentMessage
{
    private static readonly string Bytecode = JsonDocument.Parse(File.ReadAllText(
        RepositoryRoot.Combine("src", "FedChain.Ledger", "Artifacts", "ToolchainProbe.json"))).RootElement.GetProperty("bytecode").GetString()!;

    public ProbeDeployment()
        : base(Bytecode)
    {
    }

    [Parameter("uint256", "initial", 1)]
    public BigInteger Initial { get; set; }
}
