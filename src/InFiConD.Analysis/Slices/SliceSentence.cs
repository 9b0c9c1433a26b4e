using System.Globalization;

namespace InFiConD.Analysis;

/// <summary>Writes a <see cref="ConceptSlice"/> as one plain sentence (see <see cref="ConceptSlice.Describe"/>).</summary>
internal static class SliceSentence
{
    public static string Describe(string conceptName, string className, SubsetKind kind, int highHits, int highCount, int restHits, int restCount, bool markdown)
    {
        ArgumentNullException.ThrowIfNull(conceptName);
        return DescribeWhen($"{Emphasise(conceptName, markdown)} is present", className, kind, highHits, highCount, restHits, restCount, markdown);
    }

    /// <summary>The sentence for a group described by <paramref name="condition"/> ("water is present", "background is water").</summary>
    public static string DescribeWhen(string condition, string className, SubsetKind kind, int highHits, int highCount, int restHits, int restCount, bool markdown)
    {
        ArgumentNullException.ThrowIfNull(className);
        var (who, other) = kind switch
        {
            SubsetKind.StudentOnly => ("student", "teacher"),
            SubsetKind.TeacherOnly => ("teacher", "student"),
            _ => throw new ArgumentException($"A slice describes a disagreement (TeacherOnly or StudentOnly), not {kind}.", nameof(kind)),
        };
        RequireCounts(highHits, highCount, nameof(highHits));
        RequireCounts(restHits, restCount, nameof(restHits));
        var cls = Emphasise(className, markdown);
        var otherwise = restCount == 0 ? "(every image has it)" : $"({Short(restHits, restCount)} otherwise)";
        return $"When {condition}, the {who} says {cls} where the {other} does not {Rate(highHits, highCount)} {otherwise}.";
    }

    /// <summary>"in 31% of images", "in 3 of 7 images", "in all 7 images", "in none of the images".</summary>
    internal static string Rate(int count, int total) => (count, total) switch
    {
        (_, 0) => "in no images",
        (0, _) => "in none of the images",
        (1, 1) => "in the one such image",
        _ when count == total => $"in all {total} images",
        _ when total < ConceptSlice.SmallGroup => $"in {count} of {total} images",
        _ => $"in {Percent(count, total)} of images",
    };

    /// <summary>"4%", "3 of 7", "all", "none".</summary>
    internal static string Short(int count, int total) => (count, total) switch
    {
        (0, _) => "none",
        _ when count == total => "all",
        _ when total < ConceptSlice.SmallGroup => $"{count} of {total}",
        _ => Percent(count, total),
    };

    /// <summary>A whole percentage for 0 &lt; count &lt; total: "under 1%" and "over 99%" at the ends, so 0 % and 100 % only ever mean none and all.</summary>
    private static string Percent(int count, int total)
    {
        var percent = 100.0 * count / total;
        if (percent < 1)
        {
            return "under 1%";
        }
        if (percent > 99)
        {
            return "over 99%";
        }
        return Math.Round(percent, MidpointRounding.AwayFromZero).ToString("0", CultureInfo.InvariantCulture) + "%";
    }

    internal static string Emphasise(string name, bool markdown) => markdown ? "*" + name.Replace("*", "\\*", StringComparison.Ordinal) + "*" : name;

    private static void RequireCounts(int hits, int count, string name)
    {
        if (hits < 0 || count < 0 || hits > count)
        {
            throw new ArgumentException($"Slice counts must satisfy 0 ≤ hits ≤ images; got {hits} hits of {count} images.", name);
        }
    }
}
