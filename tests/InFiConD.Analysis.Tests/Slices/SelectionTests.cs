namespace InFiConD.Analysis.Tests;

public sealed class SelectionTests
{
    [Fact]
    public void Select_MatchesSortForEveryRank()
    {
        var random = new Random(11);
        foreach (var length in new[] { 1, 2, 3, 7, 64, 257 })
        {
            foreach (var distinct in new[] { 1, 3, 1000 })
            {
                var values = Enumerable.Range(0, length).Select(_ => (float)random.Next(distinct)).ToArray();
                var sorted = values.Order().ToArray();
                for (var rank = 0; rank < length; rank++)
                {
                    var copy = (float[])values.Clone();
                    Assert.Equal(sorted[rank], Selection.Select(copy, rank));
                }
            }
        }
    }

    [Fact]
    public void Select_SortedAndReversedInputs()
    {
        var ascending = Enumerable.Range(0, 5000).Select(i => (float)i).ToArray();
        Assert.Equal(4000f, Selection.Select((float[])ascending.Clone(), 4000));
        Assert.Equal(17f, Selection.Select(ascending.Reverse().ToArray(), 17));
        Assert.Throws<ArgumentOutOfRangeException>(() => Selection.Select(new float[3], 3));
    }
}
