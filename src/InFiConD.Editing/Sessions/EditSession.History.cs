using System.Collections.Immutable;
using System.Runtime.InteropServices;
using InFiConD.Core;
using InFiConD.Students;

namespace InFiConD.Editing;

public sealed partial class EditSession
{
    /// <summary>The students of any version, rebuilt from the base and the logged rows (exact bits).</summary>
    /// <param name="versionId">A version id from the log.</param>
    /// <exception cref="ArgumentException">The version is not in the log.</exception>
    public StudentEnsemble StudentsAt(string versionId)
    {
        var current = Current;
        return current.Id == versionId ? current.Students : Rebuild(Log.PathTo(versionId));
    }

    /// <summary>The weights, intercepts and training-split metrics that differ between two versions (second minus first).</summary>
    /// <param name="fromVersion">The first version.</param>
    /// <param name="toVersion">The second version.</param>
    /// <returns>The difference.</returns>
    /// <exception cref="ArgumentException">A version is not in the log.</exception>
    public VersionDiff Diff(string fromVersion, string toVersion) => Diff(fromVersion, toVersion, Training.Name);

    /// <summary>
    /// The weights and intercepts that differ between two versions, and how their metrics and predictions differ on one
    /// split (second minus first).
    /// </summary>
    /// <param name="fromVersion">The first version.</param>
    /// <param name="toVersion">The second version.</param>
    /// <param name="split">The split the metrics and changed predictions are measured on.</param>
    /// <returns>The difference.</returns>
    /// <exception cref="ArgumentException">A version is not in the log, or the session has no such split.</exception>
    public VersionDiff Diff(string fromVersion, string toVersion, string split)
    {
        ArgumentNullException.ThrowIfNull(fromVersion);
        ArgumentNullException.ThrowIfNull(toVersion);
        var s = SplitIndex(split);
        var evaluator = _engine.Splits[s];
        var (a, la) = AtVersion(fromVersion, s);
        var (b, lb) = AtVersion(toVersion, s);
        var (ma, mb) = (evaluator.Measure(la), evaluator.Measure(lb));
        var weights = new List<WeightDelta>();
        var biases = new List<BiasDelta>();
        for (var k = 0; k < a.ClassCount; k++)
        {
            var wa = a.StandardizedWeights(k);
            var wb = b.StandardizedWeights(k);
            for (var j = 0; j < wa.Length; j++)
            {
                // Values, not bits: a refit may leave −0 where the other version has +0, which is no change to a reader.
                if (wa[j] != wb[j])
                {
                    weights.Add(new WeightDelta(k, a.ClassNames[k], j, a.ConceptNames[j], wa[j], wb[j]));
                }
            }
            if (a.Bias(k) != b.Bias(k))
            {
                biases.Add(new BiasDelta(k, a.ClassNames[k], a.Bias(k), b.Bias(k)));
            }
        }
        var perClass = ma.PerClass.Zip(mb.PerClass, (x, y) => new ClassMetricsDelta(x.ClassName, y.Agreement - x.Agreement, y.TeacherOnly - x.TeacherOnly, y.StudentOnly - x.StudentOnly)).ToArray();
        return new VersionDiff(fromVersion, toVersion, weights, biases, mb.Top1Agreement - ma.Top1Agreement,
            ma.GroundTruthAccuracy is { } ga && mb.GroundTruthAccuracy is { } gb ? gb - ga : null, perClass)
        {
            Split = evaluator.Name,
            Changed = evaluator.Changes(la, lb),
        };
    }

    /// <summary>Any version's metrics on one split (the current and base versions' are kept; others are computed from the log's rows).</summary>
    /// <param name="versionId">A version id from the log (or <see cref="ProvenanceLog.RootId"/>).</param>
    /// <param name="split">The split's name.</param>
    /// <returns>The metrics.</returns>
    /// <exception cref="ArgumentException">The version is not in the log, or the session has no such split.</exception>
    public EditMetrics MetricsAt(string versionId, string split)
    {
        ArgumentNullException.ThrowIfNull(versionId);
        var s = SplitIndex(split);
        return _engine.Splits[s].Measure(AtVersion(versionId, s).Logits);
    }

    /// <summary>A version's students and its logits on one split (the current version's are kept; others are computed).</summary>
    private (StudentEnsemble Students, FloatMatrix Logits) AtVersion(string versionId, int split)
    {
        var current = Current;
        if (current.Id == versionId)
        {
            return (current.Students, current.SplitLogits[split]);
        }
        if (versionId == ProvenanceLog.RootId)
        {
            return (_base.Students, _base.SplitLogits[split]);
        }
        var students = StudentsAt(versionId);
        return (students, _engine.Splits[split].Logits(students));
    }

