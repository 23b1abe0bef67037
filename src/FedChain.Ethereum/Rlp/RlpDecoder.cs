namespace FedChain.Ethereum.Rlp;

/// <summary>Decodes RLP, rejecting truncated and non-canonical encodings with the offending offset.</summary>
public static class RlpDecoder
{
    /// <summary>Decodes exactly one item spanning the whole input.</summary>
    public static RlpItem Decode(ReadOnlySpan<byte> data)
    {
        var item = DecodeAt(data, 0, out var consumed);
        if (consumed != data.Length)
        {
            throw new FormatException($"RLP: {data.Length - consumed} trailing bytes after the item ending at offset {consumed}.");
        }
        return item;
    }

    private static RlpItem DecodeAt(ReadOnlySpan<byte> data, int offset, out int end)
    {
        if (offset >= data.Length)
        {
            throw new FormatException($"RLP: expected an item at offset {offset}, but the input is only {data.Length} bytes.");
        }
        var prefix = data[offset];
        if (prefix < 0x80)
        {
            end = offset + 1;
            return RlpItem.String([prefix]);
        }
        if (prefix < 0xc0)
        {
            var (start, length) = ReadLength(data, offset, 0x80);
            if (length == 1 && data[start] < 0x80)
            {
                throw new FormatException($"RLP: single byte 0x{data[start]:x2} at offset {offset} must be encoded as itself.");
            }
            end = start + length;
            return RlpItem.String(data.Slice(start, length).ToArray());
        }
        var (listStart, listLength) = ReadLength(data, offset, 0xc0);
        var items = new List<RlpItem>();
        var position = listStart;
        var listEnd = listStart + listLength;
        while (position < listEnd)
        {
            items.Add(DecodeAt(data[..listEnd], position, out position));
        }
        end = listEnd;
        return RlpItem.List([.. items]);
    }

    private static (int Start, int Length) ReadLength(ReadOnlySpan<byte> data, int offset, byte baseOffset)
    {
        var prefix = data[offset];
        int start, length;
        if (prefix <= baseOffset + 55)
        {
            length = prefix - baseOffset;
            start = offset + 1;
        }
        else
        {
            var lengthOfLength = prefix - baseOffset - 55;
            if (offset + 1 + lengthOfLength > data.Length)
            {
                throw new FormatException($"RLP: length prefix at offset {offset} needs {lengthOfLength} bytes, input ends at {data.Length}.");
            }
            if (data[offset + 1] == 0)
            {
                throw new FormatException($"RLP: length at offset {offset + 1} has a leading zero (non-canonical).");
            }
            if (lengthOfLength > 4)
            {
                throw new FormatException($"RLP: length at offset {offset + 1} uses {lengthOfLength} bytes; lengths beyond 2^31 are not supported.");
            }
            long value = 0;
            for (var i = 0; i < lengthOfLength; i++)
            {
                value = (value << 8) | data[offset + 1 + i];
            }
            if (value < 56)
            {
                throw new FormatException($"RLP: long-form length {value} at offset {offset} should use the short form (non-canonical).");
            }
            if (value > int.MaxValue)
            {
                throw new FormatException($"RLP: length {value} at offset {offset} is too large.");
            }
            length = (int)value;
            start = offset + 1 + lengthOfLength;
        }
        if ((long)start + length > data.Length)
        {
            throw new FormatException($"RLP: item at offset {offset} declares {length} bytes, but only {data.Length - start} remain.");
        }
        return (start, length);
    }
}
