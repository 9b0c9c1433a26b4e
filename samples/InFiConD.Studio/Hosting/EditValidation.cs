using System.Globalization;
using InFiConD.Editing;
using InFiConD.Students;

namespace InFiConD.Studio;

/// <summary>
/// Checks an edit request before a refit is queued, so mistakes come back at once as 400 with a message naming the edit
/// and what was expected. The library checks again when it applies the edits (and has the last word, e.g. on a release
/// with nothing to release; such a failure ends the job with the library's message). The limits are the one place the
/// page's inputs take theirs from (<see cref="Limits"/>, sent in <c>GET /api/config</c>).
/// </summary>
internal static class EditValidation
{
    /// <summary>Most edits one request may carry.</summary>
    public const int MaxEdits = 64;

    /// <summary>Most refit epochs one request may ask for.</summary>
    public const int MaxEpochs = 200;

    /// <summary>The smallest tuning factor (the library needs more than 1).</summary>
    public const double MinFactor = 1.01;

    /// <summary>The largest tuning factor: beyond it a bound is so far from the weight that the refit means nothing more.</summary>
    public const double MaxFactor = 100;

    /// <summary>The limits as the configuration sends them to the page.</summary>
    public static EditLimits Limits { get; } = new(MinFactor, MaxFactor, MaxEpochs, MaxEdits);

    /// <summary>The problem with the request, or <see langword="null"/> when it can be queued.</summary>
    public static string? Problem(EditRequest request, StudentEnsemble students)
    {
        if (request.Edits is not { Count: > 0 } edits)
        {
            return "Give at least one edit in 'edits'.";
        }
        if (edits.Count > MaxEdits)
        {
            return $"At most {MaxEdits} edits can be applied together; got {edits.Count}.";
        }
        if (request.Epochs is { } epochs && (epochs < 1 || epochs > MaxEpochs))
        {
            return $"'epochs' must be between 1 and {MaxEpochs}; got {epochs}.";
        }
        var seen = new HashSet<(string, string)>();
        for (var i = 0; i < edits.Count; i++)
        {
            var edit = edits[i];
            var label = string.Create(CultureInfo.InvariantCulture, $"Edit {i + 1}");
            if (edit is null)
            {
                return $"{label} is null.";
            }
            if (!Enum.IsDefined(edit.Kind))
            {
                return $"{label}: the kind must be one of {string.Join(", ", Enum.GetNames<ConceptEditKind>())}.";
            }
            var className = Match(edit.ClassName, students.ClassNames);
            if (className is null)
            {
                return $"{label}: there is no class '{edit.ClassName}'; the classes are {List(students.ClassNames)}.";
            }
            var conceptName = Match(edit.ConceptName, students.ConceptNames);
            if (conceptName is null)
            {
                return $"{label}: there is no concept '{edit.ConceptName}'; the concepts are {List(students.ConceptNames)}.";
            }
            // Checked for every kind, as the library does (NaN fails both comparisons).
            if (!(edit.Factor >= MinFactor && edit.Factor <= MaxFactor))
            {
                return string.Create(CultureInfo.InvariantCulture, $"{label} ({edit.Kind} {className}/{conceptName}): the factor must be between {MinFactor} and {MaxFactor}; got {Number(edit.Factor)}.");
            }
            if (!Enum.IsDefined(edit.Sign))
            {
                return $"{label}: the sign must be one of {string.Join(", ", Enum.GetNames<ZeroWeightSign>())}.";
            }
            if (!seen.Add((className, conceptName)))
            {
                return $"{label}: {className}/{conceptName} is edited twice in one request; give one edit per weight.";
            }
        }
        return null;
    }

    /// <summary>A number as a person wrote it: plain digits, or an exponent for very large or small ones (1e+300).</summary>
    private static string Number(double value) =>
        !double.IsFinite(value) || value == 0 || (Math.Abs(value) >= 1e-4 && Math.Abs(value) < 1e9)
            ? value.ToString("0.##########", CultureInfo.InvariantCulture)
            : value.ToString("0.####e+0", CultureInfo.InvariantCulture);

    private static string? Match(string? name, IReadOnlyList<string> names)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }
        var exact = names.FirstOrDefault(n => string.Equals(n, name, StringComparison.Ordinal));
        if (exact is not null)
        {
            return exact;
        }
        var loose = names.Where(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase)).ToList();
        return loose.Count == 1 ? loose[0] : null;
    }

    private static string List(IReadOnlyList<string> names) =>
        string.Join(", ", names.Take(12).Select(n => $"'{n}'")) + (names.Count > 12 ? $", … ({names.Count} in all)" : "");
}
