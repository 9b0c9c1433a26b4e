using System.Runtime.CompilerServices;
using InFiConD.Students;

namespace InFiConD.Analysis;

/// <summary>Finds the <see cref="AttributeSlice"/>s of a report: every (column, value) group of the images' metadata, per class and disagreement kind.</summary>
internal static class AttributeSliceFinder
{
    /// <summary>Groups with more distinct values than this are identifiers, not attributes, and are skipped.</summary>
    private const int MaximumValues = 50;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static (AttributeSlice[] Slices, int Tests) Find(ImageMetadata? metadata, FisherExactTest fisher, IReadOnlyList<string> classNames, Decisions decisions, MisalignmentOptions options, CancellationToken cancellationToken)
    {
        if (metadata is null || metadata.Columns.Count == 0)
        {
            return ([], 0);
        }
        var (n, k) = (decisions.ImageCount, decisions.ClassCount);
        var kinds = new SubsetKind[n * k];
        var totals = new int[2 * k];
        for (var i = 0; i < n; i++)
        {
            for (var cls = 0; cls < k; cls++)
            {
                var kind = kinds[(i * k) + cls] = decisions.KindOf(i, cls);
                if (Code(kind, cls) is { } code)
                {
                    totals[code]++;
                }
            }
        }
        var found = new List<(string Attribute, string Value, int Code, int Group, int Hits, double Lift, double P)>();
        var tests = 0;
        foreach (var attribute in metadata.Columns.Order(StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var column = metadata.Column(attribute);
            var groups = Enumerable.Range(0, n).Where(i => column[i] is not null).GroupBy(i => column[i]!, StringComparer.Ordinal).ToArray();
            if (groups.Length > MaximumValues)
            {
                continue;
            }
            foreach (var group in groups.OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var size = group.Count();
                if (size == n)
                {
                    continue;
                }
                var hits = new int[2 * k];
                foreach (var i in group)
                {
                    for (var cls = 0; cls < k; cls++)
                    {
                        if (Code(kinds[(i * k) + cls], cls) is { } code)
                        {
                            hits[code]++;
                        }
                    }
                }
                for (var code = 0; code < hits.Length; code++)
                {
                    if (totals[code] == 0)
                    {
                        continue;
                    }
                    tests++;
                    if (hits[code] >= options.MinimumSupport && (long)hits[code] * n > (long)totals[code] * size)
                    {
                        found.Add((attribute, group.Key, code, size, hits[code], hits[code] * (double)n / ((double)size * totals[code]), fisher.UpperTail(totals[code], size, hits[code])));
                    }
                }
            }
        }
        var slices = found
            .OrderBy(f => f.P).ThenByDescending(f => f.Lift).ThenByDescending(f => f.Hits).ThenBy(f => f.Code)
            .ThenBy(f => f.Attribute, StringComparer.Ordinal).ThenBy(f => f.Value, StringComparer.Ordinal)
            .Take(options.TopSlices)
            .Select(f =>
            {
                var (cls, kind) = (f.Code / 2, f.Code % 2 == 0 ? SubsetKind.TeacherOnly : SubsetKind.StudentOnly);
                var (restCount, restHits) = (n - f.Group, totals[f.Code] - f.Hits);
                var sentence = SliceSentence.DescribeWhen($"{f.Attribute} is {f.Value}", classNames[cls], kind, f.Hits, f.Group, restHits, restCount, markdown: false);
                return new AttributeSlice(f.Attribute, f.Value, cls, classNames[cls], kind, f.Group, f.Hits, restCount, restHits,
                    (double)f.Hits / f.Group, restCount == 0 ? 0 : (double)restHits / restCount, f.Lift, f.P, Math.Min(1, f.P * tests), tests, sentence);
            }).ToArray();
        return (slices, tests);
    }

    /// <summary>2k for teacher-only, 2k + 1 for student-only, as the concept slices code them; none for agreement.</summary>
    private static int? Code(SubsetKind kind, int cls) => kind switch
    {
        SubsetKind.TeacherOnly => 2 * cls,
        SubsetKind.StudentOnly => (2 * cls) + 1,
        _ => null,
    };
}
