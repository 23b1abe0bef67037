using System.Collections;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text;

namespace FedChain.Ethereum.Abi;

/// <summary>
/// Standard (non-packed) ABI encoding. Values: integers as any CLR integer or BigInteger, address as
/// <see cref="Address"/> or string, bool, bytesN/bytes as byte[] or <see cref="Bytes32"/>, string, arrays as any
/// IEnumerable, tuples as object?[] / IReadOnlyList / ValueTuple.
/// </summary>
public static class AbiEncoder
{
    /// <summary>Encodes values as the tuple of the given parameters (function arguments, return data, event data).</summary>
    public static byte[] Encode(IReadOnlyList<AbiParameter> parameters, IReadOnlyList<object?> values)
    {
        if (parameters.Count != values.Count)
        {
            throw new AbiException($"Expected {parameters.Count} values ({string.Join(", ", parameters.Select(p => p.Type.CanonicalName + " " + p.Name))}), got {values.Count}.");
        }
        return EncodeTuple(parameters, values, string.Empty);
    }

    /// <summary>Encodes values for a list of type names, e.g. Encode(["uint256","bytes"], [1, data]).</summary>
    public static byte[] Encode(IReadOnlyList<string> types, IReadOnlyList<object?> values) =>
        Encode(types.Select((t, i) => new AbiParameter($"arg{i}", AbiType.Parse(t))).ToArray(), values);

    /// <summary>Encodes one value of one type (as if it were a one-element tuple's element, without the outer offset).</summary>
    public static byte[] EncodeValue(AbiType type, object? value, string path = "value")
    {
        switch (type.Kind)
        {
            case AbiTypeKind.UInt:
            case AbiTypeKind.Int:
                return EncodeInteger(type, AbiValues.ToBigInteger(value, type, path), path);
            case AbiTypeKind.Address:
                {
                    var word = new byte[32];
                    AbiValues.ToAddress(value, path).ToBytes().CopyTo(word, 12);
                    return word;
                }
            case AbiTypeKind.Bool:
                {
                    var word = new byte[32];
                    word[31] = AbiValues.ToBool(value, path) ? (byte)1 : (byte)0;
                    return word;
                }
            case AbiTypeKind.FixedBytes:
                {
                    var bytes = AbiValues.ToBytes(value, path);
                    if (bytes.Length != type.Size)
                    {
                        throw new AbiException($"{path}: {type.CanonicalName} needs exactly {type.Size} bytes, got {bytes.Length}.");
                    }
                    var word = new byte[32];
                    bytes.CopyTo(word, 0);
                    return word;
                }
            case AbiTypeKind.Bytes:
                return EncodeDynamicBytes(AbiValues.ToBytes(value, path));
            case AbiTypeKind.String:
                return EncodeDynamicBytes(Encoding.UTF8.GetBytes(value as string ?? throw AbiValues.Mismatch(type, value, path)));
            case AbiTypeKind.Array:
                {
                    var items = AbiValues.ToList(value, type, path);
                    var element = new AbiParameter(string.Empty, type.Element!);
                    var body = EncodeTuple(Enumerable.Repeat(element, items.Count).ToArray(), items, path);
                    return [.. EncodeInteger(AbiType.UInt256, items.Count, path), .. body];
                }
            case AbiTypeKind.FixedArray:
                {
                    var items = AbiValues.ToList(value, type, path);
                    if (items.Count != type.Length)
                    {
                        throw new AbiException($"{path}: {type.CanonicalName} needs {type.Length} elements, got {items.Count}.");
                    }
                    var element = new AbiParameter(string.Empty, type.Element!);
                    return EncodeTuple(Enumerable.Repeat(element, items.Count).ToArray(), items, path);
                }
            default:
                {
                    var items = AbiValues.ToTupleValues(value, type, path);
                    return EncodeTuple(type.Components, items, path);
                }
        }
    }

    private static byte[] EncodeTuple(IReadOnlyList<AbiParameter> parameters, IReadOnlyList<object?> values, string path)
    {
        var headSize = parameters.Sum(p => p.Type.HeadSize);
        var head = new List<byte[]>(parameters.Count);
        var tail = new List<byte[]>();
        var tailOffset = headSize;
        for (var i = 0; i < parameters.Count; i++)
        {
            var p = parameters[i];
            var childPath = ChildPath(path, p.Name, i);
            var encoded = EncodeValue(p.Type, values[i], childPath);
            if (p.Type.IsDynamic)
            {
                head.Add(EncodeInteger(AbiType.UInt256, tailOffset, childPath));
                tail.Add(encoded);
                tailOffset += encoded.Length;
            }
            else
            {
                head.Add(encoded);
            }
        }
        var result = new byte[tailOffset];
        var offset = 0;
        foreach (var part in head.Concat(tail))
        {
            part.CopyTo(result, offset);
            offset += part.Length;
        }
        return result;
    }

