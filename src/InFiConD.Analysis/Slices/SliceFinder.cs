using System.Numerics.Tensors;
using InFiConD.Concepts;
using InFiConD.Core;

namespace InFiConD.Analysis;

/// <summary>
/// Finds the concept-described slices of a report (see <see cref="ConceptSlice"/> for the definitions). One pass per
/// concept over its column: a quickselect for the high threshold, then a count of every class's disagreements among the
/// high images, so the cost is O(C · (N + disagreements)) whatever K is.
/// </summary>
internal static class SliceFinder
{
    /// <summary>The slices: per class and kind (index <c>2k</c> teacher-only, <c>2k + 1</c> student-only), the report-wide top list, and the number of tests.</summary>
    public static (ConceptSlice[][] PerClass, ConceptSlice[] Top, int Tests) Find(ConceptScores scores, IReadOnlyList<string> classNames, Decisions decisions, MisalignmentOptions options, CancellationToken cancellationToken)
    {
        var (n, c, k) = (scores.ImageCount, scores.ConceptCount, decisions.ClassCount);
        var (offsets, codes, totals) = Disagreements(decisions);
        var highTarget = Math.Clamp((int)Math.Ceiling(options.HighFraction * n - 1e-9), 1, n);
        var columns = Kernels.Transpose(scores.Values, options.Threads);
        var fisher = new FisherExactTest(n);
        var found = new List<Candidate>?[c];
        var tests = new int[c];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Threads, CancellationToken = cancellationToken };
        Parallel.For(0, c, parallel, () => (Scratch: new float[n], Hits: new int[2 * k]), (j, _, local) =>
        {
            var column = columns.Row(j);
            column.CopyTo(local.Scratch);
            var t = Selection.Select(local.Scratch, n - highTarget);
            var strict = t == TensorPrimitives.Min(column);
            var hits = local.Hits;
            Array.Clear(hits);
            var (high, threshold) = (0, float.PositiveInfinity);
            for (var i = 0; i < n; i++)
            {
                var x = column[i];
                if (strict ? x > t : x >= t)
                {
                    high++;
                    threshold = Math.Min(threshold, x);
                    for (var e = offsets[i]; e < offsets[i + 1]; e++)
                    {
                        hits[codes[e]]++;
                    }
                }
            }
            if (high == 0 || high == n)
            {
                return local;
            }
            for (var code = 0; code < hits.Length; code++)
            {
                var (all, a) = (totals[code], hits[code]);
                if (all == 0)
                {
                    continue;
                }
                tests[j]++;
                if (a >= options.MinimumSupport && (long)a * n > (long)all * high)
                {
                    var lift = a * (double)n / ((double)high * all);
                    (found[j] ??= []).Add(new Candidate(j, code, a, high, all, threshold, lift, fisher.UpperTail(all, high, a)));
                }
            }
            return local;
        }, _ => { });

        var candidates = found.Where(list => list is not null).SelectMany(list => list!).ToList();
        candidates.Sort(Candidate.Compare);
        var totalTests = tests.Sum();
        var slices = new Dictionary<Candidate, ConceptSlice>();
        ConceptSlice Slice(Candidate candidate)
        {
            if (!slices.TryGetValue(candidate, out var slice))
            {
                slice = candidate.ToSlice(scores.ConceptNames, classNames, n, totalTests);
                slices.Add(candidate, slice);
            }
            return slice;
        }
        var perClass = new List<ConceptSlice>[2 * k];
        for (var code = 0; code < perClass.Length; code++)
        {
            perClass[code] = [];
        }
        foreach (var candidate in candidates)
        {
            if (perClass[candidate.Code].Count < options.TopSlices)
            {
                perClass[candidate.Code].Add(Slice(candidate));
            }
        }
        var top = candidates.Take(options.TopSlices).Select(Slice).ToArray();
        return (perClass.Select(list => list.ToArray()).ToArray(), top, totalTests);
    }

    /// <summary>Each image's disagreements as codes (2k: teacher-only for class k, 2k + 1: student-only), CSR, with totals per code.</summary>
    private static (int[] Offsets, int[] Codes, int[] Totals) Disagreements(Decisions decisions)
    {
        var (n, k) = (decisions.ImageCount, decisions.ClassCount);
        var offsets = new int[n + 1];
        var codes = new List<int>();
        var totals = new int[2 * k];
        for (var i = 0; i < n; i++)
        {
            for (var cls = 0; cls < k; cls++)
            {
                var kind = decisions.KindOf(i, cls);
                if (kind is SubsetKind.TeacherOnly or SubsetKind.StudentOnly)
                {
                    var code = 2 * cls + (kind == SubsetKind.StudentOnly ? 1 : 0);
                    codes.Add(code);
                    totals[code]++;
                }
            }
            offsets[i + 1] = codes.Count;
        }
        return (offsets, codes.ToArray(), totals);
    }

    /// <summary>A slice that passed the support and lift filters, before it gets its names and sentence.</summary>
    private readonly record struct Candidate(int Concept, int Code, int HighHits, int HighCount, int Total, float Threshold, double Lift, double PValue)
    {
        /// <summary>Lift descending, then p-value ascending, high hits descending, class, kind (teacher-only first), concept.</summary>
        public static int Compare(Candidate a, Candidate b)
        {
            var order = b.Lift.CompareTo(a.Lift);
            order = order != 0 ? order : a.PValue.CompareTo(b.PValue);
            order = order != 0 ? order : b.HighHits.CompareTo(a.HighHits);
            order = order != 0 ? order : a.Code.CompareTo(b.Code);
            return order != 0 ? order : a.Concept.CompareTo(b.Concept);
        }

        public ConceptSlice ToSlice(IReadOnlyList<string> conceptNames, IReadOnlyList<string> classNames, int images, int tests)
        {
            var (cls, kind) = (Code / 2, Code % 2 == 0 ? SubsetKind.TeacherOnly : SubsetKind.StudentOnly);
            var (restCount, restHits) = (images - HighCount, Total - HighHits);
            var (concept, className) = (conceptNames[Concept], classNames[cls]);
            return new ConceptSlice(Concept, concept, cls, className, kind, Threshold, HighCount, HighHits, restCount, restHits,
                (double)HighHits / HighCount, (double)restHits / restCount, Lift, PValue, Math.Min(1, PValue * tests), tests,
                SliceSentence.Describe(concept, className, kind, HighHits, HighCount, restHits, restCount, markdown: false),
                SliceSentence.Describe(concept, className, kind, HighHits, HighCount, restHits, restCount, markdown: true));
        }
    }
}
