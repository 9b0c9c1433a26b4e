using System.Text.Json;
using InFiConD.Core;
using Microsoft.ML.OnnxRuntime;

namespace InFiConD.Students.Tests;

public class StudentOnnxExporterTests
{
    [Fact]
    public void Hand_built_ensemble_runs_in_onnx_runtime_with_hand_computed_logits()
    {
        var students = ExportFixture.HandBuilt();
        var x = FloatMatrix.FromRows([[1f, 7f, 0.5f], [3f, -100f, 1f], [-1f, 0f, 0f], [0.2f, 1e6f, 2.5f]]);
        using var session = new InferenceSession(StudentOnnxExporter.ToBytes(students));

        var (logits, probabilities, labels) = ExportFixture.Run(session, x);

        for (var i = 0; i < x.Rows; i++)
        {
            var expected = ExportFixture.HandLogits(x.Row(i).ToArray());
            for (var k = 0; k < 2; k++)
            {
                Assert.Equal(expected[k], logits[i * 2 + k], ExportFixture.Tolerance);
                Assert.Equal(1 / (1 + Math.Exp(-expected[k])), probabilities[i * 2 + k], ExportFixture.Tolerance);
            }
            Assert.Equal(expected[1] > expected[0] ? 1 : 0, labels[i]);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(37)]
    public void Fitted_ensemble_matches_the_library_on_random_scores(int n)
    {
        var students = ExportFixture.Fitted;
        Assert.Contains(0f, students.ConceptDeviation.ToArray());
        Assert.Contains(students.CopyStandardizedWeights().AsSpan().ToArray(), w => MathF.Abs(w) > 0.1f);
        var x = ExportFixture.RandomScores(n, students.ConceptCount, seed: 100 + n);
        using var session = new InferenceSession(StudentOnnxExporter.ToBytes(students));

        var (logits, probabilities, labels) = ExportFixture.Run(session, x);

        Assert.InRange(ExportFixture.MaxAbsDifference(logits, students.Logits(x).AsSpan()), 0f, ExportFixture.Tolerance);
        Assert.InRange(ExportFixture.MaxAbsDifference(probabilities, students.PredictProbabilities(x).AsSpan()), 0f, ExportFixture.Tolerance);
        Assert.Equal(students.PredictLabels(x).Select(l => (long)l), labels);
    }

    [Fact]
    public void Batch_dimension_is_dynamic_within_one_session()
    {
        var students = ExportFixture.Fitted;
        using var session = new InferenceSession(StudentOnnxExporter.ToBytes(students));
        var input = session.InputMetadata[StudentOnnxExporter.InputName];
        Assert.Equal([-1, students.ConceptCount], input.Dimensions);
        Assert.Equal("N", input.SymbolicDimensions[0]);

        foreach (var n in new[] { 3, 11, 3 })
        {
            var x = ExportFixture.RandomScores(n, students.ConceptCount, seed: n);
            var (logits, probabilities, labels) = ExportFixture.Run(session, x);
            Assert.Equal(n * students.ClassCount, logits.Length);
            Assert.Equal(n * students.ClassCount, probabilities.Length);
            Assert.Equal(n, labels.Length);
            Assert.InRange(ExportFixture.MaxAbsDifference(logits, students.Logits(x).AsSpan()), 0f, ExportFixture.Tolerance);
        }
    }

    [Fact]
    public void Metadata_holds_producer_names_and_extra_entries()
    {
        var students = ExportFixture.HandBuilt();
        var options = new StudentOnnxOptions
        {
            GraphName = "pets",
            Description = "Pets students.",
            ModelVersion = 7,
            Metadata = new Dictionary<string, string> { ["dataset"] = "pets-v2" },
        };
        using var session = new InferenceSession(StudentOnnxExporter.ToBytes(students, options));
        var metadata = session.ModelMetadata;

        Assert.Equal("InFiConD", metadata.ProducerName);
        Assert.Equal("pets", metadata.GraphName);
        Assert.Equal(7, metadata.Version);
        Assert.Equal(students.ClassNames, JsonSerializer.Deserialize<string[]>(metadata.CustomMetadataMap[StudentOnnxExporter.ClassNamesKey]));
        Assert.Equal(students.ConceptNames, JsonSerializer.Deserialize<string[]>(metadata.CustomMetadataMap[StudentOnnxExporter.ConceptNamesKey]));
        Assert.Equal("pets-v2", metadata.CustomMetadataMap["dataset"]);
        Assert.StartsWith("Pets students.", metadata.Description, StringComparison.Ordinal);
        Assert.Contains("café ☕", metadata.Description, StringComparison.Ordinal);
        Assert.Contains("dog \\\"fluffy\\\"", metadata.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Model_declares_the_documented_signature()
    {
        var students = ExportFixture.Fitted;
        using var session = new InferenceSession(StudentOnnxExporter.ToBytes(students));

        Assert.Equal([StudentOnnxExporter.InputName], session.InputMetadata.Keys);
        Assert.Equal([StudentOnnxExporter.LogitsName, StudentOnnxExporter.ProbabilitiesName, StudentOnnxExporter.LabelName], session.OutputMetadata.Keys);
        Assert.Equal(typeof(float), session.OutputMetadata[StudentOnnxExporter.LogitsName].ElementType);
        Assert.Equal([-1, students.ClassCount], session.OutputMetadata[StudentOnnxExporter.ProbabilitiesName].Dimensions);
        Assert.Equal(typeof(long), session.OutputMetadata[StudentOnnxExporter.LabelName].ElementType);
        Assert.Equal([-1], session.OutputMetadata[StudentOnnxExporter.LabelName].Dimensions);
    }

    [Fact]
    public void File_stream_and_bytes_are_identical_and_deterministic()
    {
        var students = ExportFixture.Fitted;
        using var scratch = new ExportFixture.Scratch();
        var path = scratch.File("students.onnx");
        using var stream = new MemoryStream();

        StudentOnnxExporter.Export(students, path);
        StudentOnnxExporter.Export(students, stream);

        var bytes = StudentOnnxExporter.ToBytes(students);
        Assert.Equal(bytes, File.ReadAllBytes(path));
        Assert.Equal(bytes, stream.ToArray());
        Assert.Equal(["students.onnx"], scratch.ListFiles());
    }

    [Fact]
    public void Export_replaces_an_existing_file_completely()
    {
        using var scratch = new ExportFixture.Scratch();
        var path = scratch.File("students.onnx");
        File.WriteAllBytes(path, new byte[1 << 16]);

        StudentOnnxExporter.Export(ExportFixture.HandBuilt(), path);

        Assert.Equal(StudentOnnxExporter.ToBytes(ExportFixture.HandBuilt()), File.ReadAllBytes(path));
        Assert.Equal(["students.onnx"], scratch.ListFiles());
    }

    [Fact]
    public void A_failing_export_leaves_the_old_file_and_no_temporary_file()
    {
        using var scratch = new ExportFixture.Scratch();
        var path = scratch.File("students.onnx");
        StudentOnnxExporter.Export(ExportFixture.HandBuilt(), path);
        var old = File.ReadAllBytes(path);
        var reserved = new StudentOnnxOptions { Metadata = new Dictionary<string, string> { [StudentOnnxExporter.ClassNamesKey] = "[]" } };

        Assert.Throws<ArgumentException>(() => StudentOnnxExporter.Export(ExportFixture.Fitted, path, reserved));

        Assert.Equal(old, File.ReadAllBytes(path));
        Assert.Equal(["students.onnx"], scratch.ListFiles());
    }

    [Fact]
    public void A_failing_rename_leaves_the_target_and_no_temporary_file()
    {
        using var scratch = new ExportFixture.Scratch();
        var target = scratch.File("students.onnx");
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(target, "keep.txt"), "old");

        Assert.ThrowsAny<IOException>(() => StudentOnnxExporter.Export(ExportFixture.HandBuilt(), target));

        Assert.Equal("old", File.ReadAllText(Path.Combine(target, "keep.txt")));
        Assert.Equal(["students.onnx"], scratch.ListFiles());
    }

    [Fact]
    public void Ensembles_without_classes_or_concepts_are_refused()
    {
        var noClasses = StudentEnsemble.Create([], ["a"], [0f], [1f], new FloatMatrix(0, 1), []);
        var noConcepts = StudentEnsemble.Create(["a"], [], [], [], new FloatMatrix(1, 0), [0f]);

        Assert.Throws<ArgumentException>(() => StudentOnnxExporter.ToBytes(noClasses));
        Assert.Throws<ArgumentException>(() => StudentOnnxExporter.ToBytes(noConcepts));
    }

    [Fact]
    public void Options_are_validated()
    {
        var students = ExportFixture.HandBuilt();

        Assert.Throws<ArgumentException>(() => StudentOnnxExporter.ToBytes(students, new StudentOnnxOptions { GraphName = " " }));
        Assert.Throws<ArgumentOutOfRangeException>(() => StudentOnnxExporter.ToBytes(students, new StudentOnnxOptions { ModelVersion = -1 }));
        Assert.Throws<ArgumentException>(() => StudentOnnxExporter.ToBytes(students, new StudentOnnxOptions { Metadata = new Dictionary<string, string> { [""] = "x" } }));
        Assert.Same(StudentOnnxOptions.Default, StudentOnnxOptions.Default.Validate());
    }
}
