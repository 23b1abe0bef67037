using System.Numerics;
using System.Text;

namespace FedChain.Ethereum.Abi;

/// <summary>
/// Decodes standard ABI data. Results: BigInteger for integers, <see cref="Address"/>, bool, byte[] for bytes and
/// bytesN, string, object?[] for arrays and tuples. Offsets and lengths are bounds-checked.
/// </summary>
public static class AbiDecoder
{
    /// <summary>Decodes data encoded as the tuple of the given parameters.</summary>
    public static object?[] Decode(IReadOnlyList<AbiParameter> parameters, ReadOnlySpan<byte> data)
    {
        return DecodeTuple(parameters, data, 0, string.Empty);
    }

    /// <summary>Decodes data for a list of type names.</summary>
    public static object?[] Decode(IReadOnlyList<string> types, ReadOnlySpan<byte> data) =>
        Decode(types.Select((t, i) => new AbiParameter($"arg{i}", AbiType.Parse(t))).ToArray(), data);

    private static object?[] DecodeTuple(IReadOnlyList<AbiParameter> parameters, ReadOnlySpan<byte> data, int start, string path)
    {
        var values = new object?[parameters.Count];
        var headPosition = start;
        for (var i = 0; i < parameters.Count; i++)
        {
            var p = parameters[i];
            var childPath = p.Name.Length > 0 ? (path.Length == 0 ? p.Name : $"{path}.{p.Name}") : $"{path}[{i}]";
            if (p.Type.IsDynamic)
            {
                var offset = ReadLength(data, headPosition, childPath, "offset");
                values[i] = DecodeValue(p.Type, data, checked(start + offset), childPath);
                headPosition += 32;
            }
            else
            {
                values[i] = DecodeValue(p.Type, data, headPosition, childPath);
                headPosition += p.Type.HeadSize;
            }
        }
        return values;
    }

    private static object? DecodeValue(AbiType type, ReadOnlySpan<byte> data, int position, string path)
    {
        switch (type.Kind)
        {
            case AbiTypeKind.UInt:
                {
                    var word = Word(data, position, path);
                    var value = new BigInteger(word, isUnsigned: true, isBigEndian: true);
                    if (value >= BigInteger.One << type.Size)
                    {
                        throw new AbiException($"{path}: value at offset {position} does not fit {type.CanonicalName}.");
                    }
                    return value;
                }
            case AbiTypeKind.Int:
                {
                    var value = new BigInteger(Word(data, position, path), isUnsigned: false, isBigEndian: true);
                    if (value < -(BigInteger.One << (type.Size - 1)) || value >= BigInteger.One << (type.Size - 1))
                    {
                        throw new AbiException($"{path}: value at offset {position} does not fit {type.CanonicalName}.");
                    }
                    return value;
                }
            case AbiTypeKind.Address:
                {
                    var word = Word(data, position, path);
                    if (word[..12].IndexOfAnyExcept((byte)0) >= 0)
                    {
                        throw new AbiException($"{path}: address at offset {position} has non-zero upper 12 bytes.");
                    }
                    return Address.FromBytes(word[12..]);
                }
            case AbiTypeKind.Bool:
                {
                    var value = new BigInteger(Word(data, position, path), isUnsigned: true, isBigEndian: true);
                    if (value > 1)
                    {
                        throw new AbiException($"{path}: bool at offset {position} is {value}, not 0 or 1.");
                    }
                    return !value.IsZero;
                }
            case AbiTypeKind.FixedBytes:
                return Word(data, position, path)[..type.Size].ToArray();
            case AbiTypeKind.Bytes:
                return ReadDynamicBytes(data, position, path);
            case AbiTypeKind.String:
                return Encoding.UTF8.GetString(ReadDynamicBytes(data, position, path));
            case AbiTypeKind.Array:
                {
                    var count = ReadLength(data, position, path, "array length");
                    if ((long)count * type.Element!.HeadSize > data.Length - position - 32)
                    {
                        throw new AbiException($"{path}: array at offset {position} claims {count} elements, more than the {data.Length - position - 32} remaining bytes hold.");
                    }
                    var element = new AbiParameter(string.Empty, type.Element);
                    return DecodeTuple(Enumerable.Repeat(element, count).ToArray(), data, position + 32, path);
                }
            case AbiTypeKind.FixedArray:
                {
                    var element = new AbiParameter(string.Empty, type.Element!);
                    return DecodeTuple(Enumerable.Repeat(element, type.Length).ToArray(), data, position, path);
                }
            default:
                return DecodeTuple(type.Components, data, position, path);
        }
    }

    private static byte[] ReadDynamicBytes(ReadOnlySpan<byte> data, int position, string path)
    {
        var length = ReadLength(data, position, path, "byte length");
        if (position + 32L + length > data.Length)
        {
            throw new AbiException($"{path}: {length} bytes at offset {position + 32} run past the end of the {data.Length}-byte data.");
        }
        return data.Slice(position + 32, length).ToArray();
    }

    private static int ReadLength(ReadOnlySpan<byte> data, int position, string path, string what)
    {
        var value = new BigInteger(Word(data, position, path), isUnsigned: true, isBigEndian: true);
        if (value > data.Length)
        {
            throw new AbiException($"{path}: {what} {value} at offset {position} exceeds the {data.Length}-byte data.");
        }
        return (int)value;
    }

    private static ReadOnlySpan<byte> Word(ReadOnlySpan<byte> data, int position, string path)
    {
        if (position < 0 || position + 32L > data.Length)
        {
            throw new AbiException($"{path}: needs 32 bytes at offset {position}, but the data is {data.Length} bytes.");
        }
        return data.Slice(position, 32);
    }
}
