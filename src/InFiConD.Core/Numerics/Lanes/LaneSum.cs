using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace InFiConD.Core;

/// <summary>
/// A float64 sum of float32 values with element i in lane i mod 8 of two 4-lane accumulators while whole groups of
/// eight remain, the rest in order into one more, lanes combined in a fixed order: the same bits on every machine and
/// vector width (vector arithmetic is IEEE per lane) without the latency of one long chain.
/// </summary>
internal struct LaneSum
{
    private Vector256<double> _low, _high;
    private double _rest;

    /// <summary>The sum so far: lane by lane (low + high), then the rest.</summary>
    public readonly double Total
    {
        get
        {
            var total = 0.0;
            for (var lane = 0; lane < Vector256<double>.Count; lane++)
            {
                total += _low[lane] + _high[lane];
            }
            return total + _rest;
        }
    }

    /// <summary>Adds a whole group of eight (elements 8g … 8g + 7).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(Vector256<float> values)
    {
        _low += Vector256.WidenLower(values);
        _high += Vector256.WidenUpper(values);
    }

    /// <summary>Adds half a group: elements 8g … 8g + 3 (<paramref name="upper"/> false) or 8g + 4 … 8g + 7.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(Vector128<float> values, bool upper)
    {
        var widened = Vector256.Create(Vector128.WidenLower(values), Vector128.WidenUpper(values));
        if (upper)
        {
            _high += widened;
        }
        else
        {
            _low += widened;
        }
    }

    /// <summary>Adds element <paramref name="index"/> of a whole group to its lane, index mod 8.</summary>
    public void Add(float value, int index)
    {
        var lane = index & 3;
        if ((index & 4) == 0)
        {
            _low = _low.WithElement(lane, _low.GetElement(lane) + value);
        }
        else
        {
            _high = _high.WithElement(lane, _high.GetElement(lane) + value);
        }
    }

    /// <summary>Adds values one group of eight at a time while whole groups remain, the rest in order.</summary>
    public void Add(ReadOnlySpan<float> values)
    {
        var i = 0;
        for (; i <= values.Length - Vector256<float>.Count; i += Vector256<float>.Count)
        {
            Add(Vector256.Create(values.Slice(i, Vector256<float>.Count)));
        }
        for (; i < values.Length; i++)
        {
            _rest += values[i];
        }
    }
}
