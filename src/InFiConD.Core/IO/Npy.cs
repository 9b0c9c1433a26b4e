namespace InFiConD.Core;

/// <summary>
/// Reads and writes NumPy <c>.npy</c> files (format versions 1.0, 2.0 and 3.0) holding float32, float64 or
/// int64 arrays in C (row-major) order, so matrices move between Python and .NET unchanged, bit for bit.
/// </summary>
/// <remarks>
/// <para>Writing produces exactly what <c>np.save</c> writes for the same array: little-endian descr
/// (<c>'&lt;f4'</c>, <c>'&lt;f8'</c>, <c>'&lt;i8'</c>), <c>fortran_order</c> False, data aligned to 64 bytes,
/// version 1.0 (2.0 only for headers over 64 KiB). Files are written through <see cref="AtomicFile"/>.</para>
/// <para>Reading accepts any key order, single or double quotes, extra spaces and trailing commas, and both
/// byte orders: <c>'&gt;'</c> (big-endian) data is byte-swapped while reading, and <c>'='</c> or no prefix
/// means this machine's order, as in NumPy. Data goes straight from the stream into the result's array.
/// A file must hold exactly one array: trailing bytes are an error. Every problem with the content is an
/// <see cref="InvalidFileException"/> whose <see cref="InvalidFileException.Field"/> is <c>magic</c>,
/// <c>version</c>, <c>header</c> (length or dict syntax), <c>descr</c>, <c>fortran_order</c>, <c>shape</c> or
/// <c>data</c>, and whose <see cref="InvalidFileException.Position"/> is a byte offset from the start of the
/// file (or of the stream's content).</para>
/// </remarks>
public static class Npy
{
    /// <summary>Writes a matrix as a 2-D float32 (<c>'&lt;f4'</c>) <c>.npy</c> file, atomically.</summary>
    /// <param name="path">The file to create or replace; missing directories are created.</param>
    /// <param name="matrix">The matrix; its shape becomes <c>(Rows, Columns)</c>.</param>
    /// <exception cref="IOException">The file could not be written; an existing file is left unchanged.</exception>
    public static void Write(string path, FloatMatrix matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        AtomicFile.Write(path, stream => Write(stream, matrix));
    }

    /// <summary>Writes a matrix as a 2-D float32 (<c>'&lt;f4'</c>) array at the stream's position.</summary>
    /// <param name="stream">A writable stream; it is not closed.</param>
    /// <param name="matrix">The matrix; its shape becomes <c>(Rows, Columns)</c>.</param>
    /// <exception cref="ArgumentException"><paramref name="stream"/> is not writable.</exception>
    public static void Write(Stream stream, FloatMatrix matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        WriteCore(stream, NpyDataType.Float32, (ReadOnlySpan<float>)matrix.AsSpan(), [matrix.Rows, matrix.Columns]);
    }

    /// <summary>Writes an array with its own data type and shape, atomically.</summary>
    /// <param name="path">The file to create or replace; missing directories are created.</param>
    /// <param name="array">The array.</param>
    /// <exception cref="IOException">The file could not be written; an existing file is left unchanged.</exception>
    public static void Write(string path, NpyArray array)
    {
        ArgumentNullException.ThrowIfNull(array);
        AtomicFile.Write(path, stream => Write(stream, array));
    }

    /// <summary>Writes an array with its own data type and shape at the stream's position.</summary>
    /// <param name="stream">A writable stream; it is not closed.</param>
    /// <param name="array">The array.</param>
    /// <exception cref="ArgumentException"><paramref name="stream"/> is not writable.</exception>
    public static void Write(Stream stream, NpyArray array)
    {
        ArgumentNullException.ThrowIfNull(array);
        switch (array.Storage)
        {
            case float[] floats: WriteCore(stream, NpyDataType.Float32, (ReadOnlySpan<float>)floats, array.ShapeSpan); break;
            case double[] doubles: WriteCore(stream, NpyDataType.Float64, (ReadOnlySpan<double>)doubles, array.ShapeSpan); break;
            case short[] shorts: WriteCore(stream, NpyDataType.Int16, (ReadOnlySpan<short>)shorts, array.ShapeSpan); break;
            default: WriteCore(stream, NpyDataType.Int64, (ReadOnlySpan<long>)(long[])array.Storage, array.ShapeSpan); break;
        }
    }

