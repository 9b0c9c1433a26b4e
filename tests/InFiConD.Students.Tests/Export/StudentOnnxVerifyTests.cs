using InFiConD.Core;
using Microsoft.ML.OnnxRuntime;

namespace InFiConD.Students.Tests;

public class StudentOnnxVerifyTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(37)]
    public void Verify_passes_for_the_exported_ensemble(int n)
    {
        var students = ExportFixture.Fitted;
        using var scratch = new ExportFixture.Scratch();
        var path = scratch.File("students.onnx");
        StudentOnnxExporter.Export(students, path);

        var check = StudentOnnxExporter.Verify(students, path, ExportFixture.RandomScores(n, students.ConceptCount, seed: n));

        Assert.True(check.Passed, check.ToString());
        Assert.Equal(n, check.SampleCount);
        Assert.Equal(n, check.MatchingLabels);
        Assert.InRange(check.MaxLogitDifference, 0f, ExportFixture.Tolerance);
        Assert.InRange(check.MaxProbabilityDifference, 0f, ExportFixture.Tolerance);
        Assert.Equal(1e-5f, check.Tolerance);
    }

    [Fact]
    public void Verify_fails_when_the_file_holds_another_ensemble()
    {
        using var scratch = new ExportFixture.Scratch();
        var path = scratch.File("students.onnx");
        StudentOnnxExporter.Export(ExportFixture.HandBuilt(bias0: 0.25f), path);
        var x = FloatMatrix.FromRows([[1f, 0f, 0.5f], [3f, 0f, 1f], [-1f, 0f, 0f]]);
        Assert.True(StudentOnnxExporter.Verify(ExportFixture.HandBuilt(), path, x).Passed);

        StudentOnnxExporter.Export(ExportFixture.HandBuilt(bias0: 5f), path);
        var check = StudentOnnxExporter.Verify(ExportFixture.HandBuilt(), path, x);

        Assert.False(check.Passed);
        Assert.Equal(4.75f, check.MaxLogitDifference, 1e-5f);
        Assert.InRange(check.MaxProbabilityDifference, 0.1f, 1f);
        Assert.True(check.MatchingLabels < x.Rows);
    }

    [Fact]
    public void Verify_refuses_a_model_of_another_shape_or_a_corrupt_file()
    {
        using var scratch = new ExportFixture.Scratch();
        var path = scratch.File("students.onnx");
        StudentOnnxExporter.Export(ExportFixture.Fitted, path);
        var handBuilt = ExportFixture.HandBuilt();
        var x = ExportFixture.RandomScores(2, handBuilt.ConceptCount, seed: 1);

        Assert.Throws<ShapeMismatchException>(() => StudentOnnxExporter.Verify(handBuilt, path, x));

        File.WriteAllBytes(path, [1, 2, 3, 4, 5]);
        var corrupt = Assert.Throws<InvalidFileException>(() => StudentOnnxExporter.Verify(handBuilt, path, x));
        Assert.Equal(path, corrupt.FilePath);
        Assert.IsType<OnnxRuntimeException>(corrupt.InnerException);
    }

    [Fact]
    public void Verify_names_the_model_and_input_when_the_run_fails()
    {
        using var scratch = new ExportFixture.Scratch();
        var path = scratch.File("students.onnx");
        var students = ExportFixture.HandBuilt();
        StudentOnnxExporter.Export(students, path);
        // Route the input through Reshape([−1, 5]) and back to [−1, C]: it loads, and fails on any N·C not a multiple of 5.
        var model = global::Onnx.ModelProto.Parser.ParseFrom(File.ReadAllBytes(path));
        var graph = model.Graph;
        foreach (var node in graph.Node)
        {
            for (var i = 0; i < node.Input.Count; i++)
            {
                if (node.Input[i] == StudentOnnxExporter.InputName)
                {
                    node.Input[i] = "regrouped";
                }
            }
        }
        graph.Initializer.Add(Int64s("fives", -1, 5));
        graph.Initializer.Add(Int64s("columns", -1, students.ConceptCount));
        graph.Node.Insert(0, Reshape(StudentOnnxExporter.InputName, "fives", "grouped"));
        graph.Node.Insert(1, Reshape("grouped", "columns", "regrouped"));
        File.WriteAllBytes(path, Google.Protobuf.MessageExtensions.ToByteArray(model));
        var x = ExportFixture.RandomScores(2, students.ConceptCount, seed: 3);

        var error = Assert.Throws<ModelRunException>(() => StudentOnnxExporter.Verify(students, path, x));

        Assert.Equal(path, error.ModelPath);
        Assert.Equal(StudentOnnxExporter.InputName, error.InputName);
        Assert.Equal([2L, students.ConceptCount], error.InputShape);
        Assert.IsType<OnnxRuntimeException>(error.InnerException);
        Assert.Contains("Reshape", error.RuntimeMessage, StringComparison.Ordinal);
    }

    private static global::Onnx.TensorProto Int64s(string name, params long[] values)
    {
        var tensor = new global::Onnx.TensorProto { Name = name, DataType = (int)global::Onnx.TensorProto.Types.DataType.Int64 };
        tensor.Dims.Add(values.Length);
        tensor.Int64Data.AddRange(values);
        return tensor;
    }

    private static global::Onnx.NodeProto Reshape(string input, string shape, string output)
    {
        var node = new global::Onnx.NodeProto { OpType = "Reshape", Name = output };
        node.Input.AddRange([input, shape]);
        node.Output.Add(output);
        return node;
    }

    [Fact]
    public void Verify_checks_its_arguments()
    {
        var students = ExportFixture.HandBuilt();
        using var scratch = new ExportFixture.Scratch();
        var path = scratch.File("students.onnx");
        StudentOnnxExporter.Export(students, path);
        var x = ExportFixture.RandomScores(2, 3, seed: 2);

        Assert.Throws<ShapeMismatchException>(() => StudentOnnxExporter.Verify(students, path, ExportFixture.RandomScores(2, 4, seed: 2)));
        Assert.Throws<ArgumentOutOfRangeException>(() => StudentOnnxExporter.Verify(students, path, x, tolerance: -1f));
        Assert.Throws<ArgumentOutOfRangeException>(() => StudentOnnxExporter.Verify(students, path, x, tolerance: float.NaN));
        x[1, 2] = float.NaN;
        Assert.Throws<NonFiniteValueException>(() => StudentOnnxExporter.Verify(students, path, x));
    }

    [Fact]
    public void Check_result_passes_only_within_tolerance_with_all_labels()
    {
        Assert.True(new StudentOnnxCheck(3, 1e-6f, 0f, 3, 1e-5f).Passed);
        Assert.False(new StudentOnnxCheck(3, 1e-4f, 0f, 3, 1e-5f).Passed);
        Assert.False(new StudentOnnxCheck(3, 0f, 0f, 2, 1e-5f).Passed);
        Assert.False(new StudentOnnxCheck(3, float.NaN, 0f, 3, 1e-5f).Passed);
    }
}
