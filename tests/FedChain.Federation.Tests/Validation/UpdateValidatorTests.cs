using FedChain.Federation.Encoding;
using FedChain.Federation.Validation;

namespace FedChain.Federation.Tests.Validation;

public class UpdateValidatorTests
{
    private static readonly float[] Good = [0.1f, -0.2f, 0.3f, 0.4f, 0f, 0.5f, -0.6f, 0.7f, 0.1f];

    private static UpdateValidator NewValidator(double? maxNorm = null) =>
        new("run-1", 3, TestData.SmallLayout, ["alice", "bob"], maxNorm);

    private static IncomingUpdate Update(byte[] payload, string client = "alice", string run = "run-1", long round = 3, long samples = 50, byte[]? hash = null) =>
        new(run, round, client, samples, payload, hash ?? VectorEncoding.ContentHash(payload));

    private static byte[] Encoded(float[] values) => VectorEncoding.Encode(TestData.SmallLayout, values, PayloadKind.Update);

    [Fact]
    public void Validate_GoodUpdate_AcceptedWithNormAndZeroCopyValues()
    {
        var result = NewValidator().Validate(Update(Encoded(Good)));

        Assert.True(result.IsAccepted, result.Message);
        Assert.Equal(Math.Sqrt(Good.Sum(v => (double)v * v)), result.Norm, 1e-12);
        Assert.Equal(Good, result.Vector!.ToArray());
    }

    [Fact]
    public void Validate_WrongRun_Rejected() =>
        AssertRejected(NewValidator().Validate(Update(Encoded(Good), run: "run-2")), UpdateRejectionReason.WrongRun, "run-2");

    [Fact]
    public void Validate_WrongRound_Rejected() =>
        AssertRejected(NewValidator().Validate(Update(Encoded(Good), round: 2)), UpdateRejectionReason.WrongRound, "round 2");

    [Fact]
    public void Validate_NotSelected_Rejected() =>
        AssertRejected(NewValidator().Validate(Update(Encoded(Good), client: "mallory")), UpdateRejectionReason.NotSelected, "mallory");

    [Fact]
    public void Validate_ZeroSamples_Rejected() =>
        AssertRejected(NewValidator().Validate(Update(Encoded(Good), samples: 0)), UpdateRejectionReason.InvalidSampleCount, "got 0");

    [Fact]
    public void Validate_SecondUpdateFromClient_Duplicate()
    {
        var validator = NewValidator();
        Assert.True(validator.Validate(Update(Encoded(Good))).IsAccepted);

        AssertRejected(validator.Validate(Update(Encoded(Good))), UpdateRejectionReason.Duplicate, "alice");
    }

    [Fact]
    public void Validate_RejectedThenGood_NotDuplicate()
    {
        var validator = NewValidator();
        Assert.False(validator.Validate(Update(Encoded([.. Good[..8], float.NaN]))).IsAccepted);

        Assert.True(validator.Validate(Update(Encoded(Good))).IsAccepted);
    }

    [Fact]
    public void Release_AcceptedClient_MaySubmitAgain()
    {
        var validator = NewValidator();
        Assert.True(validator.Validate(Update(Encoded(Good))).IsAccepted);

        Assert.True(validator.Release("alice"));
        Assert.True(validator.Validate(Update(Encoded(Good))).IsAccepted);
    }

    [Fact]
    public void Validate_PayloadCorruptedInTransit_HashMismatch()
    {
        var payload = Encoded(Good);
        var hash = VectorEncoding.ContentHash(payload);
        payload[50] ^= 0x01;

        AssertRejected(NewValidator().Validate(Update(payload, hash: hash)), UpdateRejectionReason.HashMismatch, "claimed");
    }

    [Fact]
    public void Validate_HeaderCorruptedInTransit_HashMismatchNotMalformed()
    {
        var payload = Encoded(Good);
        var hash = VectorEncoding.ContentHash(payload);
        payload[6] = 9;

        AssertRejected(NewValidator().Validate(Update(payload, hash: hash)), UpdateRejectionReason.HashMismatch, "SHA-256");
    }

    [Fact]
    public void HashAndSumOfSquares_LongPayload_MatchesSeparatePasses()
    {
        var layout = TestData.Layout(100_003);
        var values = TestData.RandomVector(100_003, 8);
        var payload = VectorEncoding.Encode(layout, values, PayloadKind.Update);

        var sum = UpdateValidator.HashAndSumOfSquares(payload, out var hash);

        Assert.Equal(VectorEncoding.ContentHash(payload), hash);
        Assert.Equal(values.Sum(v => (double)v * v), sum, 1e-9 * sum);
    }

    [Fact]
    public void Validate_ShortHash_HashMismatch() =>
        AssertRejected(NewValidator().Validate(Update(Encoded(Good), hash: new byte[31])), UpdateRejectionReason.HashMismatch, "31 bytes");

    [Fact]
    public void Validate_BadMagic_Malformed()
    {
        var payload = Encoded(Good);
        payload[0] = (byte)'X';

        AssertRejected(NewValidator().Validate(Update(payload)), UpdateRejectionReason.MalformedEncoding, "Magic");
    }

    [Fact]
    public void Validate_ModelInsteadOfUpdate_Malformed()
    {
        var payload = VectorEncoding.Encode(TestData.SmallLayout, Good, PayloadKind.Model);

        AssertRejected(NewValidator().Validate(Update(payload)), UpdateRejectionReason.MalformedEncoding, "Model");
    }

    [Fact]
    public void Validate_OtherDimension_WrongDimension()
    {
        var payload = VectorEncoding.Encode(TestData.Layout(4), [1f, 2f, 3f, 4f], PayloadKind.Update);

        AssertRejected(NewValidator().Validate(Update(payload)), UpdateRejectionReason.WrongDimension, "4 values");
    }

    [Fact]
    public void Validate_OtherLayoutSameSize_WrongLayout()
    {
        var payload = VectorEncoding.Encode(TestData.Layout(9), Good, PayloadKind.Update);

        AssertRejected(NewValidator().Validate(Update(payload)), UpdateRejectionReason.WrongLayout, "layout hash");
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    public void Validate_NonFiniteValue_Rejected(float bad)
    {
        var values = (float[])Good.Clone();
        values[4] = bad;

        AssertRejected(NewValidator().Validate(Update(Encoded(values))), UpdateRejectionReason.NonFinite, "index 4");
    }

    [Fact]
    public void Validate_NormAboveBound_Rejected() =>
        AssertRejected(NewValidator(maxNorm: 0.5).Validate(Update(Encoded(Good))), UpdateRejectionReason.NormAboveBound, "exceeds");

    [Fact]
    public void Validate_ConcurrentSubmissionsFromOneClient_OnlyOneAccepted()
    {
        var validator = NewValidator();
        var payload = Encoded(Good);
        var results = new UpdateValidationResult[16];

        Parallel.For(0, results.Length, i => results[i] = validator.Validate(Update(payload)));

        Assert.Equal(1, results.Count(r => r.IsAccepted));
        Assert.All(results.Where(r => !r.IsAccepted), r => Assert.Equal(UpdateRejectionReason.Duplicate, r.Reason));
    }

    private static void AssertRejected(UpdateValidationResult result, UpdateRejectionReason reason, string messagePart)
    {
        Assert.False(result.IsAccepted);
        Assert.Equal(reason, result.Reason);
        Assert.Contains(messagePart, result.Message, StringComparison.Ordinal);
        Assert.Null(result.Vector);
    }
}
