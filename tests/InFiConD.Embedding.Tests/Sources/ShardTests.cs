namespace InFiConD.Embedding.Tests;

public sealed class ShardTests
{
    private static ImageSource Source(int count) =>
        ImageSource.FromImages(Enumerable.Range(0, count).Select(i => ($"img{i:D3}", DecodedImage.Filled(1, 1, 0, 0, 0))));

    [Fact]
    public void Shards_cover_every_item_exactly_once_by_position_modulo_count()
    {
        for (var n = 0; n <= 13; n++)
        {
            var source = Source(n);
            for (var count = 1; count <= 5; count++)
            {
                var seen = new List<string>();
                for (var index = 0; index < count; index++)
                {
                    var shard = source.Shard(index, count);
                    var expected = Enumerable.Range(0, n).Where(i => i % count == index).Select(i => source[i].Id).ToArray();
                    Assert.Equal(expected, shard.Select(i => i.Id));
                    Assert.Equal(expected.Length, shard.Count);
                    seen.AddRange(shard.Select(i => i.Id));
                }
                Assert.Equal(source.Select(i => i.Id).Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal));
            }
        }
    }

    [Fact]
    public void A_shard_can_be_sharded_again()
    {
        var shard = Source(20).Shard(1, 2).Shard(0, 3); // positions 1, 7, 13, 19
        Assert.Equal(["img001", "img007", "img013", "img019"], shard.Select(i => i.Id));
        Assert.Contains("shard 0 of 3", shard.Description);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(-1, 2)]
    [InlineData(2, 2)]
    [InlineData(5, 3)]
    public void Invalid_shards_are_refused(int index, int count) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Source(4).Shard(index, count));

    [Fact]
    public void Positions_outside_a_shard_are_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Source(5).Shard(0, 2)[3]);
}
