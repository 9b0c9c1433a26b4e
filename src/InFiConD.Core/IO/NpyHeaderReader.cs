using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using System.Text;

namespace InFiConD.Core;

/// <summary>
/// Reads and validates the magic string, version, header length and header dict of a <c>.npy</c> file,
/// leaving the stream at the first data byte.
/// </summary>
internal static class NpyHeaderReader
{
    private const string Keys = "'descr', 'fortran_order' and 'shape'";

    /// <exception cref="InvalidFileException">The header is malformed or describes an unsupported array.</exception>
    public static NpyHeader Read(Stream stream, string source)
    {
        Span<byte> prefix = stackalloc byte[12];
        var got = stream.ReadAtLeast(prefix[..8], 8, throwOnEndOfStream: false);
        CheckMagic(prefix[..Math.Min(got, 6)], source);
        if (got < 8)
        {
            throw new InvalidFileException(source, "version", got, $"the file ends after {got} bytes, inside the 2-byte version field");
        }
        int major = prefix[6], minor = prefix[7];
        if (minor != 0 || major is < 1 or > 3)
        {
            throw new InvalidFileException(source, "version", 6, $"format version {major}.{minor} is not supported; supported versions are 1.0, 2.0 and 3.0");
        }
        var lengthSize = major == 1 ? 2 : 4;
        got = stream.ReadAtLeast(prefix.Slice(8, lengthSize), lengthSize, throwOnEndOfStream: false);
        if (got < lengthSize)
        {
            throw new InvalidFileException(source, "header", 8, $"the file ends inside the {lengthSize}-byte header-length field");
        }
        long length = major == 1 ? BinaryPrimitives.ReadUInt16LittleEndian(prefix[8..]) : BinaryPrimitives.ReadUInt32LittleEndian(prefix[8..]);
        var start = 8 + lengthSize;
        if (length > NpyFormat.MaxHeaderLength)
        {
            throw new InvalidFileException(source, "header", 8, $"the header length {length} exceeds the {NpyFormat.MaxHeaderLength} bytes this reader accepts; the file is probably corrupt");
        }
        if (stream.CanSeek && stream.Length - stream.Position < length)
        {
            throw HeaderPastEnd(source, length, stream.Length - stream.Position);
        }
        var bytes = new byte[length];
        got = stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
        if (got < length)
        {
            throw HeaderPastEnd(source, length, got);
        }
        var header = new NpyHeaderText(Decode(bytes, major == 3, source, start), source, start, major == 3);
        return Validate(header, NpyHeaderParser.Parse(header), start + length);
    }

    private static void CheckMagic(ReadOnlySpan<byte> found, string source)
    {
        if (found.SequenceEqual(NpyFormat.Magic))
        {
            return;
        }
        var problem = found.IsEmpty ? "the file is empty; a .npy file starts with the magic string \\x93NUMPY"
            : NpyFormat.Magic.StartsWith(found) ? $"the file ends after {found.Length} bytes, inside the magic string \\x93NUMPY"
            : $"not a .npy file: expected the magic string \\x93NUMPY, found {Escape(found)}";
        throw new InvalidFileException(source, "magic", 0, problem);
    }

    private static InvalidFileException HeaderPastEnd(string source, long length, long available) =>
        new(source, "header", 8, $"the header length field says {length} bytes but only {available} bytes follow it");

