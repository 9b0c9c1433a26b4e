using InFiConD.Students;

namespace InFiConD.Studio;

/// <summary>
/// The configuration view's numbers on one split: what the session was built from, the splits the picker lists, the
/// class balance (ground truth, and the teacher's and current students' assignments as the library's per-class metrics
/// count them) and the teacher's accuracy as the library measures it.
/// </summary>
internal static class ConfigurationView
{
    public static StudioConfiguration Describe(StudioWorkspace ws, DistillationSession session, DataSplit split)
    {
        var students = session.Students;
        var classes = students.ClassNames;
        var perClass = session.Current.MetricsOn(split.Name).PerClass;
        // The library counts the teacher's and the students' images per class (EditMetrics.PerClass) but has no per-class
        // count of the ground truth, so that one column is counted here from the split's labels.
        var truth = split.GroundTruth;
        var balance = classes.Select((name, k) => new ClassBalance(name,
            truth?.Count(t => t == k), perClass[k].Support, perClass[k].StudentCount)).ToArray();
        var options = session.Editing.Options.Students;
        var splits = session.Splits.Select(s => new SplitSummary(s.Name, s.ImageCount, s.GroundTruth is not null, s.IsTraining,
            ws.Images?.Has(s.Name) ?? false, session.FailuresBySplit.TryGetValue(s.Name, out var failed) ? failed.Count : 0)).ToArray();
        return new StudioConfiguration(ws.Mode, ws.Options.SessionFile is { } file ? Path.GetFileName(file) : null, session.Metadata,
            split.Name, splits, StudioWorkspace.DefaultSplit(session),
            split.ImageCount, classes, students.ConceptNames, balance, session.MeasureFidelity(split.Name).TeacherGroundTruthAccuracy,
            options.Solver.L1, options.Targets.ToString(), students.Spread?.Members ?? 0, ws.Images is not null, ws.Images?.ImageSize ?? 0,
            splits.First(s => s.Name == split.Name).DroppedImages, EditValidation.Limits, session.Bank?.Quality);
    }
}
