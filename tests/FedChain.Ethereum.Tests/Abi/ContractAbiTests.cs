using System.Numerics;
using FedChain.Ethereum.Abi;

namespace FedChain.Ethereum.Tests.Abi;

public class ContractAbiTests
{
    private const string Json = """
    [
      {"type":"constructor","inputs":[{"name":"cap","type":"uint256"}]},
      {"type":"function","name":"transfer","stateMutability":"nonpayable",
       "inputs":[{"name":"to","type":"address"},{"name":"amount","type":"uint256"}],
       "outputs":[{"name":"","type":"bool"}]},
      {"type":"function","name":"commit","stateMutability":"nonpayable",
       "inputs":[{"name":"items","type":"tuple[]","components":[
          {"name":"who","type":"address"},{"name":"sig","type":"bytes"}]}],"outputs":[]},
      {"type":"event","name":"Transfer","anonymous":false,"inputs":[
          {"name":"from","type":"address","indexed":true},
          {"name":"to","type":"address","indexed":true},
          {"name":"value","type":"uint256","indexed":false}]},
      {"type":"error","name":"RoundOutOfOrder","inputs":[
          {"name":"expected","type":"uint64"},{"name":"actual","type":"uint64"}]}
    ]
    """;

    [Fact]
    public void Parse_TupleArrayInput_BuildsCanonicalSignature()
    {
        var abi = ContractAbi.Parse(Json);
        Assert.Equal("commit((address,bytes)[])", abi.GetFunction("commit").Signature);
        Assert.Equal("0xa9059cbb", Hex.Encode(abi.GetFunction("transfer").Selector));
    }

    [Fact]
    public void Decode_Erc20TransferLog_ReadsTopicsAndData()
    {
        var abi = ContractAbi.Parse(Json);
        var transfer = abi.GetEvent("Transfer");
        Assert.Equal("0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef", Hex.Encode(transfer.Topic));
        var from = Address.Parse("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
        var to = Address.Parse("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
        var topics = new[] { transfer.Topic, transfer.EncodeTopic("from", from), transfer.EncodeTopic("to", to) };
        var decoded = abi.TryDecodeEvent(topics, AbiEncoder.Encode(["uint256"], [new BigInteger(1000)]))!;
        Assert.Equal("Transfer", decoded.Name);
        Assert.Equal(from, decoded["from"]);
        Assert.Equal(to, decoded["to"]);
        Assert.Equal(new BigInteger(1000), decoded["value"]);
    }

    [Fact]
    public void DecodeRevert_CustomError_NamesErrorAndArguments()
    {
        var abi = ContractAbi.Parse(Json);
        var data = abi.GetError("RoundOutOfOrder").Encode(3UL, 5UL);
        var ex = abi.DecodeRevert(data, "commitRound");
        Assert.Equal("RoundOutOfOrder", ex.ErrorName);
        Assert.Equal(new BigInteger(3), ex.Argument("expected"));
        Assert.Equal("commitRound reverted with RoundOutOfOrder(expected=3, actual=5).", ex.Message);
    }

    [Fact]
    public void DecodeRevert_ErrorString_GivesMessage()
    {
        var abi = ContractAbi.Parse(Json);
        var ex = abi.DecodeRevert(AbiError.StandardError.Encode("not allowed"));
        Assert.Equal("Error", ex.ErrorName);
        Assert.Equal("not allowed", ex.Arguments[0]);
        Assert.Equal("0x08c379a0", Hex.Encode(AbiError.StandardError.Selector));
    }

    [Fact]
    public void DecodeRevert_Panic_DescribesCode()
    {
        var abi = ContractAbi.Parse(Json);
        var ex = abi.DecodeRevert(AbiError.Panic.Encode(new BigInteger(0x11)));
        Assert.Equal("Panic", ex.ErrorName);
        Assert.Contains("arithmetic overflow", ex.Message);
        Assert.Equal("0x4e487b71", Hex.Encode(AbiError.Panic.Selector));
    }

    [Fact]
    public void DecodeRevert_UnknownSelector_KeepsRawData()
    {
        var ex = ContractAbi.Parse(Json).DecodeRevert([0xde, 0xad, 0xbe, 0xef]);
        Assert.Equal("Unknown", ex.ErrorName);
        Assert.Contains("0xdeadbeef", ex.Message);
    }

    [Fact]
    public void GetFunction_Missing_ListsAvailable()
    {
        var ex = Assert.Throws<KeyNotFoundException>(() => ContractAbi.Parse(Json).GetFunction("mint"));
        Assert.Contains("commit, transfer", ex.Message);
    }

    [Fact]
    public void EncodeDeployment_AppendsConstructorArguments()
    {
        var data = ContractAbi.Parse(Json).EncodeDeployment([0x60, 0x80], 5);
        Assert.Equal(34, data.Length);
        Assert.Equal(5, data[^1]);
    }
}
