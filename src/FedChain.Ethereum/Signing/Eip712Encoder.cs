using System.Collections;
using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using FedChain.Ethereum.Abi;

namespace FedChain.Ethereum.Signing;

/// <summary>EIP-712 hashing: encodeType, typeHash, hashStruct, domain separator and the final signing digest.</summary>
public static class Eip712Encoder
{
    /// <summary>encodeType: the primary type followed by its referenced struct types sorted by name.</summary>
    public static string EncodeType(IReadOnlyDictionary<string, IReadOnlyList<TypedDataField>> types, string primaryType)
    {
        var dependencies = new SortedSet<string>(StringComparer.Ordinal);
        CollectDependencies(types, primaryType, dependencies);
        dependencies.Remove(primaryType);
        var builder = new StringBuilder();
        foreach (var name in new[] { primaryType }.Concat(dependencies))
        {
            builder.Append(name).Append('(')
                .Append(string.Join(",", types[name].Select(f => f.Type + " " + f.Name)))
                .Append(')');
        }
        return builder.ToString();
    }

    /// <summary>typeHash = keccak256(encodeType).</summary>
    public static byte[] TypeHash(IReadOnlyDictionary<string, IReadOnlyList<TypedDataField>> types, string primaryType) =>
        Keccak256.Hash(EncodeType(types, primaryType));

    /// <summary>hashStruct(s) = keccak256(typeHash || encodeData(s)).</summary>
    public static byte[] HashStruct(IReadOnlyDictionary<string, IReadOnlyList<TypedDataField>> types, string typeName, object? value)
    {
        if (!types.TryGetValue(typeName, out var fields))
        {
            throw new ArgumentException($"EIP-712: unknown struct type '{typeName}'.", nameof(typeName));
        }
        var members = ToMembers(value, typeName);
        var parts = new List<byte[]> { TypeHash(types, typeName) };
        foreach (var field in fields)
        {
            if (!members.TryGetValue(field.Name, out var member))
            {
                throw new ArgumentException($"EIP-712: {typeName}.{field.Name} ({field.Type}) is missing from the value.");
            }
            parts.Add(EncodeField(types, field.Type, member, $"{typeName}.{field.Name}"));
        }
        return Keccak256.HashConcat([.. parts]);
    }

    /// <summary>The domain separator: hashStruct of the typed data's EIP712Domain.</summary>
    public static byte[] DomainSeparator(TypedData data) => HashStruct(data.Types, "EIP712Domain", data.Domain);

    /// <summary>The digest to sign: keccak256(0x19 0x01 || domainSeparator || hashStruct(message)).</summary>
    public static byte[] Digest(TypedData data) =>
        Digest(DomainSeparator(data), HashStruct(data.Types, data.PrimaryType, data.Message));

    /// <summary>The digest from a domain separator and a struct hash.</summary>
    public static byte[] Digest(byte[] domainSeparator, byte[] structHash) =>
        Keccak256.HashConcat([0x19, 0x01], domainSeparator, structHash);

    private static void CollectDependencies(IReadOnlyDictionary<string, IReadOnlyList<TypedDataField>> types, string typeName, SortedSet<string> found)
    {
        if (!types.TryGetValue(typeName, out var fields) || !found.Add(typeName))
        {
            return;
        }
        foreach (var field in fields)
        {
            CollectDependencies(types, BaseType(field.Type), found);
        }
    }

    private static string BaseType(string type)
    {
        var bracket = type.IndexOf('[');
        return bracket < 0 ? type : type[..bracket];
    }

    private static byte[] EncodeField(IReadOnlyDictionary<string, IReadOnlyList<TypedDataField>> types, string type, object? value, string path)
    {
        if (type.EndsWith(']'))
        {
            var elementType = type[..type.LastIndexOf('[')];
            var items = ToItems(value, path);
            return Keccak256.HashConcat(items.Select((item, i) => EncodeField(types, elementType, item, $"{path}[{i}]")).ToArray());
        }
        if (types.ContainsKey(type))
        {
            return HashStruct(types, type, value);
        }
        switch (type)
        {
            case "string":
                return Keccak256.Hash(Encoding.UTF8.GetBytes(ToText(value, path)));
            case "bytes":
                return Keccak256.Hash(ToByteArray(value, path));
        }
        var abiType = AbiType.Parse(type);
        object? abiValue = abiType.Kind switch
        {
            AbiTypeKind.UInt or AbiTypeKind.Int => ToInteger(value, path),
            AbiTypeKind.Address => value is JsonElement a ? a.GetString() : value,
            AbiTypeKind.Bool => value is JsonElement b ? b.GetBoolean() : value,
            AbiTypeKind.FixedBytes => ToByteArray(value, path),
            _ => throw new ArgumentException($"EIP-712: {path} has unsupported type '{type}'."),
        };
        return AbiEncoder.EncodeValue(abiType, abiValue, path);
    }

    private static IReadOnlyDictionary<string, object?> ToMembers(object? value, string typeName) => value switch
    {
        IReadOnlyDictionary<string, object?> d => d,
        JsonElement { ValueKind: JsonValueKind.Object } e => e.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value),
        _ => throw new ArgumentException($"EIP-712: value for struct {typeName} must be a dictionary or JSON object, got {value?.GetType().Name ?? "null"}."),
    };

    private static IReadOnlyList<object?> ToItems(object? value, string path) => value switch
    {
        JsonElement { ValueKind: JsonValueKind.Array } e => e.EnumerateArray().Select(x => (object?)x).ToArray(),
        IEnumerable enumerable and not string and not byte[] => enumerable.Cast<object?>().ToArray(),
        _ => throw new ArgumentException($"EIP-712: {path} must be an array."),
    };

    private static string ToText(object? value, string path) => value switch
    {
        string s => s,
        JsonElement { ValueKind: JsonValueKind.String } e => e.GetString()!,
        _ => throw new ArgumentException($"EIP-712: {path} must be a string."),
    };

    private static byte[] ToByteArray(object? value, string path) => value switch
    {
        byte[] b => b,
        Bytes32 h => h.ToBytes(),
        string s => Hex.Decode(s, path),
        JsonElement { ValueKind: JsonValueKind.String } e => Hex.Decode(e.GetString()!, path),
        _ => throw new ArgumentException($"EIP-712: {path} must be bytes (byte[] or 0x hex)."),
    };

    private static BigInteger ToInteger(object? value, string path)
    {
        switch (value)
        {
            case JsonElement { ValueKind: JsonValueKind.Number } number:
                return BigInteger.Parse(number.GetRawText(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            case JsonElement { ValueKind: JsonValueKind.String } text:
                return ParseIntegerText(text.GetString()!, path);
            case string s:
                return ParseIntegerText(s, path);
            case BigInteger b:
                return b;
            case int or long or uint or ulong or short or ushort or byte or sbyte:
                return AbiValues.ToBigInteger(value, AbiType.UInt256, path);
            default:
                throw new ArgumentException($"EIP-712: {path} must be an integer, got {value?.GetType().Name ?? "null"}.");
        }
    }

    private static BigInteger ParseIntegerText(string text, string path)
    {
        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            return Hex.DecodeQuantity(text, path);
        }
        if (BigInteger.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }
        throw new ArgumentException($"EIP-712: {path} value '{text}' is not an integer.");
    }
}
