using System.Text;

namespace InFiConD.Core.Tests;

/// <summary>Writing, reading and round-tripping <c>.npy</c> files, checked against files written by NumPy.</summary>
public class NpyTests
{
    private static readonly long[][] Shapes =
    [
        [], [1], [5], [0], [2, 3], [0, 5], [5, 0], [2, 3, 4], [1, 1, 1, 1], [3, 0, 2],
    ];

    public static TheoryData<int> ShapeIndexes() => [.. Enumerable.Range(0, Shapes.Length)];

    [Fact]
    public void Float32_2x3_is_written_exactly_as_numpy_writes_it()
    {
        var matrix = FloatMatrix.FromValues([0, 1, 2, 3, 4, 5], 2, 3);
        using var stream = new MemoryStream();

        Npy.Write(stream, matrix);

        var expected = Encoding.Latin1.GetBytes(
            "\x93NUMPY\x01\x00v\x00{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }" + new string(' ', 58) + "\n");
        var bytes = stream.ToArray();
        Assert.Equal(128, expected.Length);
        Assert.Equal(expected, bytes[..128]);
        Assert.Equal(NpyBytes.FloatsLittleEndian(0, 1, 2, 3, 4, 5), bytes[128..]);
        Assert.Equal(NpyBytes.Hex(NumpyFixtures.Float32Arange2x3), bytes);
    }

    [Fact]
    public void Writer_output_equals_numpy_output_byte_for_byte()
    {
        AssertWrites(NumpyFixtures.Float32Arange2x3, NpyArray.FromFloat32([0, 1, 2, 3, 4, 5], [2, 3]));
        AssertWrites(NumpyFixtures.Float64Scalar, NpyArray.FromFloat64([1.5], []));
        AssertWrites(NumpyFixtures.Int64Vector, NpyArray.FromInt64([-1, 0, 1L << 62, long.MinValue, long.MaxValue], [5]));
        AssertWrites(NumpyFixtures.Float32Empty0x5, NpyArray.FromFloat32([], [0, 5]));
        AssertWrites(NumpyFixtures.Float32Special, NpyArray.FromFloat32(SpecialFloats(), [6]));
        AssertWrites(NumpyFixtures.Float64Cube2x1x3, NpyArray.FromFloat64(Cube(), [2, 1, 3]));
        AssertWrites(NumpyFixtures.Float64PadBy64, NpyArray.FromFloat64([], [3, 0, 10, 10, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]));
        AssertWrites(NumpyFixtures.Float64PadBy1, NpyArray.FromFloat64([], [3, 0, 10, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]));

        static void AssertWrites(string numpyHex, NpyArray array)
        {
            using var stream = new MemoryStream();
            Npy.Write(stream, array);
            Assert.Equal(numpyHex, Convert.ToHexStringLower(stream.ToArray()));
        }
    }

    [Fact]
    public void Numpy_files_read_back_with_their_dtype_shape_and_exact_bits()
    {
        var matrix = Read(NumpyFixtures.Float32Arange2x3);
        Assert.Equal(NpyDataType.Float32, matrix.DataType);
        Assert.Equal(new long[] { 2, 3 }, matrix.Shape);
        Assert.Equal([0f, 1, 2, 3, 4, 5], matrix.AsFloat32().ToArray());

        var scalar = Read(NumpyFixtures.Float64Scalar);
        Assert.Equal((NpyDataType.Float64, 0, 1), (scalar.DataType, scalar.Rank, scalar.Length));
        Assert.Equal(1.5, scalar.AsFloat64().Span[0]);

        var longs = Read(NumpyFixtures.Int64Vector);
        Assert.Equal([-1L, 0, 1L << 62, long.MinValue, long.MaxValue], longs.AsInt64().ToArray());

        var empty = Read(NumpyFixtures.Float32Empty0x5);
        Assert.Equal(new long[] { 0, 5 }, empty.Shape);
        Assert.Equal(0, empty.Length);

        AssertSameBits(SpecialFloats(), Read(NumpyFixtures.Float32Special).AsFloat32().ToArray());
        AssertSameBits(Cube(), Read(NumpyFixtures.Float64Cube2x1x3).AsFloat64().ToArray());
        Assert.Equal(new long[] { 3, 0, 10, 10, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 }, Read(NumpyFixtures.Float64PadBy64).Shape);
        Assert.Equal(14, Read(NumpyFixtures.Float64PadBy1).Rank);
    }

