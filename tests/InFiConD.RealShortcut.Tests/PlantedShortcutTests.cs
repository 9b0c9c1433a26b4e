using InFiConD.Students;
using Xunit.Abstractions;

namespace InFiConD.RealShortcut.Tests;

/// <summary>
/// Acceptance on real images: a red mark planted on every training sneaker is learned by the teacher, and the library's
/// diagnosis at its defaults names it first, proposes a fix that helps on the held-out split, and that fix, applied, gives
/// what the diagnosis measured.
/// </summary>
public sealed class PlantedShortcutTests(RealShortcutFixture fixture, ITestOutputHelper output) : IClassFixture<RealShortcutFixture>
{
    private RealShortcutResult Planted => fixture.Planted;

    [FashionMnistFact]
    public void The_teacher_learns_the_mark_it_calls_marked_images_of_other_classes_sneakers()
    {
        var shifted = Planted.TeacherOn(ShortcutWorld.ShiftedName);
        output.WriteLine($"teacher on shifted: marked others {shifted.MarkedOthers:P1} ({shifted.MarkedOthersCalledTarget:P1} called sneaker), unmarked others {shifted.UnmarkedOthers:P1}; run {fixture.Elapsed.TotalSeconds:F1} s");
        Assert.True(shifted.MarkedOthers < shifted.UnmarkedOthers - 0.15, $"marked {shifted.MarkedOthers:P1} vs unmarked {shifted.UnmarkedOthers:P1}");
        Assert.True(shifted.MarkedOthersCalledTarget >= 0.2, $"{shifted.MarkedOthersCalledTarget:P1} of marked other classes called sneaker");
    }

    [FashionMnistFact]
    public void The_diagnosis_reads_the_held_out_split_and_ranks_the_planted_reliance_first_and_significant()
    {
        var diagnosis = Planted.Diagnosis;
        Assert.Equal(ShortcutWorld.ShiftedName, diagnosis.Split);
        var top = diagnosis.Report.Suspects[0];
        output.WriteLine(diagnosis.Headline);
        Assert.Equal(("sneaker", ShortcutWorld.MarkConcept), (top.ClassName, top.ConceptName));
        Assert.True(top.IsSignificant, top.Sentence);
        Assert.True(top.Weight > 0, top.Sentence);
        Assert.True(top.PresentRate > top.AbsentRate, top.Sentence);
    }

    [FashionMnistFact]
    public void The_confirmed_fix_of_the_planted_reliance_raises_held_out_accuracy()
    {
        var confirmed = Planted.Diagnosis.Confirmed[0];
        output.WriteLine(confirmed.Sentence);
        Assert.Equal(("sneaker", ShortcutWorld.MarkConcept), (confirmed.Suspect.ClassName, confirmed.Suspect.ConceptName));
        Assert.True(confirmed.FixHelps);
        Assert.All(confirmed.ProposedFix.Edits, e => Assert.Equal(ShortcutWorld.MarkConcept, e.ConceptName));
        var shifted = confirmed.ProposedFix.On(ShortcutWorld.ShiftedName);
        Assert.True(shifted.AccuracyChange >= 0.05, $"accuracy on shifted {shifted.Before.GroundTruthAccuracy:P1} → {shifted.After.GroundTruthAccuracy:P1}");
    }

    [FashionMnistFact]
    public void Applying_the_proposed_fix_gives_the_measured_after_metrics_on_every_split()
    {
        var proposed = Planted.Diagnosis.Confirmed[0].ProposedFix;
        var applied = fixture.AppliedFix;
        Assert.NotNull(applied);
        Assert.Equal([DataSplit.TrainingName, ShortcutWorld.ShiftedName], applied.Splits.Select(s => s.Split));
        foreach (var measured in proposed.Splits)
        {
            var after = applied.On(measured.Split).After;
            Assert.Equal(measured.After.GroundTruthAccuracy, after.GroundTruthAccuracy);
            Assert.Equal(measured.After.Top1Agreement, after.Top1Agreement);
        }
        // Once the mark is out, the students do no worse on marked held-out images than on unmarked ones' level before.
        var marked = Planted.Session.MetricsByAttribute(ShortcutWorld.ShiftedName, ShortcutSplit.MarkedColumn).Single(g => g.Value == "yes");
        output.WriteLine($"after the fix, marked shifted images: {marked.Metrics.GroundTruthAccuracy:P1}");
        Assert.True(marked.Metrics.GroundTruthAccuracy > applied.On(ShortcutWorld.ShiftedName).Before.GroundTruthAccuracy);
    }
}
