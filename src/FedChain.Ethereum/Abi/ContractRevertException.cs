using System.Globalization;
using System.Numerics;

namespace FedChain.Ethereum.Abi;

/// <summary>
/// A contract call or transaction reverted. <see cref="ErrorName"/> is the custom error (or "Error" for
/// require messages, "Panic" for assertion failures); <see cref="Arguments"/> are its decoded arguments.
/// </summary>
public sealed class ContractRevertException : Exception
{
    /// <summary>Creates the exception from a decoded revert.</summary>
    public ContractRevertException(string errorName, string? errorSignature, IReadOnlyList<string> argumentNames, IReadOnlyList<object?> arguments, byte[] revertData, string? context = null, string? transactionHash = null)
        : base(BuildMessage(errorName, argumentNames, arguments, revertData, context, transactionHash))
    {
        ErrorName = errorName;
        ErrorSignature = errorSignature;
        ArgumentNames = argumentNames;
        Arguments = arguments;
        RevertData = revertData;
        TransactionHash = transactionHash;
    }

    /// <summary>Error name: the custom error, "Error", "Panic", or "Unknown" when the selector is not in the ABI.</summary>
    public string ErrorName { get; }

    /// <summary>Canonical error signature, null when unknown or empty.</summary>
    public string? ErrorSignature { get; }

    /// <summary>Argument names from the ABI.</summary>
    public IReadOnlyList<string> ArgumentNames { get; }

    /// <summary>Decoded argument values (see <see cref="AbiDecoder"/> for the CLR types).</summary>
    public IReadOnlyList<object?> Arguments { get; }

    /// <summary>The raw revert data.</summary>
    public byte[] RevertData { get; }

    /// <summary>The mined transaction that reverted, when the revert came from a receipt.</summary>
    public string? TransactionHash { get; }

    /// <summary>The value of a named error argument.</summary>
    public object? Argument(string name)
    {
        for (var i = 0; i < ArgumentNames.Count; i++)
        {
            if (ArgumentNames[i] == name)
            {
                return Arguments[i];
            }
        }
        throw new KeyNotFoundException($"Error {ErrorName} has no argument '{name}' (has {string.Join(", ", ArgumentNames)}).");
    }

    /// <summary>Returns a copy bound to a mined transaction hash and context.</summary>
    public ContractRevertException WithTransaction(string transactionHash, string context) =>
        new(ErrorName, ErrorSignature, ArgumentNames, Arguments, RevertData, context, transactionHash);

    private static string BuildMessage(string name, IReadOnlyList<string> names, IReadOnlyList<object?> args, byte[] data, string? context, string? tx)
    {
        var prefix = context is null ? "Contract reverted" : $"{context} reverted";
        if (tx is not null)
        {
            prefix += $" in transaction {tx}";
        }
        if (name == "Unknown")
        {
            return $"{prefix} with unknown error data {Hex.Encode(data)}.";
        }
        if (name == "Empty")
        {
            return $"{prefix} without revert data (out of gas, or a bare revert()).";
        }
        if (name == "Panic" && args.Count == 1 && args[0] is BigInteger code)
        {
            return $"{prefix} with Panic(0x{code.ToString("x2", CultureInfo.InvariantCulture)}): {PanicDescription(code)}.";
        }
        var rendered = string.Join(", ", args.Select((a, i) => (i < names.Count && names[i].Length > 0 ? names[i] + "=" : string.Empty) + AbiFormatter.Format(a)));
        return $"{prefix} with {name}({rendered}).";
    }

    private static string PanicDescription(BigInteger code) => (int)(code & 0xff) switch
    {
        0x01 => "assertion failed",
        0x11 => "arithmetic overflow or underflow",
        0x12 => "division or modulo by zero",
        0x21 => "invalid enum value",
        0x22 => "corrupt storage byte array",
        0x31 => "pop on an empty array",
        0x32 => "array index out of bounds",
        0x41 => "out of memory",
        0x51 => "call to an uninitialised function pointer",
        _ => "unknown panic code",
    };
}