    private static string Decode(byte[] bytes, bool utf8, string source, long start)
    {
        if (!utf8)
        {
            return Encoding.Latin1.GetString(bytes);
        }
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            throw new InvalidFileException(source, "header", start + Math.Max(e.Index, 0), "a version 3.0 header must be valid UTF-8", e);
        }
    }

    private static NpyHeader Validate(NpyHeaderText header, NpyDictLiteral dict, long dataOffset)
    {
        NpyLiteral? descr = null, fortranOrder = null, shape = null;
        foreach (var (key, value) in dict.Entries)
        {
            switch ((key as NpyStringLiteral)?.Value)
            {
                case "descr": Assign(ref descr); break;
                case "fortran_order": Assign(ref fortranOrder); break;
                case "shape": Assign(ref shape); break;
                default: throw header.Error("header", key.Start, $"unexpected key {header.Quote(key)}; a .npy header has exactly the keys {Keys}");
            }

            void Assign(ref NpyLiteral? slot)
            {
                slot = slot is null ? value : throw header.Error("header", key.Start, $"the key {header.Quote(key)} appears twice");
            }
        }
        if (descr is null || fortranOrder is null || shape is null)
        {
            var missing = descr is null ? "descr" : fortranOrder is null ? "fortran_order" : "shape";
            throw header.Error(missing, dict.Start, $"the header has no '{missing}' key; a .npy header has exactly the keys {Keys}");
        }
        var (type, swap, descrText) = ParseDescr(header, descr);
        CheckFortranOrder(header, fortranOrder);
        var (dimensions, count) = ParseShape(header, shape);
        return new NpyHeader(descrText, type, swap, dimensions, count, header.PositionOf(descr.Start), header.PositionOf(shape.Start), dataOffset);
    }

    private static (NpyDataType Type, bool Swap, string Descr) ParseDescr(NpyHeaderText header, NpyLiteral literal)
    {
        if (literal is not NpyStringLiteral { Value: var descr })
        {
            throw header.Error("descr", literal.Start, literal is NpySequenceLiteral
                ? $"structured dtypes (a list of fields) are not supported; supported dtypes: {NpyFormat.SupportedDtypes}"
                : $"expected a dtype string such as '<f4', found {header.Quote(literal)}");
        }
        var order = descr.Length > 0 && descr[0] is '<' or '>' or '|' or '=' ? descr[0] : '=';
        var code = descr.Length > 0 && descr[0] is '<' or '>' or '|' or '=' ? descr[1..] : descr;
        NpyDataType type = code switch
        {
            "f4" => NpyDataType.Float32,
            "f8" => NpyDataType.Float64,
            "i8" => NpyDataType.Int64,
            "i2" => NpyDataType.Int16,
            _ => throw header.Error("descr", literal.Start, $"dtype '{descr}' is not supported; supported dtypes: {NpyFormat.SupportedDtypes}"),
        };
        if (order == '|')
        {
            throw header.Error("descr", literal.Start, $"dtype '{descr}': byte order '|' (not applicable) is only valid for 1-byte types; {NpyFormat.Name(type)} needs '<' (little-endian) or '>' (big-endian)");
        }
        // '<' and '>' are explicit; '=' (or no prefix) means native order, as NumPy reads it.
        var swap = order == '<' ? !BitConverter.IsLittleEndian : order == '>' && BitConverter.IsLittleEndian;
        return (type, swap, descr);
    }

    private static void CheckFortranOrder(NpyHeaderText header, NpyLiteral literal)
    {
        if (literal is not NpyConstantLiteral { Value: bool fortran })
        {
            throw header.Error("fortran_order", literal.Start, $"expected True or False, found {header.Quote(literal)}");
        }
        if (fortran)
        {
            throw header.Error("fortran_order", literal.Start, "fortran_order True is not supported; save with np.ascontiguousarray(a) to write C (row-major) order");
        }
    }

    private static (long[] Shape, long Count) ParseShape(NpyHeaderText header, NpyLiteral literal)
    {
        if (literal is not NpySequenceLiteral { IsTuple: true, Items: var items })
        {
            throw header.Error("shape", literal.Start, $"expected a tuple of non-negative integers such as (3, 4), (5,) or (), found {header.Quote(literal)}");
        }
        var shape = new long[items.Count];
        for (var i = 0; i < shape.Length; i++)
        {
            if (items[i] is not NpyIntegerLiteral { Value: var value })
            {
                throw header.Error("shape", items[i].Start, $"dimension {i} must be an integer, found {header.Quote(items[i])}");
            }
            if (value.Sign < 0 || value > long.MaxValue)
            {
                var why = value.Sign < 0 ? "is negative" : "is too large";
                throw header.Error("shape", items[i].Start, $"dimension {i} of shape {header.Quote(literal)} {why}");
            }
            shape[i] = (long)value;
        }
        if (!NpyFormat.TryElementCount(shape, out var count) || count > Array.MaxLength)
        {
            var product = shape.Aggregate(BigInteger.One, (p, d) => p * d);
            throw header.Error("shape", literal.Start, string.Create(CultureInfo.InvariantCulture,
                $"shape {NpyFormat.FormatShape(shape)} holds {product} elements, more than the {Array.MaxLength} a .NET array can hold"));
        }
        return (shape, count);
    }

    private static string Escape(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder("b'");
        foreach (var b in bytes)
        {
            text.Append(b is >= 0x20 and < 0x7F and not (byte)'\'' and not (byte)'\\' ? ((char)b).ToString() : $"\\x{b:x2}");
        }
        return text.Append('\'').ToString();
    }
}
