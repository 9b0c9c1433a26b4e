namespace InFiConD.Datasets.Tests;

public class SplitMix64Tests
{
    [Fact]
    public void Matches_the_reference_sequence_of_Vigna_s_splitmix64_c()
    {
        // Reference values of splitmix64.c (prng.di.unimi.it) for seed 1234567, recomputed independently in Python.
        var random = new SplitMix64(1234567);
        ulong[] expected = [6457827717110365317, 3203168211198807973, 9817491932198370423, 4593380528125082431, 16408922859458223821];
        foreach (var value in expected)
        {
            Assert.Equal(value, random.NextUInt64());
        }
    }

    [Fact]
    public void Doubles_lie_in_the_unit_interval_and_integers_in_range()
    {
        var random = new SplitMix64(42);
        var counts = new int[7];
        for (var i = 0; i < 70_000; i++)
        {
            var d = random.NextDouble();
            Assert.InRange(d, 0.0, 1.0 - double.Epsilon);
            counts[random.NextInt(7)]++;
        }
        // Each bucket expects 10 000 with standard deviation √(70 000 · 1/7 · 6/7) ≈ 92.6; 6σ ≈ 556.
        Assert.All(counts, c => Assert.InRange(c, 10_000 - 556, 10_000 + 556));
    }

    [Fact]
    public void Shuffle_is_a_permutation_and_depends_only_on_the_seed()
    {
        int[] a = [.. Enumerable.Range(0, 50)], b = [.. Enumerable.Range(0, 50)];
        var r1 = new SplitMix64(9);
        var r2 = new SplitMix64(9);
        r1.Shuffle(a.AsSpan());
        r2.Shuffle(b.AsSpan());
        Assert.Equal(a, b);
        Assert.Equal(Enumerable.Range(0, 50), a.Order());
        Assert.NotEqual(Enumerable.Range(0, 50), a);
    }

    [Fact]
    public void Derived_seeds_differ_by_tag_and_parent()
    {
        var seeds = new HashSet<ulong>();
        for (ulong parent = 0; parent < 20; parent++)
        {
            for (ulong tag = 0; tag < 20; tag++)
            {
                Assert.True(seeds.Add(SplitMix64.Derive(parent, tag)));
            }
        }
    }
}