    /// <summary>Writes float32 values with any shape (<c>'&lt;f4'</c>), atomically.</summary>
    /// <param name="path">The file to create or replace; missing directories are created.</param>
    /// <param name="values">Row-major (C-order) values; their count must equal the product of <paramref name="shape"/>.</param>
    /// <param name="shape">The dimensions; empty for a 0-D scalar.</param>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is negative.</exception>
    /// <exception cref="ShapeMismatchException">The value count differs from the product of the dimensions; nothing is written.</exception>
    /// <exception cref="IOException">The file could not be written; an existing file is left unchanged.</exception>
    public static void Write(string path, ReadOnlyMemory<float> values, ReadOnlySpan<long> shape) =>
        WriteFile(path, NpyDataType.Float32, values, shape);

    /// <summary>Writes float64 values with any shape (<c>'&lt;f8'</c>), atomically.</summary>
    /// <inheritdoc cref="Write(string, ReadOnlyMemory{float}, ReadOnlySpan{long})"/>
    public static void Write(string path, ReadOnlyMemory<double> values, ReadOnlySpan<long> shape) =>
        WriteFile(path, NpyDataType.Float64, values, shape);

    /// <summary>Writes int64 values with any shape (<c>'&lt;i8'</c>), atomically.</summary>
    /// <inheritdoc cref="Write(string, ReadOnlyMemory{float}, ReadOnlySpan{long})"/>
    public static void Write(string path, ReadOnlyMemory<long> values, ReadOnlySpan<long> shape) =>
        WriteFile(path, NpyDataType.Int64, values, shape);

    /// <summary>Writes float32 values with any shape (<c>'&lt;f4'</c>) at the stream's position.</summary>
    /// <param name="stream">A writable stream; it is not closed.</param>
    /// <param name="values">Row-major (C-order) values; their count must equal the product of <paramref name="shape"/>.</param>
    /// <param name="shape">The dimensions; empty for a 0-D scalar.</param>
    /// <exception cref="ArgumentException"><paramref name="stream"/> is not writable.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is negative.</exception>
    /// <exception cref="ShapeMismatchException">The value count differs from the product of the dimensions; nothing is written.</exception>
    public static void Write(Stream stream, ReadOnlySpan<float> values, ReadOnlySpan<long> shape) =>
        WriteCore(stream, NpyDataType.Float32, values, shape);

    /// <summary>Writes float64 values with any shape (<c>'&lt;f8'</c>) at the stream's position.</summary>
    /// <inheritdoc cref="Write(Stream, ReadOnlySpan{float}, ReadOnlySpan{long})"/>
    public static void Write(Stream stream, ReadOnlySpan<double> values, ReadOnlySpan<long> shape) =>
        WriteCore(stream, NpyDataType.Float64, values, shape);

    /// <summary>Writes int64 values with any shape (<c>'&lt;i8'</c>) at the stream's position.</summary>
    /// <inheritdoc cref="Write(Stream, ReadOnlySpan{float}, ReadOnlySpan{long})"/>
    public static void Write(Stream stream, ReadOnlySpan<long> values, ReadOnlySpan<long> shape) =>
        WriteCore(stream, NpyDataType.Int64, values, shape);

    /// <summary>Writes int16 values with any shape (<c>'&lt;i2'</c>) at the stream's position.</summary>
    /// <inheritdoc cref="Write(Stream, ReadOnlySpan{float}, ReadOnlySpan{long})"/>
    public static void Write(Stream stream, ReadOnlySpan<short> values, ReadOnlySpan<long> shape) =>
        WriteCore(stream, NpyDataType.Int16, values, shape);

    /// <summary>Reads a float32, float64, int64 or int16 array of any shape.</summary>
    /// <param name="path">The <c>.npy</c> file; it is named in every error.</param>
    /// <exception cref="InvalidFileException">The file is malformed, truncated, has trailing bytes or holds an unsupported dtype or Fortran-order data.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static NpyArray Read(string path)
    {
        using var stream = OpenRead(path);
        return Read(stream, path);
    }

    /// <summary>Reads a float32, float64, int64 or int16 array of any shape from the stream's position to its end.</summary>
    /// <param name="stream">A readable stream holding exactly one array; it is not closed.</param>
    /// <param name="sourceName">The name to report as <see cref="InvalidFileException.FilePath"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="stream"/> is not readable.</exception>
    /// <exception cref="InvalidFileException">The content is malformed, truncated, has trailing bytes or holds an unsupported dtype or Fortran-order data.</exception>
    public static NpyArray Read(Stream stream, string sourceName)
    {
        var header = ReadHeader(stream, sourceName);
        Array values = header.DataType switch
        {
            NpyDataType.Float32 => ReadValues<float>(stream, header, sourceName),
            NpyDataType.Float64 => ReadValues<double>(stream, header, sourceName),
            NpyDataType.Int16 => ReadValues<short>(stream, header, sourceName),
            _ => ReadValues<long>(stream, header, sourceName),
        };
        return new NpyArray(header.DataType, values, header.Shape);
    }

