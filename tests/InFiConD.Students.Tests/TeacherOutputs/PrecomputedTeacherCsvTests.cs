using InFiConD.Core;

namespace InFiConD.Students.Tests;

public sealed class PrecomputedTeacherCsvTests : IDisposable
{
    private readonly TempDirectory _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void FromCsv_Probabilities_ReadsQuotedNamesBomAndCrLf()
    {
        var path = _files.File("teacher.csv");
        File.WriteAllText(path, "image_id,cat,\"boat, sail\",\"say \"\"hi\"\"\"\r\nimg1,0.25,0.5,0.25\r\n\r\n\"img,2\",1,0,0\r\n", new System.Text.UTF8Encoding(true));

        var teacher = PrecomputedTeacher.FromCsv(path, TeacherOutputKind.Probabilities);

        Assert.Equal(["cat", "boat, sail", "say \"hi\""], teacher.ClassNames);
        Assert.Equal(["img1", "img,2"], teacher.ImageIds);
        Assert.Equal([0.25f, 0.5f, 0.25f, 1f, 0f, 0f], teacher.Probabilities.AsSpan().ToArray());
        Assert.Equal([1, 0], teacher.PredictedLabels);
    }

    [Fact]
    public void FromCsv_Logits_AppliesSoftmaxWithTemperature()
    {
        var path = _files.Write("logits.csv", "id,a,b\nx,0,2\n");

        var teacher = PrecomputedTeacher.FromCsv(path, TeacherOutputKind.Logits, temperature: 2f);

        // softmax(0, 1) = (1, e) / (1 + e).
        Assert.Equal(1 / (1 + MathF.E), teacher.Probabilities[0, 0], 1e-6f);
        Assert.Equal(MathF.E / (1 + MathF.E), teacher.Probabilities[0, 1], 1e-6f);
    }

    [Fact]
    public void FromCsv_NegativeInfinityLogits_AreClassesOfProbabilityZero()
    {
        var path = _files.Write("masked.csv", "id,a,b,c\nx,-Infinity,0,1e4\ny,100,-1e39,0\n");

        var teacher = PrecomputedTeacher.FromCsv(path, TeacherOutputKind.Logits);

        Assert.Equal([0f, 0f, 1f], teacher.Probabilities.Row(0).ToArray());
        Assert.Equal(1f, teacher.Probabilities[1, 0]);
        Assert.Equal(0f, teacher.Probabilities[1, 1]);
        Assert.Equal(Math.Exp(-100), teacher.Probabilities[1, 2], 1e-44);
    }

