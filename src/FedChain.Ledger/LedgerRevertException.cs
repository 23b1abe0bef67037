using System.Globalization;
using System.Numerics;
using FedChain.Ethereum;

namespace FedChain.Ledger;

/// <summary>
/// The ledger (or its token) refused a call or transaction: <see cref="ErrorName"/> is the contract's custom error
/// ("Error" for a require message, "Panic" for an assertion, "Unknown"/"Empty" when undecodable) and
/// <see cref="Arguments"/> its decoded arguments: integers as <see cref="BigInteger"/>, addresses as
/// <see cref="Address"/>, fixed bytes as byte[]. <see cref="Error"/> is the typed [Error] binding when there is one.
/// </summary>
public sealed class LedgerRevertException : Exception
{
    /// <summary>Creates the exception from a decoded revert.</summary>
    public LedgerRevertException(string errorName, string? errorSignature, IReadOnlyList<string> argumentNames, IReadOnlyList<object?> arguments, object? error, string? revertData, string context, string? transactionHash, Exception? inner = null)
        : base(BuildMessage(errorName, argumentNames, arguments, revertData, context, transactionHash), inner)
    {
        ErrorName = errorName;
        ErrorSignature = errorSignature;
        ArgumentNames = argumentNames;
        Arguments = arguments;
        Error = error;
        RevertData = revertData;
        TransactionHash = transactionHash;
    }

    /// <summary>The custom error's name, or "Error", "Panic", "Unknown", "Empty".</summary>
    public string ErrorName { get; }

    /// <summary>Canonical error signature, null when unknown.</summary>
    public string? ErrorSignature { get; }

    /// <summary>Argument names from the ABI.</summary>
    public IReadOnlyList<string> ArgumentNames { get; }

    /// <summary>Decoded argument values.</summary>
    public IReadOnlyList<object?> Arguments { get; }

    /// <summary>The error decoded into its typed binding (e.g. Bindings.FedChainLedger.RoundOutOfOrderError), null when none.</summary>
    public object? Error { get; }

    /// <summary>The raw revert data (hex), when there was any.</summary>
    public string? RevertData { get; }

    /// <summary>The mined transaction that reverted, when the revert came from a receipt (null when refused while estimating).</summary>
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

    private static string BuildMessage(string name, IReadOnlyList<string> names, IReadOnlyList<object?> args, string? data, string context, string? tx)
    {
        var prefix = tx is null ? $"{context} reverted" : $"{context} reverted in transaction {tx}";
        switch (name)
        {
            case "Unknown":
                return $"{prefix} with unknown error data {data}.";
            case "Empty":
                return $"{prefix} without revert data (out of gas, or a bare revert()).";
            case "Panic" when args.Count == 1 && args[0] is BigInteger code:
                return $"{prefix} with Panic(0x{code.ToString("x2", CultureInfo.InvariantCulture)}).";
        }
        var rendered = string.Join(", ", args.Select((a, i) => (i < names.Count && names[i].Length > 0 ? names[i] + "=" : string.Empty) + Format(a)));
        return $"{prefix} with {name}({rendered}).";
    }

    private static string Format(object? value) => value switch
    {
        null => "null",
        byte[] bytes => Hex.Encode(bytes),
        string text => $"\"{text}\"",
        BigInteger number => number.ToString(CultureInfo.InvariantCulture),
        System.Collections.IEnumerable list => "[" + string.Join(", ", list.Cast<object?>().Select(Format)) + "]",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    };
}