    [Theory]
    [InlineData(NumpyFixtures.Float32Version2)]
    [InlineData(NumpyFixtures.Float32Version3)]
    public void Numpy_version_2_and_3_files_are_read(string hex)
    {
        var array = Read(hex);
        Assert.Equal(new long[] { 3 }, array.Shape);
        Assert.Equal([0f, 1, 2], array.AsFloat32().ToArray());
    }

    [Fact]
    public void Numpy_big_endian_files_are_byte_swapped_on_read()
    {
        Assert.Equal([0.25f, 1.25f, 2.25f], Read(NumpyFixtures.Float32BigEndian).AsFloat32().ToArray());
        Assert.Equal([-2L, 3], Read(NumpyFixtures.Int64BigEndian).AsInt64().ToArray());
        Assert.Equal([-0.5, 1e300], Read(NumpyFixtures.Float64BigEndian).AsFloat64().ToArray());
        var matrix = Npy.ReadFloatMatrix(NpyBytes.File(1, "{'descr': '>f4', 'fortran_order': False, 'shape': (1, 2)}",
            NpyBytes.FloatsBigEndian(-1.5f, 3e38f)).AsStream(), "be.npy");
        Assert.Equal([-1.5f, 3e38f], matrix.AsSpan().ToArray());
    }

    [Fact]
    public void Numpy_fortran_order_and_int32_files_are_refused()
    {
        var fortran = Assert.Throws<InvalidFileException>(() => Read(NumpyFixtures.Float32Fortran2x3));
        Assert.Equal("fortran_order", fortran.Field);
        Assert.Contains("fortran_order True is not supported; save with np.ascontiguousarray", fortran.Message);

        var int32 = Assert.Throws<InvalidFileException>(() => Read(NumpyFixtures.Int32Vector));
        Assert.Equal("descr", int32.Field);
        Assert.Contains("'<i4' is not supported", int32.Message);
        Assert.Contains("'<f4' (float32), '<f8' (float64), '<i8' (int64) and '<i2' (int16)", int32.Message);
    }

    [Fact]
    public void Int16_arrays_round_trip_and_read_big_endian()
    {
        var stream = new MemoryStream();
        Npy.Write(stream, NpyArray.FromInt16([-1, 0, 7, short.MinValue, short.MaxValue], [5]));
        var bytes = stream.ToArray();
        // NumPy's header for int16 (5,), then the values little-endian: -1 = ff ff, 7 = 07 00, -32768 = 00 80.
        Assert.Contains("{'descr': '<i2', 'fortran_order': False, 'shape': (5,), }", System.Text.Encoding.ASCII.GetString(bytes, 10, bytes.Length - 20), StringComparison.Ordinal);
        Assert.Equal<byte>([0xff, 0xff, 0, 0, 7, 0, 0, 0x80, 0xff, 0x7f], bytes[^10..]);
        var back = Npy.Read(new MemoryStream(bytes), "i2.npy");
        Assert.Equal(NpyDataType.Int16, back.DataType);
        Assert.Equal([-1, 0, 7, short.MinValue, short.MaxValue], back.AsInt16().ToArray());
        Assert.Equal([-1f, 0, 7, -32768, 32767], back.ConvertToFloat32().AsFloat32().ToArray());

        var bigEndian = NpyBytes.File(1, "{'descr': '>i2', 'fortran_order': False, 'shape': (2,)}", [0xff, 0xfe, 0x01, 0x02]);
        Assert.Equal([(short)-2, (short)0x0102], Npy.Read(bigEndian.AsStream(), "be.npy").AsInt16().ToArray());
    }

    [Theory]
    [MemberData(nameof(ShapeIndexes))]
    public void Every_dtype_round_trips_bit_exactly_for_every_shape(int shapeIndex)
    {
        var shape = Shapes[shapeIndex];
        var count = (int)shape.Aggregate(1L, (p, d) => p * d);
        var random = new Random(1234 + shapeIndex);
        var floats = Enumerable.Range(0, count).Select(_ => BitConverter.Int32BitsToSingle(random.Next())).ToArray();
        var doubles = Enumerable.Range(0, count).Select(_ => BitConverter.Int64BitsToDouble(random.NextInt64())).ToArray();
        var longs = Enumerable.Range(0, count).Select(_ => random.NextInt64(long.MinValue, long.MaxValue)).ToArray();

        AssertSameBits(floats, RoundTrip(s => Npy.Write(s, floats, shape), NpyDataType.Float32, shape).AsFloat32().ToArray());
        AssertSameBits(doubles, RoundTrip(s => Npy.Write(s, doubles, shape), NpyDataType.Float64, shape).AsFloat64().ToArray());
        Assert.Equal(longs, RoundTrip(s => Npy.Write(s, longs, shape), NpyDataType.Int64, shape).AsInt64().ToArray());
    }

