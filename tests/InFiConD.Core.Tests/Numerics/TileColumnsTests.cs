namespace InFiConD.Core.Tests;

/// <summary>
/// The packing <see cref="Kernels.MultiplyTiled"/> reads (every tile holds its columns in order, the last one ends at the
/// last column), and the tiled product on every vector width.
/// </summary>
public class TileColumnsTests
{
    [Theory]
    [InlineData(5, 64)]
    [InlineData(3, 65)]
    [InlineData(7, 200)]
    [InlineData(1, 128)]
    public void Each_tile_holds_its_columns_row_by_row_and_the_last_ends_at_the_last_column(int depth, int width)
    {
        if (TileColumns.ActiveLanes == 0)
        {
            return; // no vector unit: nothing is packed (checked below)
        }
        var source = new FloatMatrix(depth, width);
        for (var p = 0; p < depth; p++)
        {
            for (var i = 0; i < width; i++)
            {
                source[p, i] = p * 1000 + i;
            }
        }
        var packed = TileColumns.Pack(source, maxDegreeOfParallelism: 2);
        var lanes = TileColumns.ActiveLanes;
        Assert.Equal((width + lanes - 1) / lanes, packed.Tiles);
        Assert.Equal(width - lanes, packed.Start(packed.Tiles - 1));
        var covered = new bool[width];
        for (var t = 0; t < packed.Tiles; t++)
        {
            var tile = packed.Tile(t);
            for (var p = 0; p < depth; p++)
            {
                for (var l = 0; l < lanes; l++)
                {
                    Assert.Equal(p * 1000 + packed.Start(t) + l, tile[p * lanes + l]);
                    covered[packed.Start(t) + l] = true;
                }
            }
        }
        Assert.All(covered, Assert.True);
    }

    [Fact]
    public void A_matrix_narrower_than_a_tile_packs_nothing_and_keeps_its_source()
    {
        var source = new FloatMatrix(4, Math.Max(1, TileColumns.ActiveLanes - 1));
        var packed = TileColumns.Pack(source, maxDegreeOfParallelism: 1);
        Assert.Equal(0, packed.Tiles);
        Assert.Same(source, packed.Source);
    }

    [Theory]
    [InlineData(64)]
    [InlineData(32)]
    [InlineData(16)]
    public void Every_tile_width_gives_the_bits_of_in_order_FMA_chains(int lanes)
    {
        if (!CanRun(lanes))
        {
            return; // that path cannot run here
        }
        var random = new Random(lanes);
        var (k, depth, width) = (6, 300, 150);
        var scales = Random(k, depth, random);
        var matrix = Random(depth, width, random);
        var product = new FloatMatrix(k, width);
        Kernels.MultiplyTiled(scales, TileColumns.Pack(matrix, threads: 2, lanes), product, maxDegreeOfParallelism: 2);
        for (var kk = 0; kk < k; kk++)
        {
            for (var i = 0; i < width; i++)
            {
                var chain = 0f;
                for (var p = 0; p < depth; p++)
                {
                    chain = MathF.FusedMultiplyAdd(scales[kk, p], matrix[p, i], chain);
                }
                Assert.Equal(BitConverter.SingleToInt32Bits(chain), BitConverter.SingleToInt32Bits(product[kk, i]));
            }
        }
    }

    [Theory]
    [InlineData(64)]
    [InlineData(32)]
    [InlineData(16)]
    public void Packing_the_transpose_from_rows_equals_packing_the_transpose(int lanes)
    {
        if (!CanRun(lanes))
        {
            return;
        }
        var random = new Random(lanes + 1);
        var z = Random(200, 37, random); // N = 200 images: the last tile overlaps the one before
        var zt = Kernels.Transpose(z);
        var direct = TileColumns.PackTransposed(z, new Lazy<FloatMatrix>(zt), threads: 2, lanes);
        var viaTranspose = TileColumns.Pack(zt, threads: 2, lanes);
        Assert.Equal(viaTranspose.Tiles, direct.Tiles);
        for (var t = 0; t < direct.Tiles; t++)
        {
            Assert.True(viaTranspose.Tile(t).SequenceEqual(direct.Tile(t)), $"tile {t}");
        }
    }

    [Fact]
    public void Tile_widths_follow_the_kernel_path()
    {
        Assert.Equal(CanRun(64) ? 64 : CanRun(32) ? 32 : CanRun(16) ? 16 : 0, ClassTiles.LanesFor(KernelPath.Vector512));
        Assert.Equal(CanRun(16) ? 16 : 0, ClassTiles.LanesFor(KernelPath.Vector128));
        Assert.Equal(0, ClassTiles.LanesFor(KernelPath.Scalar));
        Assert.Equal(ClassTiles.LanesFor(Kernels.ActivePath), TileColumns.ActiveLanes);
    }

    [Fact]
    public void Shapes_that_do_not_chain_are_refused()
    {
        var packed = TileColumns.Pack(new FloatMatrix(5, 70));
        var ex = Assert.Throws<ShapeMismatchException>(() => Kernels.MultiplyTiled(new FloatMatrix(2, 4), packed, new FloatMatrix(2, 70)));
        Assert.Equal("destination", ex.Field);
    }

    /// <summary>Whether the path whose tiles are <paramref name="lanes"/> wide runs on this machine.</summary>
    private static bool CanRun(int lanes) => lanes switch
    {
        64 => System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated,
        32 => System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated,
        _ => System.Runtime.Intrinsics.Vector128.IsHardwareAccelerated,
    };

    private static FloatMatrix Random(int rows, int columns, Random random)
    {
        var m = new FloatMatrix(rows, columns);
        foreach (ref var v in m.AsSpan())
        {
            v = (float)((random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-3, 3)));
        }
        return m;
    }
}
