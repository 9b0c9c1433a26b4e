using System.Text.Json.Nodes;
using InFiConD.Core;

namespace InFiConD.Students.Tests;

public sealed class StudentTableTests : IDisposable
{
    private static readonly string[] Concepts = ["water", "sail, white", "say \"hi\"", "wheel"];
    private readonly TempDirectory _files = new();

    public void Dispose() => _files.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Json_RoundTripsExactly(bool includeZeros)
    {
        var students = HandMade();
        var path = _files.File("students.json");

        StudentTable.WriteJson(students, path, includeZeros);
        var back = StudentTable.ReadJson(path);

        AssertSame(students, back);
        Assert.Null(back.Spread);
    }

    [Fact]
    public void Json_FittedEnsembleWithSpread_RoundTripsExactly()
    {
        var (scores, teacher) = SyntheticDistillation.Create(n: 150);
        var (students, _) = StudentEnsemble.Fit(scores, teacher, new StudentOptions { BootstrapMembers = 3, Seed = 5 });

        var back = StudentTable.FromJson(StudentTable.ToJson(students));

        AssertSame(students, back);
        Assert.Equal(3, back.Spread!.Members);
        Assert.Equal(students.Spread!.Mean.AsSpan().ToArray(), back.Spread.Mean.AsSpan().ToArray());
        Assert.Equal(students.Spread.Deviation.AsSpan().ToArray(), back.Spread.Deviation.AsSpan().ToArray());
        Assert.Equal(students.Spread.NonZeroFraction.AsSpan().ToArray(), back.Spread.NonZeroFraction.AsSpan().ToArray());
        Assert.Equal(students.Logits(scores.Values).AsSpan().ToArray(), back.Logits(scores.Values).AsSpan().ToArray());
    }

    [Fact]
    public void Json_SortsByMagnitudeAndOmitsZeros()
    {
        var json = JsonNode.Parse(StudentTable.ToJson(HandMade()))!;

        var cat = json["classes"]![0]!;
        Assert.Equal("cat", (string?)cat["name"]);
        Assert.Equal(0.25f, (float)cat["bias"]!);
        var weights = cat["weights"]!.AsArray();
        Assert.Equal(["say \"hi\"", "water", "wheel"], weights.Select(w => (string?)w!["concept"]));
        Assert.Equal(-2.5f, (float)weights[0]!["standardizedWeight"]!);
        // Raw weight = standardised / deviation: −2.5 / 0.5.
        Assert.Equal(-5f, (float)weights[0]!["rawWeight"]!);
        // Raw bias = b − Σ raw·μ = 0.25 − (1/2·0.5 + 0 + (−5)·0.25 + 0.125/1·0) = 1.25.
        Assert.Equal(1.25f, (float)cat["rawBias"]!);
        Assert.Null(weights[0]!["bootstrapMean"]);
        Assert.Empty(json["classes"]![1]!["weights"]!.AsArray());
        Assert.Equal(0.5f, (float)json["concepts"]![2]!["deviation"]!);
        var withZeros = JsonNode.Parse(StudentTable.ToJson(HandMade(), includeZeros: true))!["classes"]!.AsArray();
        Assert.All(withZeros, c => Assert.Equal(4, c!["weights"]!.AsArray().Count));
    }

    [Fact]
    public void Json_WritesNamesReadably()
    {
        var students = StudentEnsemble.Create(["café"], ["say \"hi\"", "a<b"], [0f, 0f], [1f, 1f], FloatMatrix.FromValues([1f, 2f], 1, 2), [0f]);

        var json = StudentTable.ToJson(students);

        Assert.Contains("\"café\"", json, StringComparison.Ordinal);
        Assert.Contains("\"say \\\"hi\\\"\"", json, StringComparison.Ordinal);
        Assert.Contains("\"a<b\"", json, StringComparison.Ordinal);
        AssertSame(students, StudentTable.FromJson(json));
    }

    [Fact]
    public void Csv_LongFormatWithQuotedNames()
    {
        var path = _files.File("students.csv");

        StudentTable.WriteCsv(HandMade(), path);

        Assert.Equal(
            "class,concept,standardized_weight,raw_weight,rank\n"
            + "cat,\"say \"\"hi\"\"\",-2.5,-5,1\n"
            + "cat,water,1,0.5,2\n"
            + "cat,wheel,0.125,0.125,3\n",
            File.ReadAllText(path));
        var all = StudentTable.ToCsv(HandMade(), includeZeros: true).Split('\n');
        Assert.Equal("cat,\"sail, white\",0,0,4", all[4]);
        Assert.Equal("\"dog, big\",water,0,0,1", all[5]);
    }