    /// <summary>
    /// Re-applies the logged edits on the path from the base students to <paramref name="versionId"/>, each with its
    /// logged epoch budget, and compares every interval, weight row and intercept with the log, bit for bit.
    /// </summary>
    /// <param name="versionId">The version to replay to.</param>
    /// <param name="progress">One report per epoch of each refit.</param>
    /// <param name="cancellationToken">Cancels between epochs.</param>
    /// <returns>The replayed students and every mismatch found (none when the log is reproduced exactly).</returns>
    /// <exception cref="ArgumentException">The version is not in the log.</exception>
    public Task<ReplayResult> ReplayAsync(string versionId, IProgress<EditProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var path = Log.PathTo(versionId);
        return Task.Run(() => Replay(versionId, path, progress, cancellationToken), cancellationToken);
    }

    private ReplayResult Replay(string versionId, IReadOnlyList<ProvenanceEntry> path, IProgress<EditProgress>? progress, CancellationToken cancellationToken)
    {
        var options = _engine.Options;
        var students = BaseStudents;
        var active = ImmutableSortedDictionary<long, WeightBounds>.Empty;
        var mismatches = new List<string>();
        var solver = options.Students.Solver;
        var lambda = solver.L1;
        foreach (var entry in path)
        {
            // An entry refits at its parent's λ unless it changed λ (then from the parent's, recorded, to the logged one).
            if ((entry.PreviousLambda ?? entry.Refit.Lambda) != lambda || entry.Refit.L2 != solver.L2 || entry.Refit.Targets != options.Students.Targets)
            {
                mismatches.Add($"{entry.Id}: logged with λ = {entry.PreviousLambda ?? entry.Refit.Lambda}, L2 = {entry.Refit.L2}, {entry.Refit.Targets} targets; its parent has λ = {lambda}, L2 = {solver.L2}, {options.Students.Targets}.");
            }
            // The refit runs at the replaying session's λ; only an entry that changed λ sets a new one.
            var everyClass = entry.PreviousLambda is not null;
            lambda = everyClass ? entry.Refit.Lambda : lambda;
            var refit = entry.Refit.Settings;
            if ((entry.Refit.Method ?? SolverMethod.Fista) != EditEngine.ConvergedMethod && !refit.IsFixedEpochs)
            {
                mismatches.Add($"{entry.Id}: refit with {entry.Refit.Method}; this library refits converged edits with {EditEngine.ConvergedMethod}.");
            }
            var plan = EditPlanner.Plan(students, active, entry.Edits, entry.Refit.ZeroWeightFloor, !refit.IsFixedEpochs, everyClass, _engine.Covariance);
            if (!plan.NewBounds.SequenceEqual(entry.Bounds))
            {
                mismatches.Add($"{entry.Id}: the edits resolve to other intervals than logged.");
            }
            var outcome = _engine.Refit(students, plan, refit, lambda, progress, cancellationToken);
            foreach (var change in entry.Changes)
            {
                var k = change.ClassIndex;
                if (!SameBits(outcome.Students.StandardizedWeights(k), change.WeightsAfter))
                {
                    mismatches.Add($"{entry.Id}: the weights of class '{change.ClassName}' differ from the log.");
                }
                if (BitConverter.SingleToInt32Bits(outcome.Students.Bias(k)) != BitConverter.SingleToInt32Bits(change.BiasAfter))
                {
                    mismatches.Add($"{entry.Id}: the intercept of class '{change.ClassName}' is {outcome.Students.Bias(k):R}, logged {change.BiasAfter:R}.");
                }
            }
            if (!plan.Classes.SequenceEqual(entry.Changes.Select(c => c.ClassIndex)))
            {
                mismatches.Add($"{entry.Id}: the edits refit classes [{string.Join(", ", plan.Classes)}], logged [{string.Join(", ", entry.Changes.Select(c => c.ClassIndex))}].");
            }
            students = outcome.Students;
            active = plan.Active;
        }
        return new ReplayResult(versionId, path.Count, mismatches);
    }

    /// <summary>Builds a complete version (students, intervals, logits, metrics) from the log.</summary>
    private SessionVersion Materialize(string versionId)
    {
        if (versionId == ProvenanceLog.RootId)
        {
            return _base;
        }
        var path = Log.PathTo(versionId);
        var students = Rebuild(path);
        var entry = path[^1];
        var active = ImmutableSortedDictionary.CreateRange(entry.ActiveBounds.Select(b => KeyValuePair.Create((long)b.ClassIndex * students.ConceptCount + b.ConceptIndex, b)));
        return _engine.Version(versionId, entry, students, active);
    }

