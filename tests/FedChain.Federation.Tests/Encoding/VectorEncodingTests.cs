using System.Buffers.Binary;
using FedChain.Federation.Encoding;

namespace FedChain.Federation.Tests.Encoding;

public class VectorEncodingTests
{
    private static readonly float[] Values = [1f, -2.5f, 3.25f, 0f, float.Epsilon, -0f, 1e30f, -7f, 0.125f];

    [Fact]
    public void Encode_Header_HasDocumentedLayout()
    {
        var bytes = VectorEncoding.Encode(TestData.SmallLayout, Values, PayloadKind.Update);

        Assert.Equal(44 + (9 * 4), bytes.Length);
        Assert.Equal("FCPV"u8.ToArray(), bytes[..4]);
        Assert.Equal(1, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(4)));
        Assert.Equal(1, bytes[6]);
        Assert.Equal(2, bytes[7]);
        Assert.Equal(9u, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8)));
        Assert.Equal(TestData.SmallLayout.Hash.ToArray(), bytes[12..44]);
        Assert.Equal(-2.5f, BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(48)));
    }

    [Fact]
    public void Decode_RoundTrip_ReturnsSameBits()
    {
        var bytes = VectorEncoding.Encode(TestData.SmallLayout, Values, PayloadKind.Model);

        var decoded = VectorEncoding.Decode(bytes, TestData.SmallLayout, PayloadKind.Model);

        Assert.Equal(PayloadKind.Model, decoded.Header.Kind);
        Assert.Equal(Values.Select(BitConverter.SingleToInt32Bits), decoded.ToArray().Select(BitConverter.SingleToInt32Bits));
    }

    [Fact]
    public void Decode_Values_AreAViewOverTheBuffer()
    {
        var bytes = VectorEncoding.Encode(TestData.SmallLayout, Values, PayloadKind.Update);
        var decoded = VectorEncoding.Decode(bytes, TestData.SmallLayout, PayloadKind.Update);

        BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(44), 42f);

        Assert.Equal(42f, decoded.Values[0]);
    }

    [Theory]
    [InlineData(0, VectorField.Magic)]
    [InlineData(3, VectorField.Magic)]
    [InlineData(4, VectorField.Version)]
    [InlineData(5, VectorField.Version)]
    [InlineData(6, VectorField.DType)]
    [InlineData(7, VectorField.Kind)]
    [InlineData(8, VectorField.Length)]
    [InlineData(11, VectorField.Length)]
    [InlineData(12, VectorField.LayoutHash)]
    [InlineData(43, VectorField.LayoutHash)]
    public void Decode_CorruptedHeaderByte_NamesTheField(int offset, VectorField field)
    {
        var bytes = VectorEncoding.Encode(TestData.SmallLayout, Values, PayloadKind.Update);
        bytes[offset] ^= 0x40;

        var error = Assert.Throws<VectorFormatException>(() => VectorEncoding.Decode(bytes, TestData.SmallLayout, PayloadKind.Update));

        Assert.Equal(field, error.Field);
        Assert.Contains(field.ToString(), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_Truncated_ReportsLength()
    {
        var bytes = VectorEncoding.Encode(TestData.SmallLayout, Values, PayloadKind.Update);

        var error = Assert.Throws<VectorFormatException>(() => VectorEncoding.Decode(bytes.AsMemory(0, bytes.Length - 4), TestData.SmallLayout, PayloadKind.Update));

        Assert.Equal(VectorField.Length, error.Field);
        Assert.Equal(8, error.Offset);
        Assert.Equal("9 values", error.Actual);
    }

    [Fact]
    public void Decode_TooShortForHeader_Throws()
    {
        var error = Assert.Throws<VectorFormatException>(() => VectorEncoding.ReadHeader(new byte[10]));

        Assert.Contains("10 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_OtherLayoutSameLength_ReportsLayoutHash()
    {
        var other = TestData.Layout(9);
        var bytes = VectorEncoding.Encode(other, Values, PayloadKind.Update);

        var error = Assert.Throws<VectorFormatException>(() => VectorEncoding.Decode(bytes, TestData.SmallLayout, PayloadKind.Update));

        Assert.Equal(VectorField.LayoutHash, error.Field);
    }

    [Fact]
    public void Decode_ModelWhereUpdateExpected_ReportsKind()
    {
        var bytes = VectorEncoding.Encode(TestData.SmallLayout, Values, PayloadKind.Model);

        var error = Assert.Throws<VectorFormatException>(() => VectorEncoding.Decode(bytes, TestData.SmallLayout, PayloadKind.Update));

        Assert.Equal(VectorField.Kind, error.Field);
    }

    [Fact]
    public void ContentHash_FlippedPayloadBit_Changes()
    {
        var bytes = VectorEncoding.Encode(TestData.SmallLayout, Values, PayloadKind.Update);
        var before = VectorEncoding.ContentHash(bytes);
        bytes[^1] ^= 1;

        Assert.NotEqual(before, VectorEncoding.ContentHash(bytes));
    }

    [Fact]
    public void ContentHash_KnownVector_MatchesSha256()
    {
        // SHA-256("abc") from FIPS 180-2, appendix B.1.
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Convert.ToHexStringLower(VectorEncoding.ContentHash("abc"u8)));
    }

    [Fact]
    public void Encode_WrongLength_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => VectorEncoding.Encode(TestData.SmallLayout, new float[8], PayloadKind.Update));

        Assert.Contains("8 elements", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParameterVector_NamedSlice_ReadsItsRange()
    {
        var vector = new ParameterVector(TestData.SmallLayout, (float[])Values.Clone());

        Assert.Equal(new[] { 1e30f, -7f, 0.125f }, vector["fc.bias"].ToArray());
        var copy = ParameterVector.Decode(vector.Encode(PayloadKind.Model), TestData.SmallLayout, PayloadKind.Model);
        Assert.Equal(vector.Values, copy.Values);
    }
}
