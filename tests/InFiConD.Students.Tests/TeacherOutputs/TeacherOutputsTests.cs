using InFiConD.Core;

namespace InFiConD.Students.Tests;

public sealed class TeacherOutputsTests
{
    private const float Tolerance = 1e-6f;
    private static readonly string[] Classes = ["cat", "dog", "boat"];
    private static readonly string[] TwoIds = ["a", "b"];

    [Fact]
    public void FromLogits_Softmax_MatchesHandValues()
    {
        // softmax(0, ln 2, ln 3) = (1, 2, 3) / 6; softmax(0, 0, 0) = 1/3 each.
        var logits = FloatMatrix.FromValues([0f, MathF.Log(2), MathF.Log(3), 0f, 0f, 0f], 2, 3);

        var teacher = TeacherOutputs.FromLogits(logits, Classes, TwoIds);

        AssertRow(teacher, 0, 1 / 6f, 2 / 6f, 3 / 6f);
        AssertRow(teacher, 1, 1 / 3f, 1 / 3f, 1 / 3f);
        Assert.Equal([2, 0], teacher.PredictedLabels);
        Assert.False(teacher.MultiLabel);
    }

    [Fact]
    public void FromLogits_Temperature_DividesLogitsFirst()
    {
        // With T = 2 the logits (0, 2 ln 2, 2 ln 3) become (0, ln 2, ln 3): again (1, 2, 3) / 6.
        var logits = FloatMatrix.FromValues([0f, 2 * MathF.Log(2), 2 * MathF.Log(3)], 1, 3);

        var teacher = TeacherOutputs.FromLogits(logits, Classes, ["a"], temperature: 2f);

        AssertRow(teacher, 0, 1 / 6f, 2 / 6f, 3 / 6f);
    }

    [Fact]
    public void FromLogits_MultiLabel_AppliesSigmoidPerEntryWithTemperature()
    {
        // σ(0) = 1/2, σ(ln 3) = 3/4, σ(−ln 3) = 1/4; with T = 2 the logits are doubled first.
        var logits = FloatMatrix.FromValues([0f, 2 * MathF.Log(3), -2 * MathF.Log(3)], 1, 3);

        var teacher = TeacherOutputs.FromLogits(logits, Classes, ["a"], multiLabel: true, temperature: 2f);

        AssertRow(teacher, 0, 0.5f, 0.75f, 0.25f);
        Assert.True(teacher.MultiLabel);
    }

