using System.Runtime.CompilerServices;

namespace InFiConD.Core;

/// <summary>
/// The blocked A·Bᵀ driver shared by GEMM and the fused scorer. For a range of A's rows it walks column
/// chunks of the packed B (sized to stay in L2), packs MR rows of A (in L1), runs the micro-kernel over
/// every panel of the chunk in depth blocks, and hands the finished MR × chunk rows to a sink.
/// Depth blocks continue the same FMA chains (the kernel reloads its partial sums), so blocking never
/// changes a single bit of the result.
/// </summary>
internal static unsafe class PanelProduct
{
    /// <summary>Depth block: keeps the packed A micro-panel in L1 for large depths.</summary>
    internal const int DepthBlock = 512;

    /// <summary>Bytes of packed B streamed per pass over a micro-panel; about half an L2.</summary>
    internal const int ChunkBytes = 768 * 1024;

    internal static int PanelsPerChunk(PanelShape shape, int depth) =>
        Math.Max(1, ChunkBytes / (shape.Nr * Math.Max(depth, 1) * sizeof(float)));

    internal static int ChunkWidth(PackedPanels b) =>
        Math.Min(b.PanelCount, PanelsPerChunk(b.Shape, b.Depth)) * b.Shape.Nr;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Run<TSink>(float* a, int rowStart, int rowEnd, PackedPanels b, PanelWorkspace workspace, bool withSumsOfSquares, ref TSink sink)
        where TSink : struct, IPanelSink
    {
        var shape = b.Shape;
        var (mr, nr, depth) = (shape.Mr, shape.Nr, b.Depth);
        var panelsPerChunk = PanelsPerChunk(shape, depth);
        // A last panel with at most NR / 2 valid columns runs the half tile: for 584 concepts that is 8 of 32
        // columns, so the full tile would spend 4 % of the whole product on padding.
        var halfPanel = shape.HasHalfTile && b.Columns - ((b.PanelCount - 1) * nr) <= nr / 2 ? b.PanelCount - 1 : -1;
        for (var firstPanel = 0; firstPanel < b.PanelCount; firstPanel += panelsPerChunk)
        {
            var lastPanel = Math.Min(b.PanelCount, firstPanel + panelsPerChunk);
            var stride = (lastPanel - firstPanel) * nr;
            var columnStart = firstPanel * nr;
            var columnEnd = Math.Min(b.Columns, lastPanel * nr);
            for (var i0 = rowStart; i0 < rowEnd; i0 += mr)
            {
                var rows = Math.Min(mr, rowEnd - i0);
                var firstRow = a + (long)i0 * depth;
                if (withSumsOfSquares)
                {
                    workspace.MeasureRows(firstRow, rows, depth);
                }
                if (depth == 0)
                {
                    new Span<float>(workspace.Product, mr * stride).Clear();
                }
                for (var p0 = 0; p0 < depth; p0 += DepthBlock)
                {
                    var blockDepth = Math.Min(DepthBlock, depth - p0);
                    for (var panel = firstPanel; panel < lastPanel; panel++)
                    {
                        var tileA = firstRow + p0;
                        var tileB = b.Panel(panel, p0);
                        var tileC = workspace.Product + ((panel - firstPanel) * nr);
                        if (panel == halfPanel)
                        {
                            shape.HalfTile(tileA, depth, rows, tileB, blockDepth, tileC, stride, accumulate: p0 > 0);
                        }
                        else
                        {
                            shape.Tile(tileA, depth, rows, tileB, blockDepth, tileC, stride, accumulate: p0 > 0);
                        }
                    }
                }
                sink.Consume(i0, rows, workspace.Product, stride, columnStart, columnEnd, workspace.SumsOfSquares);
            }
        }
    }

    /// <summary>
    /// Runs <paramref name="body"/> for blocks 0..count-1, on up to <paramref name="maxDegreeOfParallelism"/>
    /// threads, each with its own workspace. Results never depend on which thread ran which block.
    /// </summary>
    internal static void ForEachBlock(int count, int maxDegreeOfParallelism, Func<PanelWorkspace> createWorkspace, Action<int, PanelWorkspace> body)
    {
        if (count == 0)
        {
            return;
        }
        if (maxDegreeOfParallelism == 1 || count == 1)
        {
            using var workspace = createWorkspace();
            for (var i = 0; i < count; i++)
            {
                body(i, workspace);
            }
            return;
        }
        Parallel.For(
            0,
            count,
            new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism },
            createWorkspace,
            (i, _, workspace) =>
            {
                body(i, workspace);
                return workspace;
            },
            workspace => workspace.Dispose());
    }
}
