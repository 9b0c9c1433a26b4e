using System.Numerics.Tensors;

namespace InFiConD.Analysis.Tests;

public sealed class DecisionsTests
{
    [Fact]
    public void IndexOfMax_AgreesWithTensorPrimitives_IncludingTiesSignedZerosAndNaN()
    {
        var random = new Random(7);
        float[] pool = [0f, -0f, 1f, -1f, 2.5f, 2.5f, float.NaN, float.NegativeInfinity, float.PositiveInfinity, 1e-30f];
        var sawNaN = false;
        var sawSignedZeroTie = false;
        for (var trial = 0; trial < 20_000; trial++)
        {
            var row = new float[random.Next(1, 12)];
            for (var i = 0; i < row.Length; i++)
            {
                // Mostly the awkward values, sometimes anything.
                row[i] = random.Next(4) == 0 ? (float)random.NextDouble() * 4 - 2 : pool[random.Next(trial % 3 == 0 ? pool.Length : 6)];
            }
            sawNaN |= row.Any(float.IsNaN);
            sawSignedZeroTie |= row.Contains(0f) && row.Any(v => v == 0f && float.IsNegative(v)) && row.Max() == 0f;
            Assert.Equal(TensorPrimitives.IndexOfMax<float>(row), Decisions.IndexOfMax(row));
        }
        Assert.True(sawNaN && sawSignedZeroTie);
    }
}
