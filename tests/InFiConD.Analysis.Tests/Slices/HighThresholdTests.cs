namespace InFiConD.Analysis.Tests;

public sealed class HighThresholdTests
{
    [Theory]
    [InlineData(10, 1000)]      // direct path
    [InlineData(10_000, 1000)]  // sampled bracket, continuous values
    [InlineData(10_000, 7)]     // sampled bracket, heavy ties
    [InlineData(20_000, 2)]     // two values only
    public void Find_MatchesSortForManyRanks(int n, int distinct)
    {
        var random = new Random(n + distinct);
        var values = Enumerable.Range(0, n).Select(_ => random.Next(distinct) / (float)distinct).ToArray();
        var descending = values.OrderDescending().ToArray();
        var scratch = new float[n];

        foreach (var m in new[] { 1, 2, n / 10, n / 5, n / 2, n - 1, n })
        {
            var (value, atLeast, minimum) = HighThreshold.Find(values, m, scratch);

            Assert.Equal(descending[m - 1], value);
            Assert.Equal(values.Count(x => x >= value), atLeast);
            Assert.Equal(descending[^1], minimum);
        }
    }

    [Fact]
    public void Find_SortedAndAdversarialOrders()
    {
        var n = 12_000;
        var ascending = Enumerable.Range(0, n).Select(i => (float)i).ToArray();
        var scratch = new float[n];
        Assert.Equal(n - 2400f, HighThreshold.Find(ascending, 2400, scratch).Value);
        Assert.Equal(n - 2400f, HighThreshold.Find(ascending.Reverse().ToArray(), 2400, scratch).Value);
        // Every 7th value large, the rest tied at 0: the strided sample may bracket badly, and the answer must not change.
        var tricky = Enumerable.Range(0, n).Select(i => i % 7 == 3 ? 1f + i : 0f).ToArray();
        var expected = tricky.OrderDescending().ElementAt(999);
        var (value, atLeast, _) = HighThreshold.Find(tricky, 1000, scratch);
        Assert.Equal(expected, value);
        Assert.Equal(1000, atLeast);
    }
}
