using System.Globalization;

namespace InFiConD.RealShortcut;

/// <summary>Prints a <see cref="RealShortcutResult"/> as the loop reads: teacher, students, diagnosis, proposed fix.</summary>
internal static class RealShortcutConsole
{
    public static void Print(RealShortcutResult result)
    {
        var session = result.Session;
        Console.WriteLine(F($"Ran in {result.Elapsed.TotalSeconds:F1} s; {session.Bank?.Count} concepts: {string.Join(", ", session.Students.ConceptNames)}"));
        foreach (var t in result.Teacher)
        {
            var student = session.Current.MetricsOn(t.Split);
            Console.WriteLine(F($"  {t.Split,-8} teacher accuracy {t.Accuracy:P1}; other classes marked {Percent(t.MarkedOthers)} ({t.MarkedOthersCount}, {Percent(t.MarkedOthersCalledTarget)} called {result.World.TargetClass}) vs unmarked {Percent(t.UnmarkedOthers)} ({t.UnmarkedOthersCount}); students: accuracy {student.GroundTruthAccuracy:P1}, agreement {student.Top1Agreement:P1}"));
        }
        PrintMarked(session, "students");

        var diagnosis = result.Diagnosis;
        Console.WriteLine($"Diagnosis of '{diagnosis.Split}' ({diagnosis.Report.SuspectTests} candidates tested):");
        Console.WriteLine($"  {diagnosis.Headline}");
        foreach (var s in diagnosis.Report.Suspects.Take(5))
        {
            Console.WriteLine(F($"  #{s.Rank} ({s.ClassName}, {s.ConceptName}) significant={s.IsSignificant} adjusted p={s.AdjustedPValue:G3} present {s.PresentHits}/{s.PresentCount} vs absent {s.AbsentHits}/{s.AbsentCount}, estimated gain {s.ProposedFix.Gain:+0.000;-0.000}"));
            Console.WriteLine($"     {s.Sentence}");
        }
        foreach (var c in diagnosis.Confirmed)
        {
            Console.WriteLine(F($"  confirmed ({c.Suspect.ClassName}, {c.Suspect.ConceptName}): estimated gain {c.ProposedFix.Estimate.Gain:+0.000;-0.000}, measured {c.ProposedFix.Gain:+0.000;-0.000}"));
            Console.WriteLine($"     {c.Sentence}");
            foreach (var outcome in c.ProposedFix.Splits)
            {
                Console.WriteLine(F($"     {outcome.Split,-8} accuracy {outcome.Before.GroundTruthAccuracy:P1} → {outcome.After.GroundTruthAccuracy:P1}"));
            }
        }
    }

    /// <summary>The students' accuracy on the held-out split's marked and unmarked images.</summary>
    public static void PrintMarked(DistillationSession session, string label)
    {
        var groups = session.MetricsByAttribute(ShortcutWorld.ShiftedName, ShortcutSplit.MarkedColumn);
        Console.WriteLine($"  {label} on {ShortcutWorld.ShiftedName}: " + string.Join(", ", groups.Select(g => F($"marked={g.Value} accuracy {g.Metrics.GroundTruthAccuracy:P1} ({g.Metrics.ImageCount} images)"))));
    }

    private static string Percent(double? value) => value is { } v ? F($"{v:P1}") : "—";

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