    [Fact]
    public void Special_values_round_trip_bit_exactly_through_files()
    {
        using var dir = new TempDirectory();
        double[] doubles = [-0.0, double.NaN, BitConverter.Int64BitsToDouble(0x7FF0_0000_0000_0001), BitConverter.Int64BitsToDouble(unchecked((long)0xFFF8_0000_DEAD_BEEF)), double.Epsilon, double.NegativeInfinity];

        Npy.Write(dir.File("f.npy"), SpecialFloats(), [2, 3]);
        Npy.Write(dir.File("d.npy"), doubles, [6]);

        AssertSameBits(SpecialFloats(), Npy.Read(dir.File("f.npy")).AsFloat32().ToArray());
        AssertSameBits(SpecialFloats(), Npy.ReadFloatMatrix(dir.File("f.npy")).AsSpan().ToArray());
        AssertSameBits(doubles, Npy.Read(dir.File("d.npy")).AsFloat64().ToArray());
    }

    [Fact]
    public void Float_matrices_round_trip_through_files_and_streams()
    {
        using var dir = new TempDirectory();
        var matrix = FloatMatrix.FromValues([1, -2, 3.5f, float.MaxValue, -0f, 6], 3, 2);
        var path = Path.Combine(dir.Path, "nested", "deeper", "m.npy");

        Npy.Write(path, matrix);
        var fromFile = Npy.ReadFloatMatrix(path);

        using var stream = new MemoryStream();
        stream.Write([1, 2, 3]); // the stream's position, not its start, is where the array goes
        Npy.Write(stream, matrix);
        Assert.True(stream.CanWrite, "the stream is left open");
        stream.Position = 3;
        var fromStream = Npy.ReadFloatMatrix(stream, "memory");

        foreach (var read in new[] { fromFile, fromStream })
        {
            Assert.Equal((3, 2), (read.Rows, read.Columns));
            AssertSameBits(matrix.AsSpan().ToArray(), read.AsSpan().ToArray());
        }
        Assert.Equal(["nested/deeper/m.npy".Replace('/', Path.DirectorySeparatorChar)], dir.ListFiles());
    }

    [Fact]
    public void Empty_matrices_round_trip()
    {
        using var stream = new MemoryStream();
        Npy.Write(stream, new FloatMatrix(0, 5));
        stream.Position = 0;
        var read = Npy.ReadFloatMatrix(stream, "empty");
        Assert.Equal((0, 5), (read.Rows, read.Columns));
        Assert.Equal(NpyBytes.Hex(NumpyFixtures.Float32Empty0x5), stream.ToArray());
    }

    [Fact]
    public void Large_arrays_round_trip_through_a_non_seekable_stream()
    {
        var values = Enumerable.Range(0, 300_001).Select(i => i * 0.5f - 7).ToArray();
        using var buffer = new MemoryStream();
        Npy.Write(buffer, values, [300_001]);

        var read = Npy.Read(new NonSeekableStream(buffer.ToArray(), maxChunk: 65_536), "pipe");

        Assert.Equal(values, read.AsFloat32().ToArray());
    }

    [Fact]
    public void Every_written_header_is_padded_to_64_bytes_and_ends_with_a_newline()
    {
        for (var rank = 0; rank <= 40; rank++)
        {
            foreach (var first in new long[] { 0, 7, 123_456_789, long.MaxValue })
            {
                // Zero-sized arrays (a trailing 0) exercise every header length without any data.
                long[] shape = rank switch { 0 => [], 1 => [0], _ => [first, .. new long[rank - 1]] };
                using var stream = new MemoryStream();
                Npy.Write(stream, new double[rank == 0 ? 1 : 0], shape);
                var bytes = stream.ToArray();
                var headerLength = bytes[8] | bytes[9] << 8;
                Assert.Equal(1, bytes[6]);
                Assert.Equal(0, (10 + headerLength) % 64);
                Assert.Equal((byte)'\n', bytes[10 + headerLength - 1]);
                Assert.Equal(-1, Array.IndexOf(bytes, (byte)'\n', 0, 10 + headerLength - 1));
            }
        }
    }