    /// <summary>
    /// Reads a 2-D float32 array as a matrix, directly into the matrix's storage. Only shape <c>(rows, columns)</c>
    /// with dtype <c>'&lt;f4'</c> (or <c>'&gt;f4'</c>) is accepted: float64 is not narrowed silently and a 1-D array
    /// is not guessed to be a row or a column; use <see cref="Read(string)"/> and <see cref="NpyArray"/> for those.
    /// </summary>
    /// <param name="path">The <c>.npy</c> file; it is named in every error.</param>
    /// <exception cref="InvalidFileException">The file is malformed, or its <c>descr</c> is not float32, or its <c>shape</c> is not 2-D; the message gives expected and found.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static FloatMatrix ReadFloatMatrix(string path)
    {
        using var stream = OpenRead(path);
        return ReadFloatMatrix(stream, path);
    }

    /// <summary>Reads a 2-D float32 array as a matrix from the stream's position to its end.</summary>
    /// <param name="stream">A readable stream holding exactly one array; it is not closed.</param>
    /// <param name="sourceName">The name to report as <see cref="InvalidFileException.FilePath"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="stream"/> is not readable.</exception>
    /// <exception cref="InvalidFileException">The content is malformed, or its <c>descr</c> is not float32, or its <c>shape</c> is not 2-D.</exception>
    public static FloatMatrix ReadFloatMatrix(Stream stream, string sourceName)
    {
        var header = ReadHeader(stream, sourceName);
        if (header.DataType != NpyDataType.Float32)
        {
            throw new InvalidFileException(sourceName, "descr", header.DescrPosition,
                $"expected float32 ('<f4') for a matrix, found {NpyFormat.Name(header.DataType)} ('{header.Descr}'); save float32 from NumPy (a.astype('<f4')) or read with Npy.Read and convert explicitly with NpyArray.ConvertToFloat32()");
        }
        if (header.Shape.Length != 2 || header.Shape[0] > int.MaxValue || header.Shape[1] > int.MaxValue)
        {
            throw new InvalidFileException(sourceName, "shape", header.ShapePosition, header.Shape.Length != 2
                ? $"expected a 2-D shape (rows, columns) for a matrix, found {NpyFormat.FormatShape(header.Shape)} ({header.Shape.Length}-D); reshape in NumPy first, e.g. a.reshape(1, -1) for one row"
                : $"shape {NpyFormat.FormatShape(header.Shape)} has a dimension above 2^31 - 1, more than a FloatMatrix holds");
        }
        var values = ReadValues<float>(stream, header, sourceName);
        return FloatMatrix.Wrap(values, (int)header.Shape[0], (int)header.Shape[1]);
    }

    private static FileStream OpenRead(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
    }

    private static NpyHeader ReadHeader(Stream stream, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sourceName);
        if (!stream.CanRead)
        {
            throw new ArgumentException("The stream must be readable.", nameof(stream));
        }
        return NpyHeaderReader.Read(stream, sourceName);
    }

    private static T[] ReadValues<T>(Stream stream, NpyHeader header, string sourceName) where T : unmanaged
    {
        NpyData.CheckAvailable(stream, header, sourceName);
        // Every element is overwritten by the read (or the read throws), so skip zeroing large arrays.
        var values = GC.AllocateUninitializedArray<T>((int)header.ElementCount);
        NpyData.Read(stream, values.AsSpan(), header, sourceName);
        return values;
    }

    private static void WriteFile<T>(string path, NpyDataType type, ReadOnlyMemory<T> values, ReadOnlySpan<long> shape)
        where T : unmanaged
    {
        NpyFormat.CheckShape(shape, values.Length, nameof(values));
        var dimensions = shape.ToArray();
        AtomicFile.Write(path, stream => WriteCore(stream, type, values.Span, dimensions));
    }

    private static void WriteCore<T>(Stream stream, NpyDataType type, ReadOnlySpan<T> values, ReadOnlySpan<long> shape)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanWrite)
        {
            throw new ArgumentException("The stream must be writable.", nameof(stream));
        }
        NpyFormat.CheckShape(shape, values.Length, nameof(values));
        stream.Write(NpyHeaderWriter.Build(type, shape));
        NpyData.Write(stream, values);
    }
}
