using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace InFiConD.Core;

/// <summary>
/// Moves array data between streams and typed spans. On little-endian machines bytes go straight between the
/// stream and the destination (no per-element work, no intermediate buffer); byte order is swapped in place
/// when the file's order differs from the machine's.
/// </summary>
internal static class NpyData
{
    /// <summary>Largest single read or write, so byte counts stay within <see cref="int"/>.</summary>
    private const int ChunkBytes = 1 << 30;

    private const int SwapBufferBytes = 1 << 16;

    /// <summary>
    /// Fails before anything is allocated when a seekable stream holds fewer or more bytes than the header
    /// requires.
    /// </summary>
    public static void CheckAvailable(Stream stream, NpyHeader header, string source)
    {
        if (stream.CanSeek)
        {
            CheckCount(header, stream.Length - stream.Position, source);
        }
    }

    /// <summary>Reads exactly <paramref name="destination"/>'s bytes, then requires the stream to be at its end.</summary>
    public static void Read<T>(Stream stream, Span<T> destination, NpyHeader header, string source)
        where T : unmanaged
    {
        var chunk = ChunkBytes / Unsafe.SizeOf<T>();
        long total = 0;
        for (var start = 0; start < destination.Length; start += chunk)
        {
            var part = destination.Slice(start, Math.Min(chunk, destination.Length - start));
            var bytes = MemoryMarshal.AsBytes(part);
            var got = stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
            total += got;
            if (got < bytes.Length)
            {
                CheckCount(header, total, source);
            }
            if (header.SwapBytes)
            {
                SwapInPlace(part);
            }
        }
        CheckCount(header, total + CountRemaining(stream), source);
    }

    /// <summary>Writes values in little-endian order.</summary>
    public static void Write<T>(Stream stream, ReadOnlySpan<T> values) where T : unmanaged =>
        Write(stream, values, swapBytes: !BitConverter.IsLittleEndian);

    /// <summary>Writes values, reversing each element's bytes when <paramref name="swapBytes"/> is set.</summary>
    internal static void Write<T>(Stream stream, ReadOnlySpan<T> values, bool swapBytes) where T : unmanaged
    {
        var chunk = (swapBytes ? SwapBufferBytes : ChunkBytes) / Unsafe.SizeOf<T>();
        var buffer = swapBytes ? ArrayPool<byte>.Shared.Rent(SwapBufferBytes) : null;
        try
        {
            for (var start = 0; start < values.Length; start += chunk)
            {
                var bytes = MemoryMarshal.AsBytes(values.Slice(start, Math.Min(chunk, values.Length - start)));
                if (buffer is null)
                {
                    stream.Write(bytes);
                    continue;
                }
                var copy = buffer.AsSpan(0, bytes.Length);
                bytes.CopyTo(copy);
                SwapInPlace(MemoryMarshal.Cast<byte, T>(copy));
                stream.Write(copy);
            }
        }
        finally
        {
            if (buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    private static void SwapInPlace<T>(Span<T> values) where T : unmanaged
    {
        if (Unsafe.SizeOf<T>() == sizeof(ushort))
        {
            var halves = MemoryMarshal.Cast<T, ushort>(values);
            BinaryPrimitives.ReverseEndianness(halves, halves);
        }
        else if (Unsafe.SizeOf<T>() == sizeof(uint))
        {
            var words = MemoryMarshal.Cast<T, uint>(values);
            BinaryPrimitives.ReverseEndianness(words, words);
        }
        else
        {
            var words = MemoryMarshal.Cast<T, ulong>(values);
            BinaryPrimitives.ReverseEndianness(words, words);
        }
    }

    private static long CountRemaining(Stream stream)
    {
        if (stream.CanSeek)
        {
            return Math.Max(stream.Length - stream.Position, 0);
        }
        Span<byte> sink = stackalloc byte[4096];
        long count = 0;
        for (int got; (got = stream.Read(sink)) > 0;)
        {
            count += got;
        }
        return count;
    }

    private static void CheckCount(NpyHeader header, long available, string source)
    {
        if (available < header.ByteCount)
        {
            throw new InvalidFileException(source, "data", header.DataOffset + available,
                $"the data is truncated: {header.Describe()} needs {header.ByteCount} bytes after the header, found {available}");
        }
        if (available > header.ByteCount)
        {
            throw new InvalidFileException(source, "data", header.DataOffset + header.ByteCount,
                $"found {available - header.ByteCount} bytes after the {header.ByteCount} bytes of data that {header.Describe()} needs; a .npy file holds exactly one array");
        }
    }
}
