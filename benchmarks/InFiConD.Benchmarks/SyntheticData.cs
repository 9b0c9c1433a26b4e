using System.Numerics.Tensors;
using InFiConD.Core;

namespace InFiConD.Benchmarks;

/// <summary>Deterministic inputs of the benchmark shapes (the kernels' speed does not depend on the values).</summary>
internal static class SyntheticData
{
    /// <summary>CLIP ViT-B embedding width.</summary>
    internal const int Dimension = 512;

    /// <summary>Concepts in the built-in vocabulary.</summary>
    internal const int Concepts = 584;

    /// <summary>Images in the benchmark data set.</summary>
    internal const int Images = 10_000;

    /// <summary>Rows filled from one seeded generator; fixed, so the data never depends on the thread count.</summary>
    private const int RowsPerSeed = 4_096;

    /// <summary>A rows × columns matrix of values uniform in [−1, 1), the same for a given seed on every run.</summary>
    internal static FloatMatrix Uniform(int rows, int columns, int seed)
    {
        var matrix = new FloatMatrix(rows, columns);
        var blocks = (rows + RowsPerSeed - 1) / RowsPerSeed;
        Parallel.For(0, blocks, block =>
        {
            var random = new Random(HashCode.Combine(seed, block));
            var start = block * RowsPerSeed;
            var values = matrix.RowBlock(start, Math.Min(RowsPerSeed, rows - start));
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = (random.NextSingle() * 2f) - 1f;
            }
        });
        return matrix;
    }

    /// <summary>A concept bank: <see cref="Concepts"/> × <see cref="Dimension"/> rows of unit norm.</summary>
    internal static FloatMatrix ConceptBank()
    {
        var bank = Uniform(Concepts, Dimension, seed: 7);
        Kernels.NormalizeRows(bank);
        return bank;
    }

    /// <summary>The L2 norm of every row.</summary>
    internal static float[] RowNorms(FloatMatrix matrix)
    {
        var norms = new float[matrix.Rows];
        Parallel.For(0, matrix.Rows, r => norms[r] = TensorPrimitives.Norm(matrix.Row(r)));
        return norms;
    }
}