    [Theory]
    [InlineData(0f)]
    [InlineData(-1f)]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    public void FromLogits_BadTemperature_Throws(float temperature)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => TeacherOutputs.FromLogits(new FloatMatrix(1, 3), Classes, ["a"], temperature: temperature));
        Assert.Equal("temperature", error.ParamName);
    }

    [Fact]
    public void FromLogits_NaN_NamesRowAndColumn()
    {
        var logits = new FloatMatrix(2, 3);
        logits[1, 2] = float.NaN;

        var error = Assert.Throws<NonFiniteValueException>(() => TeacherOutputs.FromLogits(logits, Classes, TwoIds));

        Assert.Equal((1, 2), (error.Row, error.Column));
    }

    [Fact]
    public void FromLogits_LargeLogits_MatchAFloat64SoftmaxInsteadOfNaN()
    {
        // [100, 0, 0] used to give [NaN, 0, 0]: TensorPrimitives.SoftMax does not shift by the row's maximum.
        float[][] rows = [[100f, 0f, 0f], [1e4f, 0f, -1e4f], [-1e4f, -9999f, -9998f], [89f, 88.5f, -3f], [1e4f, 1e4f, 0f], [7f, 7f, 7f]];
        var ids = rows.Select((_, n) => $"img{n}").ToArray();

        var teacher = TeacherOutputs.FromLogits(FloatMatrix.FromRows(rows), Classes, ids);

        for (var n = 0; n < rows.Length; n++)
        {
            var expected = Float64Softmax(rows[n], 1);
            for (var k = 0; k < 3; k++)
            {
                Assert.Equal(expected[k], teacher.Probabilities[n, k], 1e-6);
            }
        }
        Assert.Equal([0, 0, 2, 0, 0, 0], teacher.PredictedLabels); // ties go to the first class
        Assert.Equal(1f, teacher.Probabilities[0, 0]);
        Assert.Equal(0.5f, teacher.Probabilities[4, 0], 1e-7f);
        Assert.Equal(1 / 3f, teacher.Probabilities[5, 2], 1e-7f);
    }

    [Theory]
    [InlineData(1e-3f)]
    [InlineData(0.5f)]
    [InlineData(1e4f)]
    public void FromLogits_LargeLogitsWithTemperature_MatchAFloat64Softmax(float temperature)
    {
        // With T = 10⁻³ the logits divided first would overflow to ±∞; the shift comes before the division.
        float[] row = [1e4f, 9990f, -1e4f];

        var teacher = TeacherOutputs.FromLogits(FloatMatrix.FromRows([row]), Classes, ["a"], temperature: temperature);

        var expected = Float64Softmax(row, temperature);
        for (var k = 0; k < 3; k++)
        {
            Assert.Equal(expected[k], teacher.Probabilities[0, k], 1e-6);
        }
    }

    [Fact]
    public void FromLogits_MultiLabel_LargeLogitsMatchAFloat64Sigmoid()
    {
        float[] row = [1e4f, -1e4f, -95f, 100f, 0f, -17f];
        var classes = new[] { "a", "b", "c", "d", "e", "f" };

        var teacher = TeacherOutputs.FromLogits(FloatMatrix.FromRows([row]), classes, ["x"], multiLabel: true);

        for (var k = 0; k < row.Length; k++)
        {
            var x = (double)row[k];
            var expected = x >= 0 ? 1 / (1 + Math.Exp(-x)) : Math.Exp(x) / (1 + Math.Exp(x));
            Assert.Equal(expected, teacher.Probabilities[0, k], 1e-7);
        }
        Assert.Equal([1f, 0f], teacher.HardTargets().Row(0)[..2].ToArray());
    }

    [Fact]
    public void FromLogits_NegativeInfinity_IsAClassOfProbabilityZero()
    {
        var logits = FloatMatrix.FromValues([float.NegativeInfinity, 0f, MathF.Log(3), 5f, float.NegativeInfinity, float.NegativeInfinity], 2, 3);

        var single = TeacherOutputs.FromLogits(logits, Classes, TwoIds);
        var multi = TeacherOutputs.FromLogits(logits, Classes, TwoIds, multiLabel: true);

        AssertRow(single, 0, 0f, 0.25f, 0.75f);
        AssertRow(single, 1, 1f, 0f, 0f);
        Assert.Equal(0f, single.Probabilities[0, 0]);
        Assert.Equal([2, 0], single.PredictedLabels);
        AssertRow(multi, 0, 0f, 0.5f, 0.75f);
        Assert.Equal(0f, multi.Probabilities[1, 2]);
    }

    [Fact]
    public void FromLogits_RowOfOnlyNegativeInfinity_IsANamedErrorSingleLabelAndZerosMultiLabel()
    {
        var logits = new FloatMatrix(2, 3);
        logits.Row(1).Fill(float.NegativeInfinity);

        var error = Assert.Throws<NonFiniteValueException>(() => TeacherOutputs.FromLogits(logits, Classes, TwoIds));
        var multi = TeacherOutputs.FromLogits(logits, Classes, TwoIds, multiLabel: true);

        Assert.Equal((1, 0), (error.Row, error.Column));
        Assert.Equal(float.NegativeInfinity, error.Value);
        Assert.Contains("'b'", error.Message, StringComparison.Ordinal);
        Assert.Contains("at least one finite logit", error.Message, StringComparison.Ordinal);
        Assert.Equal([0f, 0f, 0f], multi.Probabilities.Row(1).ToArray());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void FromLogits_PositiveInfinity_NamesRowColumnAndClass(bool multiLabel)
    {
        var logits = new FloatMatrix(2, 3);
        logits[1, 1] = float.PositiveInfinity;

        var error = Assert.Throws<NonFiniteValueException>(() => TeacherOutputs.FromLogits(logits, Classes, TwoIds, multiLabel));

        Assert.Equal((1, 1), (error.Row, error.Column));
        Assert.Contains("'dog'", error.Message, StringComparison.Ordinal);
        Assert.Contains("finite or −∞", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromProbabilities_NaN_NamesRowAndColumn()
    {
        var p = FloatMatrix.FromValues([1f, 0f, 0f, 0.5f, float.NaN, 0.5f], 2, 3);

        var error = Assert.Throws<NonFiniteValueException>(() => TeacherOutputs.FromProbabilities(p, Classes, TwoIds));

        Assert.Equal((1, 1), (error.Row, error.Column));
    }

    [Fact]
    public void FromProbabilities_RowNotSummingToOne_NamesTheRow()
    {
        var p = FloatMatrix.FromValues([0.2f, 0.3f, 0.5f, 0.2f, 0.3f, 0.4f], 2, 3);

        var error = Assert.Throws<ArgumentException>(() => TeacherOutputs.FromProbabilities(p, Classes, TwoIds));

        Assert.Contains("row 1", error.Message, StringComparison.Ordinal);
        Assert.Contains("'b'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromProbabilities_MultiLabel_AllowsAnyRowSum()
    {
        var p = FloatMatrix.FromValues([0.9f, 0.8f, 0.7f], 1, 3);

        var teacher = TeacherOutputs.FromProbabilities(p, Classes, ["a"], multiLabel: true);

        Assert.Equal([1f, 1f, 1f], teacher.HardTargets().AsSpan().ToArray());
    }

    [Theory]
    [InlineData(1.5f)]
    [InlineData(-0.25f)]
    public void FromProbabilities_OutOfRange_NamesRowAndClass(float value)
    {
        var p = FloatMatrix.FromValues([0.5f, 0.5f, 0f, 0f, value, 1f - value], 2, 3);

        var error = Assert.Throws<ArgumentException>(() => TeacherOutputs.FromProbabilities(p, Classes, TwoIds));

        Assert.Contains("row 1", error.Message, StringComparison.Ordinal);
        Assert.Contains("'dog'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromProbabilities_DuplicateIds_NamesBothPositions()
    {
        var error = Assert.Throws<ArgumentException>(() => TeacherOutputs.FromProbabilities(Uniform(3), Classes, ["a", "b", "a"]));

        Assert.Equal("imageIds", error.ParamName);
        Assert.Contains("positions 0 and 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromProbabilities_DuplicateClasses_NamesBothPositions()
    {
        var error = Assert.Throws<ArgumentException>(() => TeacherOutputs.FromProbabilities(Uniform(2), ["cat", "cat", "boat"], TwoIds));

        Assert.Equal("classNames", error.ParamName);
        Assert.Contains("positions 0 and 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromProbabilities_NameCountMismatch_ThrowsShapeMismatch()
    {
        Assert.Equal("classNames", Assert.Throws<ShapeMismatchException>(() => TeacherOutputs.FromProbabilities(Uniform(2), ["cat", "dog"], TwoIds)).Field);
        Assert.Equal("imageIds", Assert.Throws<ShapeMismatchException>(() => TeacherOutputs.FromProbabilities(Uniform(2), Classes, ["a"])).Field);
    }

    [Fact]
    public void FromLabels_BuildsOneHotAndRejectsOutOfRange()
    {
        var teacher = TeacherOutputs.FromLabels([2, 0], Classes, TwoIds);

        Assert.Equal([0f, 0f, 1f, 1f, 0f, 0f], teacher.Probabilities.AsSpan().ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => TeacherOutputs.FromLabels([0, 3], Classes, TwoIds));
    }

    [Fact]
    public void AlignTo_ReordersRows()
    {
        var p = FloatMatrix.FromValues([1f, 0f, 0f, 0f, 1f, 0f, 0f, 0f, 1f], 3, 3);
        var teacher = TeacherOutputs.FromProbabilities(p, Classes, ["a", "b", "c"]);

        var aligned = teacher.AlignTo(["c", "a", "b"]);

        Assert.Equal(["c", "a", "b"], aligned.ImageIds);
        Assert.Equal([2, 0, 1], aligned.PredictedLabels);
        Assert.Equal([0f, 0f, 1f], aligned.Probabilities.Row(0).ToArray());
        Assert.Same(teacher, teacher.AlignTo(["a", "b", "c"]));
    }

    [Fact]
    public void AlignTo_MissingId_NamesIdAndPosition()
    {
        var teacher = TeacherOutputs.FromProbabilities(Uniform(2), Classes, TwoIds);

        var error = Assert.Throws<ArgumentException>(() => teacher.AlignTo(["b", "zebra"]));

        Assert.Contains("'zebra'", error.Message, StringComparison.Ordinal);
        Assert.Contains("row 1", error.Message, StringComparison.Ordinal);
    }

    /// <summary>softmax(l / T) in float64, shifted by the maximum.</summary>
    private static double[] Float64Softmax(float[] logits, double temperature)
    {
        var scaled = logits.Select(l => l / temperature).ToArray();
        var max = scaled.Max();
        var e = scaled.Select(v => Math.Exp(v - max)).ToArray();
        return e.Select(v => v / e.Sum()).ToArray();
    }

    private static FloatMatrix Uniform(int rows)
    {
        var p = new FloatMatrix(rows, 3);
        p.AsSpan().Fill(1 / 3f);
        return p;
    }

    private static void AssertRow(TeacherOutputs teacher, int row, params float[] expected)
    {
        var actual = teacher.Probabilities.Row(row);
        for (var k = 0; k < expected.Length; k++)
        {
            Assert.Equal(expected[k], actual[k], Tolerance);
        }
    }
}
