using System.Text;

namespace InFiConD.Core.Tests;

/// <summary>
/// Reading hand-built <c>.npy</c> content (see <see cref="NpyBytes"/>): header variants the reader must
/// accept, and every malformed or unsupported file with its field, byte position and message.
/// </summary>
public class NpyHeaderTests
{
    private const string Source = "crafted.npy";

    [Fact]
    public void Double_quotes_any_key_order_no_trailing_comma_and_no_padding_are_accepted()
    {
        var file = NpyBytes.File(1, "{\"shape\": (2, 2), \"fortran_order\": False, \"descr\": \"<f4\"}", NpyBytes.FloatsLittleEndian(1, 2, 3, 4));

        var array = Npy.Read(file.AsStream(), Source);

        Assert.Equal(new long[] { 2, 2 }, array.Shape);
        Assert.Equal([1f, 2, 3, 4], array.AsFloat32().ToArray());
    }

    [Theory]
    [InlineData("{ 'descr' : '<f8' ,\n\t'fortran_order':False,'shape':( 3 , ) , }   \n")]
    [InlineData("{'fortran_order': False, 'shape': (3,), 'descr': '<f8'}\r\n")]
    [InlineData("\n  {'descr':\"<f8\",'shape':(3,),'fortran_order':False,}")]
    [InlineData("{'descr': '<f8', 'fortran_order': False, 'shape': (3L,), }\n")]
    public void Whitespace_quotes_and_python2_long_suffixes_are_accepted(string header)
    {
        var array = Npy.Read(NpyBytes.File(1, header, NpyBytes.DoublesLittleEndian(-1, 0.5, 8)).AsStream(), Source);

        Assert.Equal(NpyDataType.Float64, array.DataType);
        Assert.Equal(new long[] { 3 }, array.Shape);
        Assert.Equal([-1, 0.5, 8], array.AsFloat64().ToArray());
    }

