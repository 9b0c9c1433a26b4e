using System.Globalization;
using System.Text.Json.Serialization;

namespace InFiConD.Embedding;

/// <summary>
/// A <see cref="Size"/> × <see cref="Size"/> grid of cells covering the image, in row-major order (top row
/// left to right first). Cell edges sit at <c>floor(i · W / g)</c>, so cells differ by at most one pixel
/// and tile the image exactly; with <see cref="Overlap"/> o, each cell grows by <c>o · W / (2g)</c> on each side
/// (outward rounding) so neighbours overlap by about o of a cell, and is clamped to the image. When
/// <see cref="IncludeWhole"/> is set the whole image is segment 0 and the cells follow. An image narrower
/// than the grid still gets g · g boxes of at least one pixel.
/// </summary>
public sealed record GridSegmentation : Segmentation
{
    /// <summary>Creates a grid.</summary>
    /// <param name="size">Cells per side, 1 to 64.</param>
    /// <param name="overlap">Overlap as a fraction of the cell size, 0 ≤ overlap &lt; 1.</param>
    /// <param name="includeWhole">Whether the whole image comes first as an extra segment.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="size"/> is outside 1–64, or <paramref name="overlap"/> is outside [0, 1) or NaN.</exception>
    public GridSegmentation(int size, double overlap = 0, bool includeWhole = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size, 64);
        if (!(overlap >= 0 && overlap < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(overlap), overlap, "The overlap is a fraction of the cell size, 0 ≤ overlap < 1.");
        }
        Size = size;
        Overlap = overlap;
        IncludeWhole = includeWhole;
    }

    /// <summary>Cells per side, g.</summary>
    public int Size { get; }

    /// <summary>Overlap of neighbouring cells as a fraction of the cell size.</summary>
    public double Overlap { get; }

    /// <summary>Whether the whole image is segment 0.</summary>
    public bool IncludeWhole { get; }

    /// <inheritdoc />
    [JsonIgnore]
    public override string Key => string.Create(CultureInfo.InvariantCulture, $"grid:{Size}:{Overlap:R}{(IncludeWhole ? ":whole" : "")}");

    /// <inheritdoc />
    [JsonIgnore]
    public override int SegmentCount => (Size * Size) + (IncludeWhole ? 1 : 0);

    /// <inheritdoc />
    public override IReadOnlyList<SegmentBox> Boxes(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        var columns = Spans(width);
        var rows = Spans(height);
        var boxes = new List<SegmentBox>(SegmentCount);
        if (IncludeWhole)
        {
            boxes.Add(SegmentBox.Whole(width, height));
        }
        foreach (var (top, bottom) in rows)
        {
            foreach (var (left, right) in columns)
            {
                boxes.Add(new SegmentBox(left, top, right - left, bottom - top));
            }
        }
        return boxes;
    }

    /// <summary>The [start, end) intervals of the cells along one axis of <paramref name="length"/> pixels.</summary>
    private (int Start, int End)[] Spans(int length)
    {
        var spans = new (int, int)[Size];
        var grow = Overlap * length / Size / 2;
        for (var i = 0; i < Size; i++)
        {
            var start = (int)((long)i * length / Size);
            var end = (int)((long)(i + 1) * length / Size);
            start = Math.Max(0, (int)Math.Floor(start - grow));
            end = Math.Min(length, (int)Math.Ceiling(end + grow));
            if (end <= start)
            {
                // Fewer pixels than cells: give the cell the one pixel at its edge.
                start = Math.Min(start, length - 1);
                end = start + 1;
            }
            spans[i] = (start, end);
        }
        return spans;
    }
}
