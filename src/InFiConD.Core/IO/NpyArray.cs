using System.Collections.ObjectModel;
using System.Numerics.Tensors;

namespace InFiConD.Core;

/// <summary>
/// An immutable n-dimensional array as stored in a <c>.npy</c> file: its <see cref="DataType"/>, its C-order
/// (row-major) <see cref="Shape"/> and its values. Read one with <see cref="Npy.Read(string)"/>, build one
/// with <see cref="FromFloat32"/>, <see cref="FromFloat64"/> or <see cref="FromInt64"/> (which copy), and
/// reach the values through the accessor matching the data type (<see cref="AsFloat32"/>, …); converting
/// between types is always explicit (<see cref="ConvertToFloat32"/>).
/// </summary>
public sealed class NpyArray
{
    private readonly Array _values;
    private readonly long[] _shape;

    internal NpyArray(NpyDataType dataType, Array values, long[] shape)
    {
        DataType = dataType;
        _values = values;
        _shape = shape;
        Shape = Array.AsReadOnly(shape);
    }

    /// <summary>Creates a float32 array from a copy of <paramref name="values"/>.</summary>
    /// <param name="values">Row-major (C-order) values; their count must equal the product of <paramref name="shape"/>.</param>
    /// <param name="shape">The dimensions; empty for a 0-D scalar (which holds one value).</param>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is negative.</exception>
    /// <exception cref="ShapeMismatchException">The value count differs from the product of the dimensions.</exception>
    public static NpyArray FromFloat32(ReadOnlySpan<float> values, ReadOnlySpan<long> shape) =>
        Create(NpyDataType.Float32, values, shape);

    /// <summary>Creates a float64 array from a copy of <paramref name="values"/>.</summary>
    /// <param name="values">Row-major (C-order) values; their count must equal the product of <paramref name="shape"/>.</param>
    /// <param name="shape">The dimensions; empty for a 0-D scalar (which holds one value).</param>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is negative.</exception>
    /// <exception cref="ShapeMismatchException">The value count differs from the product of the dimensions.</exception>
    public static NpyArray FromFloat64(ReadOnlySpan<double> values, ReadOnlySpan<long> shape) =>
        Create(NpyDataType.Float64, values, shape);

    /// <summary>Creates an int64 array from a copy of <paramref name="values"/>.</summary>
    /// <param name="values">Row-major (C-order) values; their count must equal the product of <paramref name="shape"/>.</param>
    /// <param name="shape">The dimensions; empty for a 0-D scalar (which holds one value).</param>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is negative.</exception>
    /// <exception cref="ShapeMismatchException">The value count differs from the product of the dimensions.</exception>
    public static NpyArray FromInt64(ReadOnlySpan<long> values, ReadOnlySpan<long> shape) =>
        Create(NpyDataType.Int64, values, shape);

    /// <summary>Creates an int16 array from a copy of <paramref name="values"/>.</summary>
    /// <param name="values">Row-major (C-order) values; their count must equal the product of <paramref name="shape"/>.</param>
    /// <param name="shape">The dimensions; empty for a 0-D scalar (which holds one value).</param>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is negative.</exception>
    /// <exception cref="ShapeMismatchException">The value count differs from the product of the dimensions.</exception>
    public static NpyArray FromInt16(ReadOnlySpan<short> values, ReadOnlySpan<long> shape) =>
        Create(NpyDataType.Int16, values, shape);

    /// <summary>The element type.</summary>
    public NpyDataType DataType { get; }

    /// <summary>The dimensions in C (row-major) order; empty for a 0-D scalar.</summary>
    public IReadOnlyList<long> Shape { get; }

    /// <summary>Number of dimensions (0 for a scalar).</summary>
    public int Rank => _shape.Length;

    /// <summary>Number of elements: the product of <see cref="Shape"/> (1 for a scalar, 0 when a dimension is 0).</summary>
    public int Length => _values.Length;

    /// <summary>The float32 values in row-major order (no copy).</summary>
    /// <exception cref="InvalidOperationException"><see cref="DataType"/> is not <see cref="NpyDataType.Float32"/>.</exception>
    public ReadOnlyMemory<float> AsFloat32() => Values<float>(NpyDataType.Float32);

