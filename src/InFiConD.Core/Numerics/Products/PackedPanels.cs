using System.Runtime.InteropServices;

namespace InFiConD.Core;

/// <summary>
/// The right-hand matrix B (n × depth, row-major) repacked once into column panels of NR rows of B, each
/// stored depth-major (<c>panel[p · NR + j] = B[j0 + j, p]</c>) in 64-byte-aligned native memory and
/// zero-padded to a whole panel, so the micro-kernel reads it with aligned, unit-stride loads.
/// </summary>
internal sealed unsafe class PackedPanels : IDisposable
{
    private float* _data;

    private PackedPanels(PanelShape shape, int columns, int depth)
    {
        Shape = shape;
        Columns = columns;
        Depth = depth;
        PanelCount = (columns + shape.Nr - 1) / shape.Nr;
        var floats = Math.Max(1L, (long)PanelCount * shape.Nr * depth);
        _data = (float*)NativeMemory.AlignedAlloc((nuint)(floats * sizeof(float)), 64);
    }

    internal PanelShape Shape { get; }

    internal int Columns { get; }

    internal int Depth { get; }

    internal int PanelCount { get; }

    /// <summary>Start of panel <paramref name="panel"/> at depth offset <paramref name="depthOffset"/>.</summary>
    internal float* Panel(int panel, int depthOffset) => _data + ((long)panel * Depth + depthOffset) * Shape.Nr;

    internal static PackedPanels Pack(float* b, int columns, int depth, PanelShape shape)
    {
        var packed = new PackedPanels(shape, columns, depth);
        var nr = shape.Nr;
        for (var panel = 0; panel < packed.PanelCount; panel++)
        {
            var dst = packed.Panel(panel, 0);
            var width = Math.Min(nr, columns - panel * nr);
            if (width < nr)
            {
                new Span<float>(dst, nr * depth).Clear();
            }
            for (var j = 0; j < width; j++)
            {
                var src = b + (long)(panel * nr + j) * depth;
                for (var p = 0; p < depth; p++)
                {
                    dst[p * nr + j] = src[p];
                }
            }
        }
        return packed;
    }

    public void Dispose()
    {
        if (_data != null)
        {
            NativeMemory.AlignedFree(_data);
            _data = null;
        }
    }
}
