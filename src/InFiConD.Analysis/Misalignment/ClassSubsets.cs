using System.Runtime.CompilerServices;

namespace InFiConD.Analysis;

/// <summary>The image rows of one class's four subsets, in row order.</summary>
internal sealed class ClassSubsets
{
    private readonly int[][] _members;

    private ClassSubsets(int[][] members) => _members = members;

    /// <summary>The rows of a subset.</summary>
    public int[] this[SubsetKind kind] => _members[(int)kind];

    /// <summary>Splits the images of every class into its four subsets (one class per task; no shared writes).</summary>
    public static ClassSubsets[] Compute(Decisions decisions, int threads, CancellationToken cancellationToken)
    {
        var result = new ClassSubsets[decisions.ClassCount];
        var options = new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancellationToken };
        Parallel.For(0, decisions.ClassCount, options, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (k) =>
        {
            Span<int> counts = stackalloc int[4];
            for (var n = 0; n < decisions.ImageCount; n++)
            {
                counts[(int)decisions.KindOf(n, k)]++;
            }
            var members = new int[4][];
            for (var s = 0; s < 4; s++)
            {
                members[s] = new int[counts[s]];
            }
            counts.Clear();
            for (var n = 0; n < decisions.ImageCount; n++)
            {
                var s = (int)decisions.KindOf(n, k);
                members[s][counts[s]++] = n;
            }
            result[k] = new ClassSubsets(members);
        });
        return result;
    }
}
