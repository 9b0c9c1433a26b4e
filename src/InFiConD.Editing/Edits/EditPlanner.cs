using System.Collections.Immutable;
using System.Globalization;
using InFiConD.Students;

namespace InFiConD.Editing;

/// <summary>
/// The one place that knows what each edit kind means. Checks edits against the students (every problem, not just the
/// first) and turns them into weight intervals, in standardised units, with w⁰ the weight in the version being edited
/// and w̃⁰ = w⁰ unless |w⁰| &lt; ε, then ±ε. A converged refit (the default) uses intervals that hold at convergence:
/// uptune → |w| ≥ x·|w̃⁰| (sign kept), downtune → |w| ≤ |w⁰|/x (sign kept, may reach 0). The paper's fixed-epoch mode
/// brackets instead: uptune → between w̃⁰ and x·w̃⁰, downtune → between w⁰/x and w⁰. Both start the weight at the tuned
/// value. Remove → [0, 0]; lock → [w⁰, w⁰]; set → [v, v]; bound → the user's interval (start: w⁰ clamped into it);
/// release → the interval is lifted. <see cref="ConceptEdit.AllClasses"/> expands to one edit per class.
/// </summary>
internal static class EditPlanner
{
    /// <summary>Every problem with the edits, in edit order; empty when they can be applied.</summary>
    /// <param name="students">The version being edited.</param>
    /// <param name="active">Intervals in force in that version.</param>
    /// <param name="edits">The edits, applied together.</param>
    /// <param name="floor">The zero-weight floor ε.</param>
    /// <param name="converged">Intervals that hold at convergence (else the paper's brackets).</param>
    /// <param name="everyClass">Every class is refit whatever the edits touch (a new λ); the edits may then be empty.</param>
    internal static IReadOnlyList<EditProblem> Validate(StudentEnsemble students, ImmutableSortedDictionary<long, WeightBounds> active, IReadOnlyList<ConceptEdit> edits, float floor, bool converged, bool everyClass = false) =>
        Resolve(students, active, edits, floor, converged, everyClass, (_, _) => 0).Problems;

    /// <param name="students">The version being edited.</param>
    /// <param name="active">Intervals in force in that version.</param>
    /// <param name="edits">The edits, applied together.</param>
    /// <param name="floor">The zero-weight floor ε.</param>
    /// <param name="converged">Intervals that hold at convergence (else the paper's brackets).</param>
    /// <param name="everyClass">Every class is refit whatever the edits touch (a new λ); the edits may then be empty.</param>
    /// <param name="covariance">Σ_n z_nj (y_nk − ȳ_k) for (k, j): the direction of an automatic zero-weight uptune.</param>
    /// <exception cref="InvalidEditException">The edits cannot be applied (every problem listed).</exception>
    internal static EditPlan Plan(StudentEnsemble students, ImmutableSortedDictionary<long, WeightBounds> active, IReadOnlyList<ConceptEdit> edits, float floor, bool converged, bool everyClass, Func<int, int, double> covariance)
    {
        var (plan, problems) = Resolve(students, active, edits, floor, converged, everyClass, covariance);
        return problems.Count > 0 ? throw new InvalidEditException(problems) : plan!;
    }

