using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Numerics;

namespace InFiConD.Analysis;

/// <summary>
/// Finds the concept-described slices of a report (see <see cref="ConceptSlice"/> for the definitions) from the concepts'
/// high sets (computed once per set of scores): per concept, a visit of only the images that have a disagreement, so the
/// cost is O(C · disagreements) whatever K is.
/// </summary>
internal static class SliceFinder
{
    /// <summary>The slices: per class and kind (index <c>2k</c> teacher-only, <c>2k + 1</c> student-only), the report-wide top list, and the number of tests.</summary>
    public static (ConceptSlice[][] PerClass, ConceptSlice[] Top, int Tests) Find(ConceptHighSets highSets, FisherExactTest fisher, IReadOnlyList<string> conceptNames, IReadOnlyList<string> classNames, Decisions decisions, MisalignmentOptions options, CancellationToken cancellationToken)
    {
        var (n, c, k) = (highSets.ImageCount, highSets.ConceptCount, decisions.ClassCount);
        var (positions, disagreeing, offsets, codes, totals) = Disagreements(decisions);
        var found = new List<Candidate>?[c];
        var tests = new int[c];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Threads, CancellationToken = cancellationToken };
        Parallel.For(0, c, parallel, () => new int[2 * k], [MethodImpl(MethodImplOptions.AggressiveOptimization)] (j, _, hits) =>
        {
            var high = highSets.Counts[j];
            if (high == 0 || high == n)
            {
                return hits;
            }
            Array.Clear(hits);
            // Images both high for j and with a disagreement: one AND per 64 images, then only the set bits.
            var highBits = highSets.Bits(j);
            for (var w = 0; w < highBits.Length; w++)
            {
                for (var both = highBits[w] & disagreeing[w]; both != 0; both &= both - 1)
                {
                    var at = positions[(w << 6) + BitOperations.TrailingZeroCount(both)];
                    for (var e = offsets[at]; e < offsets[at + 1]; e++)
                    {
                        hits[codes[e]]++;
                    }
                }
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
                    (found[j] ??= []).Add(new Candidate(j, code, a, high, all, highSets.Thresholds[j], lift, 0));
                }
            }
            return hits;
        }, _ => { });

        var perCode = BestPerCode(found, 2 * k, options.TopSlices, fisher, parallel);
        var totalTests = tests.Sum();
        var slices = new Dictionary<Candidate, ConceptSlice>();
        ConceptSlice Slice(Candidate candidate)
        {
            if (!slices.TryGetValue(candidate, out var slice))
            {
                slice = candidate.ToSlice(conceptNames, classNames, n, totalTests);
                slices.Add(candidate, slice);
            }
            return slice;
        }
        // Every report-wide top slice is among the best of its own class and kind, so the union of those lists suffices.
        var union = perCode.SelectMany(list => list).ToArray();
        Array.Sort(union, Candidate.Compare);
        var top = union.Take(options.TopSlices).Select(Slice).ToArray();
        return (perCode.Select(list => list.Select(Slice).ToArray()).ToArray(), top, totalTests);
    }

    /// <summary>
    /// Per code, the best <paramref name="top"/> candidates in <see cref="Candidate.Compare"/> order, with their p-values.
    /// Significance is the first key, so every candidate needs its p-value.
    /// </summary>
    private static Candidate[][] BestPerCode(List<Candidate>?[] found, int codes, int top, FisherExactTest fisher, ParallelOptions parallel)
    {
        var byCode = new List<Candidate>[codes];
        for (var code = 0; code < codes; code++)
        {
            byCode[code] = [];
        }
        foreach (var list in found)
        {
            foreach (var candidate in list ?? [])
            {
                byCode[candidate.Code].Add(candidate);
            }
        }
        var best = new Candidate[codes][];
        if (top == 0)
        {
            Array.Fill(best, []);
            return best;
        }
        AssignPValues(byCode, fisher, parallel);
        for (var code = 0; code < codes; code++)
        {
            var list = CollectionsMarshal.AsSpan(byCode[code]);
            list.Sort(Candidate.Compare);
            best[code] = list[..Math.Min(top, list.Length)].ToArray();
        }
        return best;
    }

    /// <summary>
    /// The p-value of every candidate, computed in place, codes in parallel. (With calibrated presence most concepts have
    /// their own number of present images, so few candidates share a table and a cache of shared ones costs more memory
    /// than it saves time.)
    /// </summary>
    private static void AssignPValues(List<Candidate>[] byCode, FisherExactTest fisher, ParallelOptions parallel) =>
        Parallel.For(0, byCode.Length, parallel, code =>
        {
            var span = CollectionsMarshal.AsSpan(byCode[code]);
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = span[i] with { PValue = fisher.UpperTail(span[i].Total, span[i].HighCount, span[i].HighHits) };
            }
        });

    /// <summary>
    /// The images with at least one disagreement, as a bit set over the images and, per such image, its position in a CSR
    /// list of its disagreements as codes (2k: teacher-only for class k, 2k + 1: student-only; the image at position i owns
    /// codes[offsets[i] .. offsets[i + 1])), with the total per code.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (int[] Positions, ulong[] Disagreeing, int[] Offsets, int[] Codes, int[] Totals) Disagreements(Decisions decisions)
    {
        var (n, k) = (decisions.ImageCount, decisions.ClassCount);
        var positions = new int[n];
        var disagreeing = new ulong[(n + 63) / 64];
        var offsets = new List<int> { 0 };
        var codes = new List<int>();
        var totals = new int[2 * k];
        for (var i = 0; i < n; i++)
        {
            var before = codes.Count;
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
            if (codes.Count > before)
            {
                positions[i] = offsets.Count - 1;
                disagreeing[i >> 6] |= 1UL << (i & 63);
                offsets.Add(codes.Count);
            }
        }
        return (positions, disagreeing, offsets.ToArray(), codes.ToArray(), totals);
    }

    /// <summary>A slice that passed the support and lift filters, before it gets its names and sentence.</summary>
    private readonly record struct Candidate(int Concept, int Code, int HighHits, int HighCount, int Total, float Threshold, double Lift, double PValue)
    {
        /// <summary>
        /// P-value ascending (the strongest evidence first: lift is capped at N / HighCount, so it cannot rank a frequent
        /// concept's slice), then lift descending, high hits descending, class, kind (teacher-only first), concept.
        /// </summary>
        public static int Compare(Candidate a, Candidate b)
        {
            var order = a.PValue.CompareTo(b.PValue);
            order = order != 0 ? order : b.Lift.CompareTo(a.Lift);
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
