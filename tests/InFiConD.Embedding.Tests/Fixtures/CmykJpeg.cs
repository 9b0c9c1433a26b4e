namespace InFiConD.Embedding.Tests;

/// <summary>
/// Writes a tiny baseline CMYK JPEG (8 × 8, one flat colour), which ImageSharp 2.1 can decode but not
/// encode. Four components with an Adobe APP14 marker (transform 0 = CMYK, no colour transform), a
/// quantisation table of ones, a DC Huffman table of twelve 4-bit codes (categories 0–11) and an AC table
/// holding only end-of-block. A flat block's only coefficient is DC = 8 · (sample − 128). Values are
/// stored the way Adobe writes them: inverted, 255 meaning no ink.
/// </summary>
internal static class CmykJpeg
{
    public static byte[] Flat(byte c, byte m, byte y, byte k)
    {
        using var stream = new MemoryStream();
        stream.Write([0xFF, 0xD8]);
        Segment(stream, 0xEE, [(byte)'A', (byte)'d', (byte)'o', (byte)'b', (byte)'e', 0, 100, 0, 0, 0, 0, 0]);
        Segment(stream, 0xDB, [0x00, .. Enumerable.Repeat((byte)1, 64)]);
        Segment(stream, 0xC0, [8, 0, 8, 0, 8, 4, 1, 0x11, 0, 2, 0x11, 0, 3, 0x11, 0, 4, 0x11, 0]);
        var dcBits = new byte[16];
        dcBits[3] = 12; // twelve codes of length 4
        Segment(stream, 0xC4, [0x00, .. dcBits, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
        var acBits = new byte[16];
        acBits[1] = 1; // one code of length 2: end of block
        Segment(stream, 0xC4, [0x10, .. acBits, 0x00]);
        Segment(stream, 0xDA, [4, 1, 0x00, 2, 0x00, 3, 0x00, 4, 0x00, 0, 63, 0]);
        var bits = new BitWriter();
        foreach (var sample in new[] { c, m, y, k })
        {
            var dc = 8 * (sample - 128);
            var category = dc == 0 ? 0 : 32 - int.LeadingZeroCount(Math.Abs(dc));
            bits.Write(category, 4);
            if (category > 0)
            {
                bits.Write(dc >= 0 ? dc : dc + (1 << category) - 1, category);
            }
            bits.Write(0b00, 2); // end of block
        }
        stream.Write(bits.Finish());
        stream.Write([0xFF, 0xD9]);
        return stream.ToArray();
    }

    private static void Segment(Stream stream, byte marker, byte[] payload)
    {
        stream.Write([0xFF, marker, (byte)((payload.Length + 2) >> 8), (byte)(payload.Length + 2)]);
        stream.Write(payload);
    }

    private sealed class BitWriter
    {
        private readonly List<byte> _bytes = [];
        private int _current;
        private int _count;

        public void Write(int value, int length)
        {
            for (var i = length - 1; i >= 0; i--)
            {
                _current = (_current << 1) | ((value >> i) & 1);
                if (++_count == 8)
                {
                    Flush();
                }
            }
        }

        public byte[] Finish()
        {
            while (_count != 0)
            {
                Write(1, 1); // pad with ones
            }
            return [.. _bytes];
        }

        private void Flush()
        {
            _bytes.Add((byte)_current);
            if (_current == 0xFF)
            {
                _bytes.Add(0x00); // byte stuffing
            }
            _current = 0;
            _count = 0;
        }
    }
}