    [Theory]
    [InlineData("{ \"format\": \"other\", \"version\": 1 }", "format")]
    [InlineData("{ \"format\": \"infcd.students.table\", \"version\": 2 }", "version")]
    [InlineData("{ \"format\": \"infcd.students.table\", \"version\": 1 }", "concepts")]
    [InlineData("{ \"format\": \"infcd.students.table\", \"version\": 1, \"concepts\": [ { \"name\": \"a\", \"mean\": 0 } ] }", "concepts[0].deviation")]
    [InlineData("{ \"format\": \"infcd.students.table\", \"version\": 1, \"concepts\": [ { \"name\": \"a\", \"mean\": 0, \"deviation\": -1 } ] }", "concepts[0].deviation")]
    [InlineData("{ \"format\": \"infcd.students.table\", \"version\": 1, \"concepts\": [ { \"name\": \"a\", \"mean\": 0, \"deviation\": 1 }, { \"name\": \"a\", \"mean\": 0, \"deviation\": 1 } ] }", "concepts[1].name")]
    [InlineData("{ \"format\": \"infcd.students.table\", \"version\": 1, \"concepts\": [] }", "classes")]
    [InlineData("{ \"format\": \"infcd.students.table\", \"version\": 1, \"concepts\": [], \"classes\": [ { \"name\": \"c\", \"weights\": [] } ] }", "classes[0].bias")]
    [InlineData("{ \"format\": \"infcd.students.table\", \"version\": 1, \"concepts\": [], \"classes\": [ { \"name\": \"c\", \"bias\": 0 } ] }", "classes[0].weights")]
    [InlineData("{ \"format\": \"infcd.students.table\", \"version\": 1, \"concepts\": [], \"classes\": [ { \"name\": \"c\", \"bias\": 0, \"weights\": [ { \"concept\": \"zz\", \"standardizedWeight\": 1 } ] } ] }", "classes[0].weights[0].concept")]
    [InlineData("{ \"format\": \"infcd.students.table\", \"version\": 1, \"concepts\": [ { \"name\": \"a\", \"mean\": 0, \"deviation\": 1 } ], \"classes\": [ { \"name\": \"c\", \"bias\": 0, \"weights\": [ { \"concept\": \"a\" } ] } ] }", "classes[0].weights[0].standardizedWeight")]
    [InlineData("{ \"format\": \"infcd.students.table\", \"version\": 1, \"concepts\": [ { \"name\": \"a\", \"mean\": 0, \"deviation\": 1 } ], \"classes\": [ { \"name\": \"c\", \"bias\": 0, \"weights\": [ { \"concept\": \"a\", \"standardizedWeight\": 1 }, { \"concept\": \"a\", \"standardizedWeight\": 2 } ] } ] }", "classes[0].weights[1].concept")]
    [InlineData("{ \"format\": \"infcd.students.table\", \"version\": 1, \"bootstrapMembers\": 3, \"concepts\": [ { \"name\": \"a\", \"mean\": 0, \"deviation\": 1 } ], \"classes\": [ { \"name\": \"c\", \"bias\": 0, \"weights\": [ { \"concept\": \"a\", \"standardizedWeight\": 1 } ] } ] }", "classes[0].weights[0].bootstrapMean")]
    [InlineData("{ \"format\": \"infcd.students.table\", \"version\": 1, \"bootstrapMembers\": 0, \"concepts\": [], \"classes\": [] }", "bootstrapMembers")]
    public void ReadJson_InvalidField_NamesFileAndField(string json, string field)
    {
        var path = _files.Write("bad.json", json);

        var error = Assert.Throws<InvalidFileException>(() => StudentTable.ReadJson(path));

        Assert.Equal((path, field), (error.FilePath, error.Field));
    }

    [Theory]
    [InlineData("{ \"format\": ")]
    [InlineData("{ \"format\": \"infcd.students.table\", \"version\": \"one\" }")]
    [InlineData("{ \"format\": \"infcd.students.table\", \"version\": 1, \"concepts\": [ { \"name\": \"a\", \"mean\": 1e39, \"deviation\": 1 } ] }")]
    [InlineData("null")]
    public void ReadJson_Malformed_NamesFile(string json)
    {
        var path = _files.Write("bad.json", json);

        var error = Assert.Throws<InvalidFileException>(() => StudentTable.ReadJson(path));

        Assert.Equal(path, error.FilePath);
        Assert.NotNull(error.Field);
    }

    [Fact]
    public void ReadJson_InvalidUtf8_NamesFile()
    {
        var path = _files.File("latin1.json");
        File.WriteAllBytes(path, [.. "{ \"format\": \"caf"u8, 0xE9, .. "\" }"u8]);

        var error = Assert.Throws<InvalidFileException>(() => StudentTable.ReadJson(path));

        Assert.Equal(path, error.FilePath);
        Assert.Contains("UTF-8", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void ToJson_DuplicateConceptNames_Throws()
    {
        var students = StudentEnsemble.Create(["c"], ["a", "a"], [0f, 0f], [1f, 1f], new FloatMatrix(1, 2), [0f]);

        Assert.Throws<ArgumentException>(() => StudentTable.ToJson(students));
    }

    /// <summary>Two classes over four concepts; "dog, big" has only zero weights.</summary>
    private static StudentEnsemble HandMade()
    {
        var weights = FloatMatrix.FromValues([1f, 0f, -2.5f, 0.125f, 0f, 0f, 0f, 0f], 2, 4);
        return StudentEnsemble.Create(["cat", "dog, big"], Concepts, [0.5f, 0f, 0.25f, 0f], [2f, 1f, 0.5f, 1f], weights, [0.25f, -1f / 3f]);
    }

    private static void AssertSame(StudentEnsemble expected, StudentEnsemble actual)
    {
        Assert.Equal(expected.ClassNames, actual.ClassNames);
        Assert.Equal(expected.ConceptNames, actual.ConceptNames);
        Assert.Equal(expected.ConceptMean.ToArray(), actual.ConceptMean.ToArray());
        Assert.Equal(expected.ConceptDeviation.ToArray(), actual.ConceptDeviation.ToArray());
        Assert.Equal(expected.Biases.ToArray(), actual.Biases.ToArray());
        Assert.Equal(expected.CopyStandardizedWeights().AsSpan().ToArray(), actual.CopyStandardizedWeights().AsSpan().ToArray());
    }

    [Fact]
    public void Csv_writes_a_negative_zero_weight_as_0()
    {
        var students = StudentEnsemble.Create(["a"], ["x", "y"], [0f, 0f], [1f, 1f], FloatMatrix.FromValues([-0f, 0.5f], 1, 2), [0f]);
        var csv = StudentTable.ToCsv(students, includeZeros: true);
        Assert.Contains("a,x,0,0,2\n", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("-0", csv, StringComparison.Ordinal);
    }
}