    private static (EditPlan? Plan, IReadOnlyList<EditProblem> Problems) Resolve(
        StudentEnsemble students, ImmutableSortedDictionary<long, WeightBounds> active, IReadOnlyList<ConceptEdit> edits, float floor, bool converged, bool everyClass, Func<int, int, double> covariance)
    {
        ArgumentNullException.ThrowIfNull(edits);
        var problems = new List<EditProblem>();
        if (edits.Count == 0 && !everyClass)
        {
            problems.Add(new EditProblem(0, "kind", "No edits were given; pass at least one ConceptEdit."));
            return (null, problems);
        }
        var concepts = students.ConceptCount;
        var seen = new Dictionary<long, int>();
        var newBounds = new List<WeightBounds>();
        var classes = new SortedSet<int>();
        var after = active.ToBuilder();
        for (var e = 0; e < edits.Count; e++)
        {
            var edit = edits[e];
            if (edit is null)
            {
                problems.Add(new EditProblem(e, "kind", $"Edit {e} is null."));
                continue;
            }
            // Both checks run, so one call reports a bad factor and an unknown name together.
            var valuesUsable = CheckValues(edit, e, problems);
            var targets = ResolveNames(students, edit, e, problems);
            if (!valuesUsable || targets is null)
            {
                continue;
            }
            foreach (var (k, j) in targets)
            {
                var key = (long)k * concepts + j;
                if (seen.TryGetValue(key, out var earlier))
                {
                    problems.Add(new EditProblem(e, "conflict", $"Edits {earlier} ({edits[earlier].Description}) and {e} ({edit.Description}) both change the weight of '{students.ConceptNames[j]}' in class '{students.ClassNames[k]}'; give one edit per weight."));
                    continue;
                }
                seen.Add(key, e);
                if (edit.Kind == ConceptEditKind.Release)
                {
                    if (after.Remove(key))
                    {
                        classes.Add(k);
                    }
                    else if (edit.ClassName != ConceptEdit.AllClasses)
                    {
                        problems.Add(new EditProblem(e, "release", $"Edit {e} ({edit.Description}) releases a weight that no edit constrains in the current version; nothing to release."));
                    }
                    continue;
                }
                var bounds = Bounds(students, edit, k, j, floor, converged, covariance);
                if (!float.IsFinite(bounds.Start))
                {
                    problems.Add(new EditProblem(e, "factor", Invariant($"{edit.Description}: the tuned weight {bounds.Original} × {edit.Factor} is not a finite float; use a smaller factor.")));
                    continue;
                }
                classes.Add(k);
                after[key] = bounds;
                newBounds.Add(bounds);
            }
        }
        if (everyClass)
        {
            classes.UnionWith(Enumerable.Range(0, students.ClassCount));
        }
        else if (problems.Count == 0 && classes.Count == 0)
        {
            problems.Add(new EditProblem(0, "release", "The edits release no constrained weight in any class; nothing to do."));
        }
        return problems.Count > 0 ? (null, problems) : (new EditPlan([.. classes], newBounds, after.ToImmutable()), problems);
    }

    /// <summary>Kind, factor, sign, value and interval; true when they are usable.</summary>
    private static bool CheckValues(ConceptEdit edit, int e, List<EditProblem> problems)
    {
        var count = problems.Count;
        if (!Enum.IsDefined(edit.Kind))
        {
            problems.Add(new EditProblem(e, "kind", Invariant($"Edit {e} has kind {(int)edit.Kind}; use one of {string.Join(", ", Enum.GetNames<ConceptEditKind>())}.")));
            return false;
        }
        if (!(edit.Factor > 1) || double.IsInfinity(edit.Factor))
        {
            problems.Add(new EditProblem(e, "factor", Invariant($"Edit {e} ({edit.Kind} {edit.ClassName}/{edit.ConceptName}) has factor {edit.Factor}; the factor x must be finite and > 1 (2 by default).")));
        }
        if (!Enum.IsDefined(edit.Sign))
        {
            problems.Add(new EditProblem(e, "sign", Invariant($"Edit {e} has sign {(int)edit.Sign}; use one of {string.Join(", ", Enum.GetNames<ZeroWeightSign>())}.")));
        }
        if (edit.Kind == ConceptEditKind.Set && (edit.Value is not { } value || !double.IsFinite(value) || !float.IsFinite((float)value)))
        {
            problems.Add(new EditProblem(e, "value", Invariant($"Edit {e} ({edit.Description}) sets the weight to {edit.Value?.ToString(CultureInfo.InvariantCulture) ?? "nothing"}; give a finite value.")));
        }
        if (edit.Kind == ConceptEditKind.Bound
            && (edit.Lower is not { } lower || edit.Upper is not { } upper || double.IsNaN(lower) || double.IsNaN(upper) || lower > upper
                || (double.IsInfinity(lower) && double.IsInfinity(upper))))
        {
            problems.Add(new EditProblem(e, "bounds", Invariant($"Edit {e} ({edit.Description}) gives the interval [{edit.Lower}, {edit.Upper}]; give lower ≤ upper, not NaN, at least one end finite (to lift an interval, release it).")));
        }
        return problems.Count == count;
    }