    [Theory]
    [InlineData("id,a,b\nx,0,1\ny,-Infinity,-Infinity\n", null, 3L, "at least one finite logit")]
    [InlineData("id,a,b\nx,0,Infinity\n", "b", 2L, "finite or −∞")]
    [InlineData("id,a,b\nx,NaN,0\n", "a", 2L, "finite or −∞")]
    public void FromCsv_LogitsWithoutAProbability_NameFileColumnAndLine(string text, string? field, long line, string problem)
    {
        var path = _files.Write("bad-logits.csv", text);

        var error = Assert.Throws<InvalidFileException>(() => PrecomputedTeacher.FromCsv(path, TeacherOutputKind.Logits));

        Assert.Equal((path, field, line), (error.FilePath, error.Field, error.Position));
        Assert.Contains(problem, error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void FromCsv_MultiLabelProbabilities_AllowsAnyRowSum()
    {
        var path = _files.Write("multi.csv", "id,a,b\nx,0.9,0.8\n");

        var teacher = PrecomputedTeacher.FromCsv(path, TeacherOutputKind.Probabilities, multiLabel: true);

        Assert.True(teacher.MultiLabel);
        Assert.Equal([0.9f, 0.8f], teacher.Probabilities.Row(0).ToArray());
    }

    [Fact]
    public void SaveCsv_RoundTripsExactly()
    {
        var logits = FloatMatrix.FromValues([0.1f, -2.3f, 1.7f, 3.14159f, 0f, -1e-3f], 2, 3);
        var teacher = TeacherOutputs.FromLogits(logits, ["cat", "boat, sail", "say \"hi\""], ["img 1", "img,\"2\""]);
        var path = _files.File("saved.csv");

        PrecomputedTeacher.SaveCsv(teacher, path);
        var back = PrecomputedTeacher.FromCsv(path, TeacherOutputKind.Probabilities);

        Assert.Equal(teacher.ClassNames, back.ClassNames);
        Assert.Equal(teacher.ImageIds, back.ImageIds);
        Assert.Equal(teacher.Probabilities.AsSpan().ToArray(), back.Probabilities.AsSpan().ToArray());
        Assert.Empty(Directory.GetFiles(_files.Path, "*.tmp"));
    }

    [Theory]
    [InlineData("id,a,b\nx,0.5,abc\n", "b", 2L, "not a number")]
    [InlineData("id,a,b\nx,0.5,\n", "b", 2L, "cell is empty")]
    [InlineData("id,a,b\nx,0.5\n", "b", 2L, "ends after 2 fields")]
    [InlineData("id,a,b\nx,1,0\ny,NaN,0.5\n", "a", 3L, "non-finite")]
    [InlineData("id,a,b\nx,Infinity,0\n", "a", 2L, "non-finite")]
    [InlineData("id,a,b\nx,-Infinity,0\n", "a", 2L, "non-finite")]
    [InlineData("id,a,b\nx,1e39,0\n", "a", 2L, "non-finite")]
    [InlineData("id,a,b\nx,1.5,-0.5\n", "a", 2L, "outside [0, 1]")]
    [InlineData("id,a,b\n,0.5,0.5\n", "id", 2L, "empty")]
    [InlineData("name,a,b\nx,0.5,0.5\n", "name", 1L, "'id' or 'image_id'")]
    [InlineData("id,a,a\nx,0.5,0.5\n", "a", 1L, "columns 2 and 3")]
    [InlineData("id,a,\nx,0.5,0.5\n", "column 3", 1L, "no class name")]
    public void FromCsv_BadCell_NamesFileColumnAndLine(string text, string field, long line, string problem)
    {
        var path = _files.Write("bad.csv", text);

        var error = Assert.Throws<InvalidFileException>(() => PrecomputedTeacher.FromCsv(path, TeacherOutputKind.Probabilities));

        Assert.Equal(path, error.FilePath);
        Assert.Equal(field, error.Field);
        Assert.Equal(line, error.Position);
        Assert.Contains(problem, error.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("id,a,b\nx,0.5,0.5\ny,0.5,0.4\n", 3L, "sum to 0.9")]
    [InlineData("id,a,b\nx,0.5,0.5,0.1\n", 2L, "4 fields but the header has 3")]
    [InlineData("id\nx\n", 1L, "no class columns")]
    [InlineData("", 1L, "header")]
    [InlineData("\n", 1L, "header")]
    [InlineData("id,a,b\nx,\"0.5,0.5\n", 2L, "never closed")]
    public void FromCsv_BadRecord_NamesFileAndLine(string text, long line, string problem)
    {
        var path = _files.Write("bad.csv", text);

        var error = Assert.Throws<InvalidFileException>(() => PrecomputedTeacher.FromCsv(path, TeacherOutputKind.Probabilities));

        Assert.Equal(path, error.FilePath);
        Assert.Null(error.Field);
        Assert.Equal(line, error.Position);
        Assert.Contains(problem, error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void FromCsv_DuplicateId_NamesBothLines()
    {
        var path = _files.Write("dup.csv", "id,a,b\nx,1,0\ny,0,1\n\nx,0.5,0.5\n");

        var error = Assert.Throws<InvalidFileException>(() => PrecomputedTeacher.FromCsv(path, TeacherOutputKind.Probabilities));

        Assert.Equal(("id", 5L), (error.Field, error.Position));
        Assert.Contains("lines 2 and 5", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void FromCsv_HeaderOnly_Throws()
    {
        var path = _files.Write("empty.csv", "id,a,b\n");

        var error = Assert.Throws<InvalidFileException>(() => PrecomputedTeacher.FromCsv(path, TeacherOutputKind.Logits));

        Assert.Contains("no image rows", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void FromCsv_InvalidUtf8_Throws()
    {
        var path = _files.File("latin1.csv");
        File.WriteAllBytes(path, [.. "id,caf"u8, 0xE9, .. "\nx,1\n"u8]);

        var error = Assert.Throws<InvalidFileException>(() => PrecomputedTeacher.FromCsv(path, TeacherOutputKind.Probabilities));

        Assert.Contains("UTF-8", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void FromCsv_LogitsMayLeaveTheUnitInterval()
    {
        var path = _files.Write("logits.csv", "id,a,b\nx,-7.5,12\n");

        Assert.Equal([1], PrecomputedTeacher.FromCsv(path, TeacherOutputKind.Logits).PredictedLabels);
    }

    [Fact]
    public void FromCsv_BadArguments_Throw()
    {
        var path = _files.Write("ok.csv", "id,a,b\nx,0.5,0.5\n");

        Assert.Throws<ArgumentException>(() => PrecomputedTeacher.FromCsv(path, TeacherOutputKind.Probabilities, temperature: 2f));
        Assert.Throws<ArgumentOutOfRangeException>(() => PrecomputedTeacher.FromCsv(path, TeacherOutputKind.Logits, temperature: 0f));
        Assert.Throws<ArgumentOutOfRangeException>(() => PrecomputedTeacher.FromCsv(path, (TeacherOutputKind)7));
        Assert.Throws<FileNotFoundException>(() => PrecomputedTeacher.FromCsv(_files.File("missing.csv"), TeacherOutputKind.Logits));
    }
}
