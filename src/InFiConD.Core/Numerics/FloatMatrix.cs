using System.Runtime.InteropServices;
using System.Text.Json.Serialization;

namespace InFiConD.Core;

/// <summary>
/// A dense float32 matrix stored row-major in one contiguous array: element (r, c) lives at
/// <c>r * Columns + c</c>. Row and whole-matrix spans view the storage directly (no hidden copies), so
/// kernels, <c>.npy</c> files and ONNX tensors share the same layout. In JSON it is written with its values
/// (<see cref="FloatMatrixJsonConverter"/>), never as its shape alone.
/// </summary>
[JsonConverter(typeof(FloatMatrixJsonConverter))]
public sealed class FloatMatrix
{
    private readonly float[] _data;

    /// <summary>Creates a zero-filled matrix.</summary>
    /// <param name="rows">Number of rows (≥ 0).</param>
    /// <param name="columns">Number of columns (≥ 0).</param>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is negative, or rows × columns exceeds <see cref="Array.MaxLength"/>.</exception>
    public FloatMatrix(int rows, int columns)
        : this(rows, columns, new float[CheckedLength(rows, columns)])
    {
    }

    private FloatMatrix(int rows, int columns, float[] data)
    {
        Rows = rows;
        Columns = columns;
        _data = data;
    }

    /// <summary>Wraps an existing array without copying. The matrix and the array share storage.</summary>
    /// <param name="data">Row-major storage of exactly <paramref name="rows"/> × <paramref name="columns"/> values.</param>
    /// <param name="rows">Number of rows.</param>
    /// <param name="columns">Number of columns.</param>
    /// <exception cref="ShapeMismatchException">The array length is not rows × columns.</exception>
    public static FloatMatrix Wrap(float[] data, int rows, int columns)
    {
        ArgumentNullException.ThrowIfNull(data);
        var length = CheckedLength(rows, columns);
        if (data.Length != length)
        {
            throw new ShapeMismatchException(nameof(data), $"{length} values ({rows} × {columns})", $"{data.Length} values");
        }
        return new FloatMatrix(rows, columns, data);
    }

    /// <summary>Copies values into a new matrix.</summary>
    /// <param name="values">Row-major values, exactly <paramref name="rows"/> × <paramref name="columns"/> of them.</param>
    /// <param name="rows">Number of rows.</param>
    /// <param name="columns">Number of columns.</param>
    /// <exception cref="ShapeMismatchException">The value count is not rows × columns.</exception>
    public static FloatMatrix FromValues(ReadOnlySpan<float> values, int rows, int columns)
    {
        var length = CheckedLength(rows, columns);
        if (values.Length != length)
        {
            throw new ShapeMismatchException(nameof(values), $"{length} values ({rows} × {columns})", $"{values.Length} values");
        }
        return new FloatMatrix(rows, columns, values.ToArray());
    }

    /// <summary>Builds a matrix from equal-length rows (copies).</summary>
    /// <param name="rows">The rows; all must have the same length.</param>
    /// <exception cref="ShapeMismatchException">A row's length differs from the first row's.</exception>
    public static FloatMatrix FromRows(IReadOnlyList<float[]> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var columns = rows.Count == 0 ? 0 : rows[0].Length;
        var matrix = new FloatMatrix(rows.Count, columns);
        for (var r = 0; r < rows.Count; r++)
        {
            if (rows[r].Length != columns)
            {
                throw new ShapeMismatchException($"rows[{r}]", $"{columns} values", $"{rows[r].Length} values");
            }
            rows[r].CopyTo(matrix.Row(r));
        }
        return matrix;
    }

    /// <summary>Number of rows.</summary>
    public int Rows { get; }

    /// <summary>Number of columns.</summary>
    public int Columns { get; }

    /// <summary>Total number of elements, <see cref="Rows"/> × <see cref="Columns"/>.</summary>
    public int Length => _data.Length;

    /// <summary>Gets or sets element (row, column).</summary>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside the matrix.</exception>
    public float this[int row, int column]
    {
        get => _data[Offset(row, column)];
        set => _data[Offset(row, column)] = value;
    }

    /// <summary>The whole row-major storage as a writable span (no copy).</summary>
    public Span<float> AsSpan() => _data;

    /// <summary>The whole row-major storage as read-only memory (no copy).</summary>
    public ReadOnlyMemory<float> AsMemory() => _data;

    /// <summary>One row as a writable span (no copy).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="row"/> is outside the matrix.</exception>
    public Span<float> Row(int row)
    {
        if ((uint)row >= (uint)Rows)
        {
            throw new ArgumentOutOfRangeException(nameof(row), row, $"Row must be in [0, {Rows}).");
        }
        return _data.AsSpan(row * Columns, Columns);
    }

    /// <summary>A contiguous block of rows as a writable span (no copy).</summary>
    /// <param name="start">First row.</param>
    /// <param name="count">Number of rows.</param>
    /// <exception cref="ArgumentOutOfRangeException">The block is outside the matrix.</exception>
    public Span<float> RowBlock(int start, int count)
    {
        if ((uint)start > (uint)Rows || (uint)count > (uint)(Rows - start))
        {
            throw new ArgumentOutOfRangeException(nameof(count), $"Rows [{start}, {start + count}) are outside [0, {Rows}).");
        }
        return _data.AsSpan(start * Columns, count * Columns);
    }

    /// <summary>A deep copy with its own storage.</summary>
    public FloatMatrix Copy() => new(Rows, Columns, (float[])_data.Clone());

    /// <summary>Reference to the first element, for kernels that index with <see cref="MemoryMarshal"/>.</summary>
    internal ref float GetReference() => ref MemoryMarshal.GetArrayDataReference(_data);

    /// <summary>The storage array itself (no copy), for kernels and writers inside the library.</summary>
    internal float[] Storage => _data;

    /// <summary>Throws <see cref="NonFiniteValueException"/> when any value is NaN or infinite.</summary>
    /// <param name="field">The name to report, such as a file or property name.</param>
    /// <exception cref="NonFiniteValueException">The first non-finite value, with its row and column.</exception>
    public void EnsureFinite(string field)
    {
        var span = _data.AsSpan();
        // A vectorised check first: matrices are large and almost always finite.
        if (System.Numerics.Tensors.TensorPrimitives.IsFiniteAll<float>(span))
        {
            return;
        }
        for (var i = 0; i < span.Length; i++)
        {
            if (!float.IsFinite(span[i]))
            {
                throw new NonFiniteValueException(field, i / Math.Max(Columns, 1), i % Math.Max(Columns, 1), span[i]);
            }
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"FloatMatrix {Rows} × {Columns}";

    private int Offset(int row, int column)
    {
        if ((uint)row >= (uint)Rows || (uint)column >= (uint)Columns)
        {
            throw new ArgumentOutOfRangeException(nameof(row), $"({row}, {column}) is outside a {Rows} × {Columns} matrix.");
        }
        return row * Columns + column;
    }

    private static int CheckedLength(int rows, int columns)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(columns);
        var length = (long)rows * columns;
        if (length > Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(rows), $"A {rows} × {columns} matrix has {length} elements, more than the {Array.MaxLength} a .NET array can hold.");
        }
        return (int)length;
    }
}