    [Fact]
    public void Scalar_shapes_hold_one_value()
    {
        var file = NpyBytes.File(1, "{'descr': '<i8', 'fortran_order': False, 'shape': ()}\n", NpyBytes.LongsLittleEndian(-5));

        var array = Npy.Read(file.AsStream(), Source);

        Assert.Equal((0, 1), (array.Rank, array.Length));
        Assert.Equal(-5, array.AsInt64().Span[0]);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Versions_2_and_3_use_a_four_byte_header_length(int major)
    {
        var file = NpyBytes.File(major, "{'descr': '<i8', 'fortran_order': False, 'shape': (1, 2), }\n", NpyBytes.LongsLittleEndian(long.MinValue, 9));

        var array = Npy.Read(file.AsStream(), Source);

        Assert.Equal([long.MinValue, 9], array.AsInt64().ToArray());
    }

    [Theory]
    [InlineData("=f8")]
    [InlineData("f8")]
    public void Native_byte_order_means_this_machine(string descr)
    {
        var data = new[] { 2.5, -7.0 }.SelectMany(BitConverter.GetBytes).ToArray();
        var file = NpyBytes.File(1, $"{{'descr': '{descr}', 'fortran_order': False, 'shape': (2,)}}", data);

        Assert.Equal([2.5, -7.0], Npy.Read(file.AsStream(), Source).AsFloat64().ToArray());
    }

    [Fact]
    public void Big_endian_int64_is_byte_swapped()
    {
        byte[] data = [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFE, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08];
        var file = NpyBytes.File(1, "{'descr': '>i8', 'fortran_order': False, 'shape': (2,)}", data);

        Assert.Equal([-2L, 0x0102030405060708], Npy.Read(new NonSeekableStream(file), Source).AsInt64().ToArray());
    }

    [Fact]
    public void A_hand_built_file_reads_as_a_matrix_from_disk()
    {
        using var dir = new TempDirectory();
        var path = dir.File("m.npy");
        File.WriteAllBytes(path, NpyBytes.Float32Header2x3(NpyBytes.FloatsLittleEndian(0, -1, 2, -3, 4, -5)));

        var matrix = Npy.ReadFloatMatrix(path);

        Assert.Equal((2, 3), (matrix.Rows, matrix.Columns));
        Assert.Equal(-5f, matrix[1, 2]);
    }

    [Fact]
    public void Empty_content_is_a_magic_error()
    {
        Fails([], "magic", "the file is empty", 0);
    }

    [Fact]
    public void A_wrong_magic_string_shows_the_bytes_found()
    {
        Fails([(byte)'P', (byte)'K', 3, 4, 20, 0, 0, 0, 0, 0], "magic",
            @"not a .npy file: expected the magic string \x93NUMPY, found b'PK\x03\x04\x14\x00'", 0);
    }

    [Fact]
    public void Content_ending_inside_the_magic_or_version_says_so()
    {
        Fails([0x93, (byte)'N', (byte)'U'], "magic", "the file ends after 3 bytes, inside the magic string", 0);
        Fails(NpyBytes.File(1, "", [])[..7], "version", "the file ends after 7 bytes, inside the 2-byte version field", 7);
    }

    [Theory]
    [InlineData(9, 0, "format version 9.0 is not supported; supported versions are 1.0, 2.0 and 3.0")]
    [InlineData(1, 1, "format version 1.1 is not supported")]
    [InlineData(0, 0, "format version 0.0 is not supported")]
    public void Unknown_versions_are_refused(byte major, byte minor, string message)
    {
        var file = NpyBytes.Float32Header2x3(new byte[24]);
        (file[6], file[7]) = (major, minor);

        Fails(file, "version", message, 6);
    }

    [Fact]
    public void A_header_length_past_the_end_of_the_file_is_reported_with_both_sizes()
    {
        var file = NpyBytes.File(1, new string(' ', 50), []);
        (file[8], file[9]) = (200, 0);

        Fails(file, "header", "the header length field says 200 bytes but only 50 bytes follow it", 8);
        Fails(file, "header", "the header length field says 200 bytes but only 50 bytes follow it", 8, seekable: false);
        Fails(file[..9], "header", "the file ends inside the 2-byte header-length field", 8);
    }

    [Fact]
    public void An_absurd_header_length_is_refused_before_allocating()
    {
        var file = NpyBytes.File(2, "{}", []);
        (file[8], file[9], file[10], file[11]) = (0xF0, 0xFF, 0xFF, 0xFF);

        Fails(file, "header", "the header length 4294967280 exceeds", 8, seekable: false);
    }

    [Theory]
    [InlineData("{'descr': '<f4' 'fortran_order': False, 'shape': (2,)}", "'fortran_order'", "expected ',' or '}', found '''")]
    [InlineData("{'descr' '<f4', 'fortran_order': False, 'shape': (2,)}", "'<f4'", "expected ':' after the key 'descr', found '''")]
    [InlineData("{'descr': '<f4", "'<f4", "unterminated string starting with '")]
    [InlineData("{'descr': \"<f4', 'fortran_order': False}", "\"<f4", "unterminated string starting with \"")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3)", "{", "'{' is never closed")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3}", "}", "expected ',' or ')', found '}'")]
    [InlineData("['descr', '<f4']", "[", "expected the header to be a Python dict starting with '{', found '['")]
    [InlineData("{'descr': '<f4', 'fortran_order': false, 'shape': (2,)}", "false", "unknown name 'false'")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (2,)} x", "x", "unexpected 'x' after the dict's closing '}'")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (2.5,)}", ".5", "only decimal integers are valid here")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (-,)}", ",)", "expected digits after the sign, found ','")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (2,),, }", ", }", "unexpected ',' where a value was expected")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': }", "}", "unexpected '}' where a value was expected")]
    [InlineData("   \n", "", "the header is empty")]
    public void Malformed_header_dicts_are_reported_at_the_offending_byte(string header, string at, string message)
    {
        var position = at.Length == 0 ? header.Length : header.IndexOf(at, StringComparison.Ordinal);
        Fails(NpyBytes.File(1, header, []), "header", message, 10 + position);
    }

    [Fact]
    public void Deeply_nested_values_are_refused()
    {
        var header = "{'descr': '<f4', 'fortran_order': False, 'shape': " + new string('(', 100) + "}";
        Fails(NpyBytes.File(1, header, []), "header", "nested more than 32 levels deep");
    }

    [Fact]
    public void Version_3_headers_are_utf8_and_positions_count_bytes()
    {
        const string header = "{'ü': 1, 'descr': '<f4' x}";
        Fails(NpyBytes.File(3, header, [], Encoding.UTF8), "header", "expected ',' or '}', found 'x'", 12 + header.IndexOf('x') + 1);
        Fails(NpyBytes.File(1, header, [], Encoding.Latin1), "header", "expected ',' or '}', found 'x'", 10 + header.IndexOf('x'));
        Fails(NpyBytes.File(3, "{'descr': '\u00ff'}", [], Encoding.Latin1), "header", "a version 3.0 header must be valid UTF-8");
    }

    [Theory]
    [InlineData("{'descr': '<f4', 'fortran_order': False}", "shape", "the header has no 'shape' key")]
    [InlineData("{'fortran_order': False, 'shape': (2,)}", "descr", "the header has no 'descr' key")]
    [InlineData("{'descr': '<f4', 'shape': (2,)}", "fortran_order", "the header has no 'fortran_order' key")]
    public void Missing_keys_are_named(string header, string field, string message)
    {
        Fails(NpyBytes.File(1, header, []), field, message, 10);
    }

    [Theory]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), 'extra': 1}", "'extra'", "unexpected key 'extra'; a .npy header has exactly the keys 'descr', 'fortran_order' and 'shape'")]
    [InlineData("{'descr': '<f4', 'descr': '<f8', 'fortran_order': False, 'shape': (2,)}", "'descr': '<f8'", "the key 'descr' appears twice")]
    [InlineData("{1: 2, 'descr': '<f4', 'fortran_order': False, 'shape': (2,)}", "1", "unexpected key 1")]
    public void Unknown_and_duplicate_keys_are_refused(string header, string at, string message)
    {
        Fails(NpyBytes.File(1, header, []), "header", message, 10 + header.IndexOf(at, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("'<i4'", "dtype '<i4' is not supported; supported dtypes: '<f4' (float32), '<f8' (float64), '<i8' (int64) and '<i2' (int16)")]
    [InlineData("'|b1'", "dtype '|b1' is not supported; supported dtypes:")]
    [InlineData("'<c8'", "dtype '<c8' is not supported")]
    [InlineData("'|O'", "dtype '|O' is not supported")]
    [InlineData("'<f2'", "dtype '<f2' is not supported")]
    [InlineData("'<u8'", "dtype '<u8' is not supported")]
    [InlineData("'float32'", "dtype 'float32' is not supported")]
    [InlineData("''", "dtype '' is not supported")]
    [InlineData("'|f4'", "byte order '|' (not applicable) is only valid for 1-byte types; float32 needs '<' (little-endian) or '>' (big-endian)")]
    [InlineData("[('x', '<f4'), ('y', '<f4')]", "structured dtypes (a list of fields) are not supported")]
    [InlineData("5", "expected a dtype string such as '<f4', found 5")]
    public void Unsupported_dtypes_list_the_supported_ones(string descr, string message)
    {
        var header = $"{{'descr': {descr}, 'fortran_order': False, 'shape': (2,), }}";
        Fails(NpyBytes.File(1, header, new byte[16]), "descr", message, 10 + header.IndexOf(descr, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("True", "fortran_order True is not supported; save with np.ascontiguousarray")]
    [InlineData("1", "expected True or False, found 1")]
    [InlineData("None", "expected True or False, found None")]
    [InlineData("'False'", "expected True or False, found 'False'")]
    public void Fortran_order_must_be_False(string value, string message)
    {
        var header = $"{{'descr': '<f4', 'fortran_order': {value}, 'shape': (2, 3), }}";
        Fails(NpyBytes.File(1, header, new byte[24]), "fortran_order", message, 10 + header.IndexOf(value, 20, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("(-1, 3)", "-1", "dimension 0 of shape (-1, 3) is negative")]
    [InlineData("(3, -2)", "-2", "dimension 1 of shape (3, -2) is negative")]
    [InlineData("[2, 3]", "[2, 3]", "expected a tuple of non-negative integers such as (3, 4), (5,) or (), found [2, 3]")]
    [InlineData("(5)", "5", "expected a tuple of non-negative integers such as (3, 4), (5,) or (), found 5")]
    [InlineData("'3'", "'3'", "expected a tuple of non-negative integers")]
    [InlineData("('a',)", "'a'", "dimension 0 must be an integer, found 'a'")]
    [InlineData("(2, None)", "None", "dimension 1 must be an integer, found None")]
    [InlineData("(99999999999999999999,)", "99999999999999999999", "dimension 0 of shape (99999999999999999999,) is too large")]
    [InlineData("(4294967296, 4294967296, 4294967296)", "(4294967296", "holds 79228162514264337593543950336 elements, more than the 2147483591 a .NET array can hold")]
    [InlineData("(3000000000,)", "(3000000000", "shape (3000000000,) holds 3000000000 elements, more than the 2147483591")]
    public void Invalid_shapes_are_refused(string shape, string at, string message)
    {
        var header = $"{{'descr': '<f4', 'fortran_order': False, 'shape': {shape}, }}";
        Fails(NpyBytes.File(1, header, new byte[24]), "shape", message, 10 + header.IndexOf(at, 40, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Truncated_data_reports_expected_and_actual_byte_counts(bool seekable)
    {
        var file = NpyBytes.Float32Header2x3(new byte[20]);

        Fails(file, "data", "the data is truncated: shape (2, 3) of float32 needs 24 bytes after the header, found 20", 128 + 20, seekable);
        Fails(NpyBytes.Float32Header2x3([]), "data", "needs 24 bytes after the header, found 0", 128, seekable);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Trailing_bytes_after_the_data_are_refused(bool seekable)
    {
        var file = NpyBytes.Float32Header2x3(new byte[27]);

        Fails(file, "data", "found 3 bytes after the 24 bytes of data that shape (2, 3) of float32 needs; a .npy file holds exactly one array", 128 + 24, seekable);
    }

    [Fact]
    public void Errors_from_files_on_disk_name_the_path()
    {
        using var dir = new TempDirectory();
        var path = dir.File("broken.npy");
        File.WriteAllBytes(path, NpyBytes.Float32Header2x3(new byte[23]));

        var read = Assert.Throws<InvalidFileException>(() => Npy.Read(path));
        var matrix = Assert.Throws<InvalidFileException>(() => Npy.ReadFloatMatrix(path));

        foreach (var error in new[] { read, matrix })
        {
            Assert.Equal(path, error.FilePath);
            Assert.Equal("data", error.Field);
            Assert.StartsWith($"{path}:151: field 'data': the data is truncated", error.Message);
        }
    }

    [Theory]
    [InlineData("'<f8'", "(2, 3)", "descr", "'<f8'", "expected float32 ('<f4') for a matrix, found float64 ('<f8')")]
    [InlineData("'<i8'", "(2, 3)", "descr", "'<i8'", "expected float32 ('<f4') for a matrix, found int64 ('<i8')")]
    [InlineData("'<f4'", "(6,)", "shape", "(6,)", "expected a 2-D shape (rows, columns) for a matrix, found (6,) (1-D)")]
    [InlineData("'<f4'", "(1, 2, 3)", "shape", "(1, 2, 3)", "found (1, 2, 3) (3-D)")]
    [InlineData("'<f4'", "()", "shape", "()", "found () (0-D)")]
    [InlineData("'<f4'", "(0, 4294967296)", "shape", "(0, 4294967296)", "has a dimension above 2^31 - 1")]
    public void ReadFloatMatrix_requires_a_2d_float32_array(string descr, string shape, string field, string at, string message)
    {
        using var dir = new TempDirectory();
        var path = dir.File("not-a-matrix.npy");
        var header = $"{{'descr': {descr}, 'fortran_order': False, 'shape': {shape}, }}";
        var count = shape == "()" ? 1 : shape.Contains("0,", StringComparison.Ordinal) ? 0 : 6;
        File.WriteAllBytes(path, NpyBytes.File(1, header, new byte[count * (descr == "'<f4'" ? 4 : 8)]));

        var error = Assert.Throws<InvalidFileException>(() => Npy.ReadFloatMatrix(path));

        Assert.Equal(path, error.FilePath);
        Assert.Equal(field, error.Field);
        Assert.Equal(10 + header.IndexOf(at, StringComparison.Ordinal), error.Position);
        Assert.Contains(message, error.Message);
        Assert.NotNull(Npy.Read(path)); // the same file is a valid array
    }

    [Fact]
    public void Streams_must_be_readable()
    {
        using var writeOnly = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.Write, FileShare.None, 4096, FileOptions.DeleteOnClose);
        Assert.Throws<ArgumentException>(() => Npy.Read(writeOnly, "w"));
    }

    private static void Fails(byte[] file, string field, string message, long? position = null, bool seekable = true)
    {
        Stream stream = seekable ? file.AsStream() : new NonSeekableStream(file);
        var error = Assert.Throws<InvalidFileException>(() => Npy.Read(stream, Source));
        Assert.Equal(Source, error.FilePath);
        Assert.Equal(field, error.Field);
        Assert.Contains(message, error.Message);
        if (position is not null)
        {
            Assert.Equal(position, error.Position);
        }
    }
}
