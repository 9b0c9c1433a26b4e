using InFiConD.Analysis;
using InFiConD.Core;
using InFiConD.Students;
using Microsoft.Data.Analysis;

namespace InFiConD.Interactive.Tests.Views;

public sealed class DataFrameTests
{
    [Fact]
    public void Weights_long_and_wide_hold_every_weight_and_no_negative_zero()
    {
        var students = StudentEnsemble.Create(ViewData.Classes, ViewData.Concepts, [0f, 0f, 0f], [2f, 1f, 1f],
            FloatMatrix.FromValues([1.5f, -0f, 0.25f, -2f, 0f, 0f], 2, 3), [0.1f, -0.1f]);
        var longForm = students.ToDataFrame(includeZeros: true);
        Assert.Equal(6, longForm.Rows.Count);
        Assert.Equal(["class", "concept", "weight", "rawWeight"], longForm.Columns.Select(c => c.Name));
        Assert.Equal(0.75f, (float)longForm["rawWeight"][0]!); // 1.5 per deviation 2
        Assert.DoesNotContain(longForm["weight"].Cast<float?>(), w => w == 0f && float.IsNegative(w!.Value));
        Assert.Equal(3, students.ToDataFrame().Rows.Count);

        var wide = students.ToWideDataFrame();
        Assert.Equal(["concept", "boat", ViewData.Car], wide.Columns.Select(c => c.Name));
        Assert.Equal(-2f, (float)wide[ViewData.Car][0]!);
        Assert.Equal(ViewData.Concepts.Length, wide.Rows.Count);
    }

    [Fact]
    public void Scores_slices_suspects_and_paths_match_their_sources()
    {
        var scores = ViewData.Scores();
        var frame = scores.ToDataFrame();
        Assert.Equal(ViewData.Ids, frame["imageId"].Cast<string>());
        for (var j = 0; j < scores.ConceptCount; j++)
        {
            Assert.Equal(Enumerable.Range(0, scores.ImageCount).Select(n => scores.Values[n, j]), frame[scores.ConceptNames[j]].Cast<float?>().Select(v => v!.Value));
        }

        var (report, _, _, _, _) = ViewData.RandomReport();
        var slices = report.TopSlices.ToDataFrame();
        Assert.Equal(report.TopSlices.Count, slices.Rows.Count);
        Assert.Equal(report.TopSlices.Select(s => s.AdjustedPValue), slices["adjustedPValue"].Cast<double?>().Select(v => v!.Value));

        var suspect = ViewData.Suspect();
        var suspects = new[] { suspect }.ToDataFrame();
        Assert.Equal(suspect.ConceptName, suspects["concept"][0]);
        Assert.Equal(suspect.ProposedFix?.AgreementAfter, (double?)suspects["agreementAfter"][0]);
        Assert.Equal(true, suspects["significant"][0]);

        var path = ViewData.Path().ToDataFrame();
        Assert.Equal(6, path.Rows.Count); // 3 λ × 2 splits
        Assert.Equal([false, false, true, true, false, false], path["suggested"].Cast<bool?>().Select(v => v!.Value));
        Assert.Equal(0.795, (double)path["accuracy"][3]!);
    }
}
