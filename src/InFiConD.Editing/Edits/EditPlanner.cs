using System.Collections.Immutable;
using InFiConD.Students;

namespace InFiConD.Editing;

/// <summary>
/// Checks edits against the students and turns them into weight intervals, as DESIGN.md states (standardised units,
/// factor x &gt; 1, w⁰ the weight in the version being edited):
/// uptune → between w̃⁰ and x·w̃⁰, start x·w̃⁰, where w̃⁰ = w⁰ unless |w⁰| &lt; ε, then ±ε;
/// downtune → between w⁰/x and w⁰, start w⁰/x; remove → [0, 0]; lock → [w⁰, w⁰]; release → the interval is lifted.
/// </summary>
internal static class EditPlanner
{
    /// <param name="students">The version being edited.</param>
    /// <param name="active">Intervals in force in that version.</param>
    /// <param name="edits">The edits, applied together.</param>
    /// <param name="floor">The zero-weight floor ε.</param>
    /// <param name="covariance">Σ_n z_nj (y_nk − ȳ_k) for (k, j): the direction of an automatic zero-weight uptune.</param>
    internal static EditPlan Plan(StudentEnsemble students, ImmutableSortedDictionary<long, WeightBounds> active, IReadOnlyList<ConceptEdit> edits, float floor, Func<int, int, double> covariance)
    {
        ArgumentNullException.ThrowIfNull(edits);
        if (edits.Count == 0)
        {
            throw new ArgumentException("No edits were given; pass at least one ConceptEdit.", nameof(edits));
        }
        var concepts = students.ConceptCount;
        var seen = new Dictionary<long, int>();
        var newBounds = new List<WeightBounds>();
        var classes = new SortedSet<int>();
        var after = active.ToBuilder();
        for (var e = 0; e < edits.Count; e++)
        {
            var edit = edits[e] ?? throw new ArgumentException($"Edit {e} is null.", nameof(edits));
            var (k, j) = Resolve(students, edit, e);
            var key = (long)k * concepts + j;
            if (seen.TryGetValue(key, out var earlier))
            {
                throw new ArgumentException($"Edits {earlier} ({edits[earlier].Description}) and {e} ({edit.Description}) both change the weight of '{students.ConceptNames[j]}' in class '{students.ClassNames[k]}'; give one edit per weight.", nameof(edits));
            }
            seen.Add(key, e);
            classes.Add(k);
            if (edit.Kind == ConceptEditKind.Release)
            {
                if (!after.Remove(key))
                {
                    throw new ArgumentException($"Edit {e} ({edit.Description}) releases a weight that no edit constrains in the current version; nothing to release.", nameof(edits));
                }
                continue;
            }
            var bounds = Bounds(students, edit, k, j, floor, covariance);
            after[key] = bounds;
            newBounds.Add(bounds);
        }
        return new EditPlan([.. classes], newBounds, after.ToImmutable());
    }

    private static (int Class, int Concept) Resolve(StudentEnsemble students, ConceptEdit edit, int index)
    {
        if (!Enum.IsDefined(edit.Kind))
        {
            throw new ArgumentOutOfRangeException("edits", edit.Kind, $"Edit {index} has kind {(int)edit.Kind}; use Uptune, Downtune, Remove, Lock or Release.");
        }
        if (!(edit.Factor > 1) || double.IsInfinity(edit.Factor))
        {
            throw new ArgumentOutOfRangeException("edits", edit.Factor, $"Edit {index} ({edit.Kind} {edit.ClassName}/{edit.ConceptName}) has factor {edit.Factor}; the factor x must be finite and > 1 (2 by default).");
        }
        if (!Enum.IsDefined(edit.Sign))
        {
            throw new ArgumentOutOfRangeException("edits", edit.Sign, $"Edit {index} has sign {(int)edit.Sign}; use Auto, Positive or Negative.");
        }
        var k = NameLookup.Find(students.ClassNames, edit.ClassName ?? string.Empty);
        if (k < 0)
        {
            throw new ArgumentException($"Edit {index} names the class '{edit.ClassName}', which the students do not have ({students.ClassCount} classes); nearest: {NameLookup.Nearest(students.ClassNames, edit.ClassName ?? string.Empty)}.", "edits");
        }
        var j = NameLookup.Find(students.ConceptNames, edit.ConceptName ?? string.Empty);
        if (j < 0)
        {
            throw new ArgumentException($"Edit {index} names the concept '{edit.ConceptName}', which the students do not have ({students.ConceptCount} concepts); nearest: {NameLookup.Nearest(students.ConceptNames, edit.ConceptName ?? string.Empty)}.", "edits");
        }
        return (k, j);
    }

    private static WeightBounds Bounds(StudentEnsemble students, ConceptEdit edit, int k, int j, float floor, Func<int, int, double> covariance)
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
                (lower, upper) = (Math.Min(basis, start), Math.Max(basis, start));
                break;
            case ConceptEditKind.Downtune:
                // No floor: the interval between w⁰/x and w⁰ never raises |w| (for w⁰ = 0 it is [0, 0]).
                start = (float)(w0 / x);
                (lower, upper) = (Math.Min(start, w0), Math.Max(start, w0));
                break;
            case ConceptEditKind.Remove:
                (lower, upper, start) = (0f, 0f, 0f);
                break;
            default:
                (lower, upper, start) = (w0, w0, w0);
                break;
        }
        if (!float.IsFinite(start))
        {
            throw new ArgumentOutOfRangeException("edits", edit.Factor, $"{edit.Description}: the tuned weight {w0} × {x} is not a finite float; use a smaller factor.");
        }
        return new WeightBounds(k, students.ClassNames[k], j, students.ConceptNames[j], edit.Kind, x, w0, lower, upper, start, floored);
    }
}
