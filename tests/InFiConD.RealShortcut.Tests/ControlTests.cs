using Xunit.Abstractions;

namespace InFiConD.RealShortcut.Tests;

/// <summary>
/// The control: the same images and concepts with no mark anywhere. The diagnosis must not find the mark, and must not
/// propose a fix that it cannot back with a refit.
/// </summary>
public sealed class ControlTests(RealShortcutFixture fixture, ITestOutputHelper output) : IClassFixture<RealShortcutFixture>
{
    private RealShortcutResult Control => fixture.Control;

    [FashionMnistFact]
    public void The_control_teacher_has_no_shortcut_to_learn()
    {
        var shifted = Control.TeacherOn(ShortcutWorld.ShiftedName);
        Assert.Equal(0, shifted.MarkedOthersCount);
        Assert.Empty(Control.World.Train.Marked);
        Assert.Empty(Control.World.Shifted.Marked);
    }

    [FashionMnistFact]
    public void The_control_diagnosis_finds_nothing_about_the_mark_and_backs_no_significant_suspect_with_a_helping_fix()
    {
        var diagnosis = Control.Diagnosis;
        output.WriteLine(diagnosis.Headline);
        foreach (var s in diagnosis.Report.Suspects.Take(5))
        {
            output.WriteLine(s.Sentence);
        }
        Assert.DoesNotContain(diagnosis.Report.Suspects, s => s.IsSignificant && s.ConceptName == ShortcutWorld.MarkConcept);
        Assert.DoesNotContain(diagnosis.Confirmed, c => c.Suspect.IsSignificant && c.FixHelps);
    }

    // A concept that marks one class's look (straps → sandal) goes with that class's errors too: at seed 7, (sandal, straps)
    // has Holm-adjusted p 0.020, but removing it would set right 2 of 200 images, below MinimumSupport, so it is no finding.
    [FashionMnistFact]
    public void The_control_has_no_significant_suspect()
    {
        Assert.False(Control.Diagnosis.Report.HasSignificantSuspect, Control.Diagnosis.Headline);
    }
}
