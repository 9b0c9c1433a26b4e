using InFiConD.Core;

namespace InFiConD.Students.Tests;

public sealed class PrecomputedTeacherNpyTests : IDisposable
{
    private static readonly string[] Classes = ["cat", "dog"];
    private static readonly string[] Ids = ["a", "b", "c"];
    private readonly TempDirectory _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void FromNpy_Float32Probabilities_Reads()
    {
        var path = _files.File("p.npy");
        Npy.Write(path, FloatMatrix.FromValues([0.25f, 0.75f, 1f, 0f, 0.5f, 0.5f], 3, 2));

        var teacher = PrecomputedTeacher.FromNpy(path, TeacherOutputKind.Probabilities, Classes, Ids);

        Assert.Equal([0.25f, 0.75f, 1f, 0f, 0.5f, 0.5f], teacher.Probabilities.AsSpan().ToArray());
        Assert.Equal(Ids, teacher.ImageIds);
    }

    [Fact]
    public void FromNpy_Float64MultiLabelLogits_AppliesSigmoid()
    {
        var path = _files.File("l.npy");
        Npy.Write(path, new double[] { 0, Math.Log(3), -Math.Log(3), 0, 0, 0 }.AsMemory(), [3, 2]);

        var teacher = PrecomputedTeacher.FromNpy(path, TeacherOutputKind.Logits, Classes, Ids, multiLabel: true);

        Assert.Equal(0.5f, teacher.Probabilities[0, 0], 1e-6f);
        Assert.Equal(0.75f, teacher.Probabilities[0, 1], 1e-6f);
        Assert.Equal(0.25f, teacher.Probabilities[1, 0], 1e-6f);
    }

    [Fact]
    public void FromNpy_Int64_NamesDescr()
    {
        var path = _files.File("i.npy");
        Npy.Write(path, new long[] { 1, 0, 0, 1, 1, 0 }.AsMemory(), [3, 2]);

        var error = Assert.Throws<InvalidFileException>(() => PrecomputedTeacher.FromNpy(path, TeacherOutputKind.Probabilities, Classes, Ids));

        Assert.Equal((path, "descr"), (error.FilePath, error.Field));
    }

