using System.Globalization;

namespace FedChain.Ethereum.Abi;

/// <summary>A parsed Solidity ABI type (elementary, array, or tuple).</summary>
public sealed class AbiType
{
    private AbiType(AbiTypeKind kind, int size, AbiType? element, int length, IReadOnlyList<AbiParameter> components)
    {
        Kind = kind;
        Size = size;
        Element = element;
        Length = length;
        Components = components;
        CanonicalName = BuildCanonicalName();
        IsDynamic = kind switch
        {
            AbiTypeKind.Bytes or AbiTypeKind.String or AbiTypeKind.Array => true,
            AbiTypeKind.FixedArray => element!.IsDynamic,
            AbiTypeKind.Tuple => components.Any(c => c.Type.IsDynamic),
            _ => false,
        };
    }

    /// <summary>The shape of the type.</summary>
    public AbiTypeKind Kind { get; }

    /// <summary>Bits for uintN/intN, bytes for bytesN, otherwise 0.</summary>
    public int Size { get; }

    /// <summary>Element type for arrays.</summary>
    public AbiType? Element { get; }

    /// <summary>Length for fixed arrays.</summary>
    public int Length { get; }

    /// <summary>Components for tuples (empty otherwise).</summary>
    public IReadOnlyList<AbiParameter> Components { get; }

    /// <summary>The canonical name used in signatures, e.g. "(address,bytes32)[]".</summary>
    public string CanonicalName { get; }

    /// <summary>True when the encoding is stored in the tail behind an offset.</summary>
    public bool IsDynamic { get; }

    /// <summary>Bytes the type occupies in a head: 32 for dynamic types, the full static size otherwise.</summary>
    public int HeadSize => IsDynamic ? 32 : Kind switch
    {
        AbiTypeKind.FixedArray => Length * Element!.HeadSize,
        AbiTypeKind.Tuple => Components.Sum(c => c.Type.HeadSize),
        _ => 32,
    };

    /// <summary>uint256.</summary>
    public static AbiType UInt256 { get; } = new(AbiTypeKind.UInt, 256, null, 0, []);

    /// <summary>address.</summary>
    public static AbiType AddressType { get; } = new(AbiTypeKind.Address, 0, null, 0, []);

    /// <summary>An array type T[] of the given element.</summary>
    public static AbiType ArrayOf(AbiType element) => new(AbiTypeKind.Array, 0, element, 0, []);

    /// <summary>A tuple type of the given components.</summary>
    public static AbiType TupleOf(IReadOnlyList<AbiParameter> components) => new(AbiTypeKind.Tuple, 0, null, 0, components);

    /// <summary>
    /// Parses a type name such as "uint64", "bytes32[]", "tuple[]" (with <paramref name="components"/>)
    /// or a parenthesised tuple "(address,uint256)[2]".
    /// </summary>
    public static AbiType Parse(string type, IReadOnlyList<AbiParameter>? components = null)
    {
        ArgumentNullException.ThrowIfNull(type);
        var text = type.Trim();
        if (text.EndsWith(']'))
        {
            var open = text.LastIndexOf('[');
            if (open <= 0)
            {
                throw new FormatException($"ABI type '{type}': unbalanced '[' ']'.");
            }
            var element = Parse(text[..open], components);
            var inner = text[(open + 1)..^1];
            if (inner.Length == 0)
            {
                return new AbiType(AbiTypeKind.Array, 0, element, 0, []);
            }
            if (!int.TryParse(inner, NumberStyles.None, CultureInfo.InvariantCulture, out var length) || length <= 0)
            {
                throw new FormatException($"ABI type '{type}': array length '{inner}' is not a positive integer.");
            }
            return new AbiType(AbiTypeKind.FixedArray, 0, element, length, []);
        }
        if (text == "tuple")
        {
            if (components is null)
            {
                throw new FormatException($"ABI type '{type}': a tuple needs \"components\".");
            }
            return TupleOf(components);
        }
        if (text.StartsWith('(') && text.EndsWith(')'))
        {
            return TupleOf(SplitTopLevel(text[1..^1]).Select(t => new AbiParameter(string.Empty, Parse(t))).ToArray());
        }
        switch (text)
        {
            case "address": return AddressType;
            case "bool": return new AbiType(AbiTypeKind.Bool, 0, null, 0, []);
            case "string": return new AbiType(AbiTypeKind.String, 0, null, 0, []);
            case "bytes": return new AbiType(AbiTypeKind.Bytes, 0, null, 0, []);
            case "uint": return UInt256;
            case "int": return new AbiType(AbiTypeKind.Int, 256, null, 0, []);
        }
        if (text.StartsWith("uint", StringComparison.Ordinal))
        {
            return new AbiType(AbiTypeKind.UInt, ParseBits(text[4..], type), null, 0, []);
        }
        if (text.StartsWith("int", StringComparison.Ordinal))
        {
            return new AbiType(AbiTypeKind.Int, ParseBits(text[3..], type), null, 0, []);
        }
        if (text.StartsWith("bytes", StringComparison.Ordinal))
        {
            if (!int.TryParse(text[5..], NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1 || n > 32)
            {
                throw new FormatException($"ABI type '{type}': bytesN needs 1 <= N <= 32.");
            }
            return new AbiType(AbiTypeKind.FixedBytes, n, null, 0, []);
        }
        throw new FormatException($"ABI type '{type}' is not supported (expected uintN, intN, address, bool, bytesN, bytes, string, tuple or arrays of those).");
    }

    private static int ParseBits(string digits, string type)
    {
        if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var bits) || bits < 8 || bits > 256 || bits % 8 != 0)
        {
            throw new FormatException($"ABI type '{type}': integer width must be a multiple of 8 between 8 and 256.");
        }
        return bits;
    }

    private static List<string> SplitTopLevel(string list)
    {
        var parts = new List<string>();
        if (list.Length == 0)
        {
            return parts;
        }
        var depth = 0;
        var start = 0;
        for (var i = 0; i < list.Length; i++)
        {
            switch (list[i])
            {
                case '(': depth++; break;
                case ')': depth--; break;
                case ',' when depth == 0:
                    parts.Add(list[start..i]);
                    start = i + 1;
                    break;
            }
        }
        parts.Add(list[start..]);
        return parts;
    }

    private string BuildCanonicalName() => Kind switch
    {
        AbiTypeKind.UInt => $"uint{Size}",
        AbiTypeKind.Int => $"int{Size}",
        AbiTypeKind.Address => "address",
        AbiTypeKind.Bool => "bool",
        AbiTypeKind.FixedBytes => $"bytes{Size}",
        AbiTypeKind.Bytes => "bytes",
        AbiTypeKind.String => "string",
        AbiTypeKind.Array => Element!.CanonicalName + "[]",
        AbiTypeKind.FixedArray => Element!.CanonicalName + "[" + Length.ToString(CultureInfo.InvariantCulture) + "]",
        _ => "(" + string.Join(",", Components.Select(c => c.Type.CanonicalName)) + ")",
    };

    /// <inheritdoc/>
    public override string ToString() => CanonicalName;
}