    private static string ChildPath(string path, string name, int index) =>
        name.Length > 0 ? (path.Length == 0 ? name : $"{path}.{name}") : $"{path}[{index}]";

    private static byte[] EncodeDynamicBytes(byte[] bytes)
    {
        var padded = (bytes.Length + 31) / 32 * 32;
        var result = new byte[32 + padded];
        EncodeInteger(AbiType.UInt256, bytes.Length, "length").CopyTo(result, 0);
        bytes.CopyTo(result, 32);
        return result;
    }

    private static byte[] EncodeInteger(AbiType type, BigInteger value, string path)
    {
        var bits = type.Size;
        if (type.Kind == AbiTypeKind.UInt)
        {
            if (value.Sign < 0 || value >= BigInteger.One << bits)
            {
                throw new AbiException($"{path}: {value} does not fit {type.CanonicalName} (0 .. 2^{bits}-1).");
            }
        }
        else if (value < -(BigInteger.One << (bits - 1)) || value >= BigInteger.One << (bits - 1))
        {
            throw new AbiException($"{path}: {value} does not fit {type.CanonicalName} (-2^{bits - 1} .. 2^{bits - 1}-1).");
        }
        var word = new byte[32];
        if (value.Sign < 0)
        {
            Array.Fill(word, (byte)0xff);
        }
        var bytes = value.ToByteArray(isUnsigned: value.Sign >= 0, isBigEndian: true);
        if (bytes.Length > 32)
        {
            bytes = bytes[^32..];
        }
        bytes.CopyTo(word, 32 - bytes.Length);
        return word;
    }
}

/// <summary>Conversions from CLR values to ABI values, with path-naming errors.</summary>
internal static class AbiValues
{
    public static AbiException Mismatch(AbiType type, object? value, string path) =>
        new($"{path}: expected a value for {type.CanonicalName}, got {(value is null ? "null" : value.GetType().Name)}.");

    public static BigInteger ToBigInteger(object? value, AbiType type, string path) => value switch
    {
        BigInteger b => b,
        int i => i,
        long l => l,
        uint u => u,
        ulong ul => ul,
        short s => s,
        ushort us => us,
        byte by => by,
        sbyte sb => sb,
        _ => throw Mismatch(type, value, path),
    };

    public static Address ToAddress(object? value, string path) => value switch
    {
        Address a => a,
        string s => ParseAddress(s, path),
        _ => throw new AbiException($"{path}: expected an address (Address or 0x string), got {(value is null ? "null" : value.GetType().Name)}."),
    };

    private static Address ParseAddress(string s, string path)
    {
        try
        {
            return Address.Parse(s);
        }
        catch (FormatException ex)
        {
            throw new AbiException($"{path}: {ex.Message}", ex);
        }
    }

    public static bool ToBool(object? value, string path) =>
        value as bool? ?? throw new AbiException($"{path}: expected a bool, got {(value is null ? "null" : value.GetType().Name)}.");

    public static byte[] ToBytes(object? value, string path) => value switch
    {
        byte[] b => b,
        Bytes32 h => h.ToBytes(),
        ReadOnlyMemory<byte> m => m.ToArray(),
        Memory<byte> m => m.ToArray(),
        _ => throw new AbiException($"{path}: expected bytes (byte[] or Bytes32), got {(value is null ? "null" : value.GetType().Name)}."),
    };

    public static IReadOnlyList<object?> ToList(object? value, AbiType type, string path)
    {
        if (value is IReadOnlyList<object?> list)
        {
            return list;
        }
        if (value is IEnumerable enumerable and not string and not byte[])
        {
            return enumerable.Cast<object?>().ToArray();
        }
        throw Mismatch(type, value, path);
    }

    public static IReadOnlyList<object?> ToTupleValues(object? value, AbiType type, string path)
    {
        IReadOnlyList<object?> items = value switch
        {
            IReadOnlyList<object?> list => list,
            ITuple tuple => Enumerable.Range(0, tuple.Length).Select(i => tuple[i]).ToArray(),
            _ => throw Mismatch(type, value, path),
        };
        if (items.Count != type.Components.Count)
        {
            throw new AbiException($"{path}: tuple {type.CanonicalName} needs {type.Components.Count} fields, got {items.Count}.");
        }
        return items;
    }
}
