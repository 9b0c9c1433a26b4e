using InFiConD.Embedding;

namespace InFiConD.Tests.Distillation;

/// <summary>Views of one image or one split say which split and which version they describe.</summary>
public sealed class ExplanationNamingTests
{
    [Fact]
    public async Task Explanations_and_fidelity_name_their_split_and_version_and_carry_the_truth()
    {
        using var session = await InFiConD.Distillation.On(ColourWorld.Images(30, seed: 53))
            .WithConcepts(ColourWorld.Bank())
            .WithEncoder(new ColourWorld.MeanColourEncoder(), Segmentation.Whole)
            .WithTeacher(new ColourWorld.CountingTeacher().Teacher)
            .WithEvaluation("held-out", ColourWorld.Images(9, seed: 54))
            .RunAsync();
        var data = session.Split("held-out");
        var id = data.ImageIds[4];
        var explanation = session.Explain(id, "held-out");

        Assert.Equal(("held-out", session.Current.Id), (explanation.Split, explanation.VersionId));
        Assert.Equal(ColourWorld.Classes[data.GroundTruth![4]], explanation.Truth!.ClassName);
        var fidelity = session.MeasureFidelity("held-out");
        Assert.Equal(("held-out", session.Current.Id), (fidelity.Split, fidelity.VersionId));

        // Any class, checked against the students' own logits.
        var logits = session.Students.Logits(FloatMatrixOfRow(data, 4));
        for (var k = 0; k < ColourWorld.Classes.Length; k++)
        {
            var why = session.ExplainClass(id, ColourWorld.Classes[k], "held-out");
            Assert.Equal(logits[0, k], why.Logit, 4);
            Assert.Equal(why.Logit, why.Bias + why.Contributions.Sum(c => c.Contribution), 9);
        }
        Assert.Throws<ArgumentException>(() => session.ExplainClass(id, "purple", "held-out"));
    }

    [Fact]
    public async Task CompareReports_puts_two_versions_reports_of_one_split_side_by_side()
    {
        using var session = await InFiConD.Distillation.On(ColourWorld.Images(30, seed: 55))
            .WithConcepts(ColourWorld.Bank())
            .WithEncoder(new ColourWorld.MeanColourEncoder(), Segmentation.Whole)
            .WithTeacher(new ColourWorld.CountingTeacher().Teacher)
            .WithEvaluation("held-out", ColourWorld.Images(12, seed: 56))
            .RunAsync();
        var edit = await session.EditAsync(e => e.ForClass("red").Remove("red"));
        var comparison = session.CompareReports("v0", edit.Version.Id, "held-out");

        Assert.Equal("held-out", comparison.Split);
        Assert.Equal(session.Analyze("held-out", "v0").Agreement, comparison.Before.Agreement);
        Assert.Equal(session.Analyze("held-out").Agreement, comparison.After.Agreement);
        Assert.Equal(edit.On("held-out").After.Top1Agreement - edit.On("held-out").Before.Top1Agreement, comparison.AgreementDelta, 12);
    }

    private static Core.FloatMatrix FloatMatrixOfRow(Students.DataSplit data, int row) =>
        Core.FloatMatrix.FromValues(data.Scores.Row(row), 1, data.Scores.ConceptCount);
}