    /// <summary>The (class, concept) pairs the edit names, or null after adding a problem for each unknown name.</summary>
    private static List<(int Class, int Concept)>? ResolveNames(StudentEnsemble students, ConceptEdit edit, int e, List<EditProblem> problems)
    {
        int[]? ks = null;
        if (edit.ClassName == ConceptEdit.AllClasses)
        {
            ks = [.. Enumerable.Range(0, students.ClassCount)];
        }
        else if (NameLookup.Find(students.ClassNames, edit.ClassName ?? string.Empty) is var k and >= 0)
        {
            ks = [k];
        }
        else
        {
            problems.Add(new EditProblem(e, "className", $"Edit {e} names the class '{edit.ClassName}', which the students do not have ({students.ClassCount} classes); nearest: {NameLookup.Nearest(students.ClassNames, edit.ClassName ?? string.Empty)}. Use '{ConceptEdit.AllClasses}' for every class."));
        }
        var j = NameLookup.Find(students.ConceptNames, edit.ConceptName ?? string.Empty);
        if (j < 0)
        {
            problems.Add(new EditProblem(e, "conceptName", $"Edit {e} names the concept '{edit.ConceptName}', which the students do not have ({students.ConceptCount} concepts); nearest: {NameLookup.Nearest(students.ConceptNames, edit.ConceptName ?? string.Empty)}."));
        }
        return ks is null || j < 0 ? null : [.. ks.Select(k => (k, j))];
    }

    private static WeightBounds Bounds(StudentEnsemble students, ConceptEdit edit, int k, int j, float floor, bool converged, Func<int, int, double> covariance)
    {
        var w0 = students.StandardizedWeights(k)[j];
        var x = edit.Factor;
        var floored = false;
        float lower, upper, start;
        switch (edit.Kind)
        {
            case ConceptEditKind.Uptune:
                var basis = w0;
                if (Math.Abs(w0) < floor)
                {
                    // "More influence" of a (nearly) zero weight needs a direction: the caller's, the weight's own, or
                    // the teacher's covariance with the concept. Growing from ±ε makes the magnitude grow for certain.
                    floored = true;
                    var positive = edit.Sign switch
                    {
                        ZeroWeightSign.Positive => true,
                        ZeroWeightSign.Negative => false,
                        _ => w0 != 0f ? w0 > 0f : covariance(k, j) >= 0,
                    };
                    basis = positive ? floor : -floor;
                }
                start = (float)(basis * x);
                (lower, upper) = converged
                    ? (basis > 0 ? (start, float.PositiveInfinity) : (float.NegativeInfinity, start))
                    : (Math.Min(basis, start), Math.Max(basis, start));
                break;
            case ConceptEditKind.Downtune:
                // No floor: neither interval ever raises |w| (for w⁰ = 0 both are [0, 0]).
                start = (float)(w0 / x);
                (lower, upper) = converged
                    ? (Math.Min(0f, start), Math.Max(0f, start))
                    : (Math.Min(start, w0), Math.Max(start, w0));
                break;
            case ConceptEditKind.Remove:
                (lower, upper, start) = (0f, 0f, 0f);
                break;
            case ConceptEditKind.Lock:
                (lower, upper, start) = (w0, w0, w0);
                break;
            case ConceptEditKind.Set:
                var value = (float)edit.Value!.Value;
                (lower, upper, start) = (value, value, value);
                break;
            case ConceptEditKind.Bound:
                (lower, upper) = ((float)edit.Lower!.Value, (float)edit.Upper!.Value);
                start = Math.Clamp(w0, lower, upper);
                break;
            default:
                // CheckValues refuses undefined kinds and Release never gets here: a new kind must be given a meaning above.
                throw new InvalidOperationException($"No interval is defined for edit kind {edit.Kind}.");
        }
        return new WeightBounds(k, students.ClassNames[k], j, students.ConceptNames[j], edit.Kind, x, w0, lower, upper, start, floored);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
