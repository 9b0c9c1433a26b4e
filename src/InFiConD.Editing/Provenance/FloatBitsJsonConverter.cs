using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace InFiConD.Editing;

/// <summary>
/// Writes a float list as base64 of its little-endian IEEE-754 bits, so weights survive the log and the session file
/// bit for bit (−0, subnormals and all) and a row of 584 weights stays one short string. Public because source-generated
/// contexts outside this assembly (such as the front door's) must be able to create it for <see cref="ClassChange"/>.
/// </summary>
public sealed class FloatBitsJsonConverter : JsonConverter<IReadOnlyList<float>>
{
    /// <inheritdoc />
    /// <exception cref="JsonException">The token is not a base64 string, or its length is not a multiple of 4 bytes.</exception>
    public override IReadOnlyList<float> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"Expected a base64 string of float32 bits, found {reader.TokenType}.");
        }
        var bytes = reader.GetBytesFromBase64();
        if (bytes.Length % sizeof(float) != 0)
        {
            throw new JsonException($"A base64 float32 row holds {bytes.Length} bytes, not a multiple of 4.");
        }
        var values = new float[bytes.Length / sizeof(float)];
        if (BitConverter.IsLittleEndian)
        {
            bytes.CopyTo(MemoryMarshal.AsBytes(values.AsSpan()));
        }
        else
        {
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = BitConverter.Int32BitsToSingle(System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(i * 4)));
            }
        }
        return values;
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, IReadOnlyList<float> value, JsonSerializerOptions options)
    {
        var bytes = new byte[value.Count * sizeof(float)];
        for (var i = 0; i < value.Count; i++)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(i * 4), BitConverter.SingleToInt32Bits(value[i]));
        }
        writer.WriteBase64StringValue(bytes);
    }
}