    [Fact]
    public void Headers_too_long_for_version_1_are_written_as_version_2()
    {
        var shape = Enumerable.Repeat(1L, 22_000).ToArray();
        using var stream = new MemoryStream();

        Npy.Write(stream, [42L], shape);

        var bytes = stream.ToArray();
        Assert.Equal(2, bytes[6]);
        var headerLength = BitConverter.ToInt32(bytes, 8);
        Assert.True(headerLength > ushort.MaxValue);
        Assert.Equal(0, (12 + headerLength) % 64);
        Assert.Equal((byte)'\n', bytes[12 + headerLength - 1]);
        stream.Position = 0;
        var read = Npy.Read(stream, "v2");
        Assert.Equal(22_000, read.Rank);
        Assert.Equal([42L], read.AsInt64().ToArray());
    }

    [Fact]
    public void Writing_with_a_shape_that_does_not_match_the_values_fails_before_touching_the_file()
    {
        using var dir = new TempDirectory();
        var path = dir.File("bad.npy");

        var mismatch = Assert.Throws<ShapeMismatchException>(() => Npy.Write(path, new float[5], [2, 3]));
        Assert.Contains("6 values", mismatch.Message);
        Assert.Contains("5 values", mismatch.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => Npy.Write(path, new double[0], [-1, 0]));
        Assert.Throws<ShapeMismatchException>(() => Npy.Write(new MemoryStream(), new long[1], [1L << 40, 1L << 40]));
        Assert.Empty(dir.ListFiles());
    }

    [Fact]
    public void Writing_to_a_read_only_stream_is_an_argument_error()
    {
        using var readOnly = new MemoryStream(new byte[10], writable: false);
        Assert.Throws<ArgumentException>(() => Npy.Write(readOnly, new FloatMatrix(1, 1)));
    }

    [Fact]
    public void Writing_a_file_replaces_the_previous_one_atomically()
    {
        using var dir = new TempDirectory();
        var path = dir.File("m.npy");
        Npy.Write(path, new FloatMatrix(4, 4));

        Npy.Write(path, FloatMatrix.FromValues([9], 1, 1));

        Assert.Equal([9f], Npy.ReadFloatMatrix(path).AsSpan().ToArray());
        Assert.Equal(["m.npy"], dir.ListFiles());
    }

    [Fact]
    public void The_byte_swapping_writer_reverses_each_element()
    {
        // Only big-endian machines take this path when writing; check it here with an explicit flag.
        float[] values = [1.5f, -2f, float.NaN];
        using var stream = new MemoryStream();

        NpyData.Write(stream, (ReadOnlySpan<float>)values, swapBytes: true);

        Assert.Equal(NpyBytes.FloatsBigEndian(values), stream.ToArray());
    }

    [Fact]
    public void Reading_a_missing_file_is_a_file_not_found_error()
    {
        using var dir = new TempDirectory();
        Assert.Throws<FileNotFoundException>(() => Npy.Read(dir.File("missing.npy")));
    }

    private static NpyArray Read(string hex) => Npy.Read(NpyBytes.Hex(hex).AsStream(), "numpy.npy");

    private static NpyArray RoundTrip(Action<Stream> write, NpyDataType type, long[] shape)
    {
        using var stream = new MemoryStream();
        write(stream);
        Assert.Equal(0, (Array.IndexOf(stream.ToArray(), (byte)'\n') + 1) % 64);
        stream.Position = 0;
        var read = Npy.Read(stream, "round-trip");
        Assert.Equal(type, read.DataType);
        Assert.Equal(shape, read.Shape);
        return read;
    }

    private static float[] SpecialFloats() =>
        [.. new uint[] { 0x7FC0_0001, 0x8000_0000, 0x7F80_0000, 0xFF80_0000, 0x0000_0001, 0xFFC1_2345 }.Select(BitConverter.UInt32BitsToSingle)];

    private static double[] Cube() => [.. Enumerable.Range(0, 6).Select(i => (i - 2.5) / 3)];

    private static void AssertSameBits(float[] expected, float[] actual) =>
        Assert.Equal(expected.Select(BitConverter.SingleToUInt32Bits), actual.Select(BitConverter.SingleToUInt32Bits));

    private static void AssertSameBits(double[] expected, double[] actual) =>
        Assert.Equal(expected.Select(BitConverter.DoubleToUInt64Bits), actual.Select(BitConverter.DoubleToUInt64Bits));
}