    /// <summary>The float64 values in row-major order (no copy).</summary>
    /// <exception cref="InvalidOperationException"><see cref="DataType"/> is not <see cref="NpyDataType.Float64"/>.</exception>
    public ReadOnlyMemory<double> AsFloat64() => Values<double>(NpyDataType.Float64);

    /// <summary>The int64 values in row-major order (no copy).</summary>
    /// <exception cref="InvalidOperationException"><see cref="DataType"/> is not <see cref="NpyDataType.Int64"/>.</exception>
    public ReadOnlyMemory<long> AsInt64() => Values<long>(NpyDataType.Int64);

    /// <summary>The int16 values in row-major order (no copy).</summary>
    /// <exception cref="InvalidOperationException"><see cref="DataType"/> is not <see cref="NpyDataType.Int16"/>.</exception>
    public ReadOnlyMemory<short> AsInt16() => Values<short>(NpyDataType.Int16);

    /// <summary>
    /// Computes a float32 array of the same shape: each value rounded to the nearest float32 (<c>(float)x</c>).
    /// float64 values beyond ±3.4e38 become ±∞, NaN stays NaN, and int64 values above 2^24 in magnitude may
    /// lose precision. Returns this instance when it already holds float32.
    /// </summary>
    public NpyArray ConvertToFloat32()
    {
        if (_values is float[])
        {
            return this;
        }
        var result = new float[_values.Length];
        // For double → float and long → float, CreateTruncating is the ordinary round-to-nearest cast.
        if (_values is double[] doubles)
        {
            TensorPrimitives.ConvertTruncating<double, float>(doubles, result);
        }
        else if (_values is short[] shorts)
        {
            TensorPrimitives.ConvertTruncating<short, float>(shorts, result);
        }
        else
        {
            TensorPrimitives.ConvertTruncating<long, float>((long[])_values, result);
        }
        return new NpyArray(NpyDataType.Float32, result, _shape);
    }

    /// <summary>
    /// Copies a 2-D float32 array into a new <see cref="FloatMatrix"/> (rows = <c>Shape[0]</c>, columns =
    /// <c>Shape[1]</c>). Other ranks are refused rather than guessed: a 1-D array could be a row or a column,
    /// so reshape it in NumPy (<c>a.reshape(1, -1)</c>) before saving.
    /// </summary>
    /// <exception cref="InvalidOperationException"><see cref="DataType"/> is not float32; call <see cref="ConvertToFloat32"/> first.</exception>
    /// <exception cref="ShapeMismatchException">The array is not 2-D, or a dimension exceeds <see cref="int.MaxValue"/>.</exception>
    public FloatMatrix ToFloatMatrix()
    {
        var values = AsFloat32();
        if (Rank != 2 || _shape[0] > int.MaxValue || _shape[1] > int.MaxValue)
        {
            throw new ShapeMismatchException(nameof(Shape), "2 dimensions (rows, columns), each at most 2^31 - 1", NpyFormat.FormatShape(_shape));
        }
        return FloatMatrix.FromValues(values.Span, (int)_shape[0], (int)_shape[1]);
    }

    /// <inheritdoc />
    public override string ToString() => $"NpyArray {NpyFormat.Name(DataType)} {NpyFormat.FormatShape(_shape)}";

    /// <summary>The storage array itself (no copy), for the writer.</summary>
    internal Array Storage => _values;

    /// <summary>The shape array itself (no copy), for the writer.</summary>
    internal ReadOnlySpan<long> ShapeSpan => _shape;

    private ReadOnlyMemory<T> Values<T>(NpyDataType requested)
    {
        if (_values is T[] values)
        {
            return values;
        }
        throw new InvalidOperationException(
            $"The array holds {NpyFormat.Name(DataType)} values, not {NpyFormat.Name(requested)}; use As{DataType}() or convert explicitly (ConvertToFloat32()).");
    }

    private static NpyArray Create<T>(NpyDataType type, ReadOnlySpan<T> values, ReadOnlySpan<long> shape)
    {
        NpyFormat.CheckShape(shape, values.Length, nameof(values));
        return new NpyArray(type, values.ToArray(), shape.ToArray());
    }
}
