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
