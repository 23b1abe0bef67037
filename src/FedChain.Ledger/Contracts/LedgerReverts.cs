using System.Numerics;
using System.Reflection;
using FedChain.Ethereum;
using FedChain.Ethereum.Transactions;
using Nethereum.ABI.FunctionEncoding;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.ABI.Model;
using Nethereum.Contracts;

namespace FedChain.Ledger.Contracts;

/// <summary>
/// Turns Nethereum's reverts (refused while estimating or calling, or mined with status 0) into
/// <see cref="LedgerRevertException"/>, decoding the data with the [Error] bindings of both contracts.
/// </summary>
internal static class LedgerReverts
{
    private const string PanicSelector = "4e487b71";

    private static readonly Dictionary<string, (Type Type, ErrorABI Abi)> Errors = typeof(LedgerReverts).Assembly.GetTypes()
        .Where(t => t.GetCustomAttribute<ErrorAttribute>() is not null)
        .Select(t => (Type: t, Abi: ABITypedRegistry.GetError(t)))
        .ToDictionary(e => Selector(e.Abi.Sha3Signature), StringComparer.OrdinalIgnoreCase);

    /// <summary>Runs <paramref name="action"/>; a revert becomes a <see cref="LedgerRevertException"/> naming <paramref name="context"/>.</summary>
    public static async Task<T> GuardAsync<T>(string context, Func<Task<T>> action)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (SmartContractCustomErrorRevertException e)
        {
            throw Decode(e.ExceptionEncodedData, context, null, e);
        }
        catch (SmartContractRevertException e)
        {
            throw Decode(e.EncodedData, context, null, e);
        }
        catch (TransactionRevertedException e)
        {
            throw Decode(e.RevertData, context, e.TransactionHash, e);
        }
    }

    /// <summary>Decodes revert data into the contract's named error with its arguments.</summary>
    public static LedgerRevertException Decode(string? data, string context, string? transactionHash, Exception? inner)
    {
        var hex = data is null ? string.Empty : data.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? data[2..] : data;
        if (hex.Length < 8)
        {
            return new LedgerRevertException("Empty", null, [], [], null, data, context, transactionHash, inner);
        }
        var selector = hex[..8];
        var decoder = new FunctionCallDecoder();
        if (ErrorFunction.IsErrorData("0x" + hex))
        {
            var message = decoder.DecodeFunctionErrorMessage("0x" + hex);
            return new LedgerRevertException("Error", "Error(string)", ["message"], [message], null, data, context, transactionHash, inner);
        }
        if (string.Equals(selector, PanicSelector, StringComparison.OrdinalIgnoreCase))
        {
            var code = new ParameterDecoder().DecodeDefaultData(hex[8..], new Parameter("uint256", "code")).Single().Result;
            return new LedgerRevertException("Panic", "Panic(uint256)", ["code"], [Normalize("uint256", code)], null, data, context, transactionHash, inner);
        }
        if (!Errors.TryGetValue(selector, out var error))
        {
            return new LedgerRevertException("Unknown", null, [], [], null, data, context, transactionHash, inner);
        }
        var outputs = decoder.DecodeError(error.Abi, "0x" + hex);
        var typed = decoder.DecodeFunctionCustomError(error.Type, error.Abi.Sha3Signature, "0x" + hex);
        return new LedgerRevertException(
            error.Abi.Name,
            error.Abi.Signature,
            outputs.Select(o => o.Parameter.Name).ToArray(),
            outputs.Select(o => Normalize(o.Parameter.Type, o.Result)).ToArray(),
            typed,
            data,
            context,
            transactionHash,
            inner);
    }

    private static object? Normalize(string abiType, object? value) => value switch
    {
        string text when abiType == "address" => Address.Parse(text.ToLowerInvariant()),
        BigInteger => value,
        byte or ushort or uint or ulong or sbyte or short or int or long => new BigInteger(Convert.ToDecimal(value, System.Globalization.CultureInfo.InvariantCulture)),
        _ => value,
    };

    private static string Selector(string sha3Signature)
    {
        var hex = sha3Signature.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? sha3Signature[2..] : sha3Signature;
        return hex[..8];
    }
}