    [Theory]
    [InlineData(new long[] { 6 }, "(6)")]
    [InlineData(new long[] { 2, 3 }, "(2, 3)")]
    [InlineData(new long[] { 3, 3 }, "(3, 3)")]
    [InlineData(new long[] { 3, 2, 1 }, "(3, 2, 1)")]
    public void FromNpy_WrongShape_NamesFileAndShape(long[] shape, string found)
    {
        var path = _files.File("s.npy");
        var count = (int)shape.Aggregate(1L, (a, b) => a * b);
        Npy.Write(path, new float[count].AsMemory(), shape);

        var error = Assert.Throws<InvalidFileException>(() => PrecomputedTeacher.FromNpy(path, TeacherOutputKind.Logits, Classes, Ids));

        Assert.Equal((path, "shape"), (error.FilePath, error.Field));
        Assert.Contains("expected shape (3, 2)", error.Problem, StringComparison.Ordinal);
        Assert.Contains(found, error.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    public void FromNpy_NonFinite_NamesClassAndRow(float value)
    {
        var path = _files.File("n.npy");
        Npy.Write(path, FloatMatrix.FromValues([0f, 0f, 0f, 0f, 0f, value], 3, 2));

        var error = Assert.Throws<InvalidFileException>(() => PrecomputedTeacher.FromNpy(path, TeacherOutputKind.Logits, Classes, Ids));

        Assert.Equal(("dog", 2L), (error.Field, error.Position));
        var inner = Assert.IsType<NonFiniteValueException>(error.InnerException);
        Assert.Equal((2, 1), (inner.Row, inner.Column));
    }

    [Fact]
    public void FromNpy_LargeAndNegativeInfiniteLogits_GiveFloat64SoftmaxProbabilities()
    {
        var path = _files.File("big.npy");
        Npy.Write(path, FloatMatrix.FromValues([100f, 0f, 1e4f, -1e4f, float.NegativeInfinity, 3f], 3, 2));

        var teacher = PrecomputedTeacher.FromNpy(path, TeacherOutputKind.Logits, Classes, Ids);

        Assert.Equal(1f, teacher.Probabilities[0, 0]);
        Assert.Equal(Math.Exp(-100), teacher.Probabilities[0, 1], 1e-44);
        Assert.Equal([1f, 0f, 0f, 1f], teacher.Probabilities.AsSpan()[2..].ToArray());
    }

    [Fact]
    public void FromNpy_RowOfOnlyNegativeInfinity_NamesRow()
    {
        var path = _files.File("masked.npy");
        Npy.Write(path, FloatMatrix.FromValues([0f, 1f, float.NegativeInfinity, float.NegativeInfinity, 2f, 0f], 3, 2));

        var error = Assert.Throws<InvalidFileException>(() => PrecomputedTeacher.FromNpy(path, TeacherOutputKind.Logits, Classes, Ids));
        var multi = PrecomputedTeacher.FromNpy(path, TeacherOutputKind.Logits, Classes, Ids, multiLabel: true);

        Assert.Equal((path, null, 1L), (error.FilePath, error.Field, error.Position));
        Assert.Contains("image 'b'", error.Problem, StringComparison.Ordinal);
        Assert.Contains("at least one finite logit", error.Problem, StringComparison.Ordinal);
        Assert.Equal(1, Assert.IsType<NonFiniteValueException>(error.InnerException).Row);
        Assert.Equal([0f, 0f], multi.Probabilities.Row(1).ToArray());
    }

    [Fact]
    public void FromNpy_Float64BeyondFloatRange_IsNonFinite()
    {
        var path = _files.File("big.npy");
        Npy.Write(path, new double[] { 0, 1e300, 0, 0, 0, 0 }.AsMemory(), [3, 2]);

        var error = Assert.Throws<InvalidFileException>(() => PrecomputedTeacher.FromNpy(path, TeacherOutputKind.Logits, Classes, Ids));

        Assert.Equal(("dog", 0L), (error.Field, error.Position));
    }

    [Fact]
    public void FromNpy_RowNotSummingToOne_NamesRow()
    {
        var path = _files.File("sum.npy");
        Npy.Write(path, FloatMatrix.FromValues([0.5f, 0.5f, 0.6f, 0.6f, 0f, 1f], 3, 2));

        var error = Assert.Throws<InvalidFileException>(() => PrecomputedTeacher.FromNpy(path, TeacherOutputKind.Probabilities, Classes, Ids));

        Assert.Equal((null, 1L), (error.Field, error.Position));
        Assert.Contains("image 'b' (row 1)", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void FromNpy_ProbabilityOutOfRange_NamesClassAndRow()
    {
        var path = _files.File("range.npy");
        Npy.Write(path, FloatMatrix.FromValues([0.5f, 0.5f, 1f, 0f, 2f, -1f], 3, 2));

        var error = Assert.Throws<InvalidFileException>(() => PrecomputedTeacher.FromNpy(path, TeacherOutputKind.Probabilities, Classes, Ids));

        Assert.Equal(("cat", 2L), (error.Field, error.Position));
    }

    [Fact]
    public void FromNpy_MalformedFile_IsInvalidFile()
    {
        var path = _files.Write("junk.npy", "not numpy");

        Assert.Equal(path, Assert.Throws<InvalidFileException>(() => PrecomputedTeacher.FromNpy(path, TeacherOutputKind.Logits, Classes, Ids)).FilePath);
    }

    [Fact]
    public void FromNpy_DuplicateClassArgument_IsArgumentError()
    {
        var path = _files.File("p.npy");
        Npy.Write(path, FloatMatrix.FromValues([0.5f, 0.5f, 1f, 0f, 0f, 1f], 3, 2));

        Assert.Throws<ArgumentException>(() => PrecomputedTeacher.FromNpy(path, TeacherOutputKind.Probabilities, ["cat", "cat"], Ids));
    }
}
