using InFiConD.Core;
using InFiConD.Students;

namespace InFiConD.Analysis.Tests;

public sealed class MisalignmentAnalyzerTests
{
    [Fact]
    public void Analyze_AfterAnEdit_EqualsAFreshBuild()
    {
        var p = AnalysisProblem.Create(n: 400, c: 12, k: 5);
        var options = new MisalignmentOptions { MinimumSupport = 1 };
        var analyzer = MisalignmentAnalyzer.Create(p.Scores, p.Teacher, p.GroundTruth, options);

        Assert.Equal(Json.Serialize(MisalignmentReport.Build(p.Students, p.Scores, p.Teacher, p.GroundTruth, options)), Json.Serialize(analyzer.Analyze(p.Students)));

        // Edit class 2 (halve its weights), as an editor would, and analyse again with the same analyzer.
        var weights = FloatMatrix.FromValues(p.Students.StandardizedWeights(2), 1, p.C);
        foreach (ref var w in weights.AsSpan())
        {
            w *= 0.5f;
        }
        var edited = p.Students.WithClasses([2], weights, [p.Students.Bias(2) - 0.5f]);
        var again = analyzer.Analyze(edited);

        Assert.Equal(Json.Serialize(MisalignmentReport.Build(edited, p.Scores, p.Teacher, p.GroundTruth, options)), Json.Serialize(again));
        Assert.NotEqual(Json.Serialize(analyzer.Analyze(p.Students)), Json.Serialize(again));
        Assert.True(analyzer.HasGroundTruth);
        Assert.Same(options, analyzer.Options);
    }

    [Fact]
    public void Analyze_WithGivenLogits_EqualsAnalyze()
    {
        var p = AnalysisProblem.Create();
        var analyzer = MisalignmentAnalyzer.Create(p.Scores, p.Teacher);

        var report = analyzer.Analyze(p.Students, p.Students.Logits(p.Scores.Values));

        Assert.Equal(Json.Serialize(analyzer.Analyze(p.Students)), Json.Serialize(report));
        Assert.Throws<ShapeMismatchException>(() => analyzer.Analyze(p.Students, new FloatMatrix(p.N, p.K + 1)));
        Assert.Throws<ShapeMismatchException>(() => analyzer.Analyze(p.Students, new FloatMatrix(p.N - 1, p.K)));
        // The same logits as a read-only row-major view.
        var logits = p.Students.Logits(p.Scores.Values);
        Assert.Equal(Json.Serialize(report), Json.Serialize(analyzer.Analyze(p.Students, (ReadOnlySpan<float>)logits.AsSpan())));
        var shape = Assert.Throws<ShapeMismatchException>(() => analyzer.Analyze(p.Students, (ReadOnlySpan<float>)new float[p.N * p.K - 1]));
        Assert.Contains($"{p.N} images × {p.K} classes", shape.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_RejectsStudentsOfOtherConceptsOrClasses()
    {
        var p = AnalysisProblem.Create();
        var other = AnalysisProblem.Create(c: 8);
        var analyzer = MisalignmentAnalyzer.Create(p.Scores, p.Teacher);

        var concepts = Assert.Throws<ArgumentException>(() => analyzer.Analyze(other.Students));
        Assert.Contains("students have 8", concepts.Message, StringComparison.Ordinal);
        var renamed = StudentEnsemble.Create(["class0", "class1", "class2", "ship"], p.Students.ConceptNames, p.Students.ConceptMean, p.Students.ConceptDeviation, p.Students.CopyStandardizedWeights(), p.Students.Biases);
        var classes = Assert.Throws<ArgumentException>(() => analyzer.Analyze(renamed));
        Assert.Contains("'ship'", classes.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => MisalignmentAnalyzer.Create(p.Scores.SelectImages([]), p.Teacher));
    }

    [Fact]
    public void Create_ByNamesEqualsByIndex()
    {
        var p = AnalysisProblem.Create();

        var byName = MisalignmentAnalyzer.Create(p.Scores, p.Teacher, p.GroundTruth.Select(k => $"class{k}").ToArray()).Analyze(p.Students);
        var byIndex = MisalignmentAnalyzer.Create(p.Scores, p.Teacher, p.GroundTruth).Analyze(p.Students);

        Assert.Equal(Json.Serialize(byIndex), Json.Serialize(byName));
    }
}
