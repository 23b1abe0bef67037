namespace FedChain.Ledger.Tests;

public class LedgerOptionsTests
{
    [Fact]
    public void Validate_Defaults_OnlyMissLedgerAddress()
    {
        var errors = new LedgerOptions().Validate();
        Assert.Equal(["Ledger:LedgerAddress is not set (deploy the ledger first)."], errors);
        Assert.Empty(new LedgerOptions().Validate(requireLedgerAddress: false));
    }

    [Fact]
    public void Validate_BadValues_NameEachKey()
    {
        var errors = new LedgerOptions { RpcUrl = "localhost:8545", ChainId = 0, LedgerAddress = "0x5fbDB2315678afecb367f032d93F642f64180aa3", Confirmations = 0 }.Validate();
        Assert.Contains(errors, e => e.StartsWith("Ledger:RpcUrl", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Ledger:ChainId", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Ledger:LedgerAddress '0x5fbDB2315678afecb367f032d93F642f64180aa3'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Ledger:Confirmations", StringComparison.Ordinal));
    }
}