    /// <summary>The base students with every logged row on the path written over them, in order.</summary>
    private StudentEnsemble Rebuild(IReadOnlyList<ProvenanceEntry> path)
    {
        var weights = BaseStudents.CopyStandardizedWeights();
        var bias = BaseStudents.Biases.ToArray();
        foreach (var change in path.SelectMany(e => e.Changes))
        {
            change.WeightsAfter.ToArray().CopyTo(weights.Row(change.ClassIndex));
            bias[change.ClassIndex] = change.BiasAfter;
        }
        var b = BaseStudents;
        // The bootstrap described the base students: every class a logged edit refit no longer matches it.
        var spread = b.Spread is { } s ? s with { StaleClasses = [.. s.StaleClasses, .. path.SelectMany(e => e.Changes).Select(c => c.ClassIndex)] } : null;
        return StudentEnsemble.Create(b.ClassNames, b.ConceptNames, b.ConceptMean, b.ConceptDeviation, weights, bias, spread);
    }

    /// <summary>
    /// Checks that a log fits these students: indices and lengths in range, and every entry's "before" rows equal to
    /// its parent version's rows, bit for bit (so the log was written for these base students and not altered).
    /// </summary>
    private static void CheckLog(ProvenanceLog log, StudentEnsemble students)
    {
        var source = log.FilePath ?? "provenance log";
        var (classes, concepts) = (students.ClassCount, students.ConceptCount);
        for (var i = 0; i < log.Entries.Count; i++)
        {
            var entry = log.Entries[i];
            var line = i + 2; // line 1 is the header
            foreach (var b in entry.Bounds.Concat(entry.ActiveBounds))
            {
                if ((uint)b.ClassIndex >= (uint)classes || (uint)b.ConceptIndex >= (uint)concepts || !(b.Lower <= b.Upper))
                {
                    throw new InvalidFileException(source, "bounds", line, $"entry '{entry.Id}' has an interval on (class {b.ClassIndex}, concept {b.ConceptIndex}) = [{b.Lower}, {b.Upper}], outside the students' {classes} × {concepts} weights or empty.");
                }
            }
            foreach (var change in entry.Changes)
            {
                var k = change.ClassIndex;
                if ((uint)k >= (uint)classes || change.ClassName != students.ClassNames[k])
                {
                    throw new InvalidFileException(source, "changes", line, $"entry '{entry.Id}' changes class {k} '{change.ClassName}', which is not class {k} of the students ({classes} classes).");
                }
                if (change.WeightsBefore.Count != concepts || change.WeightsAfter.Count != concepts)
                {
                    throw new ShapeMismatchException($"{source}:{line} entry '{entry.Id}' weights of class '{change.ClassName}'", $"{concepts} values", $"{change.WeightsBefore.Count} before, {change.WeightsAfter.Count} after");
                }
                var (row, bias) = RowAt(log, entry.ParentId, k, students);
                if (!SameBits(row, change.WeightsBefore) || BitConverter.SingleToInt32Bits(bias) != BitConverter.SingleToInt32Bits(change.BiasBefore))
                {
                    throw new InvalidFileException(source, "weightsBefore", line, $"entry '{entry.Id}' records weights of class '{change.ClassName}' before the edit that are not those of version '{entry.ParentId}': the log belongs to other base students or was altered.");
                }
            }
        }
    }

    /// <summary>Class k's row in a version: from the nearest entry up the tree that changed it, else the base.</summary>
    private static (ReadOnlyMemory<float> Row, float Bias) RowAt(ProvenanceLog log, string versionId, int k, StudentEnsemble students)
    {
        for (var id = versionId; id != ProvenanceLog.RootId;)
        {
            var entry = log.Find(id)!;
            foreach (var change in entry.Changes)
            {
                if (change.ClassIndex == k)
                {
                    return (change.WeightsAfter.ToArray(), change.BiasAfter);
                }
            }
            id = entry.ParentId;
        }
        return (students.StandardizedWeights(k).ToArray(), students.Bias(k));
    }

    private static bool SameBits(ReadOnlyMemory<float> a, IReadOnlyList<float> b) => SameBits(a.Span, b);

    private static bool SameBits(ReadOnlySpan<float> a, IReadOnlyList<float> b)
    {
        var other = b as float[] ?? b.ToArray();
        return a.Length == other.Length && MemoryMarshal.AsBytes(a).SequenceEqual(MemoryMarshal.AsBytes(other.AsSpan()));
    }
}
