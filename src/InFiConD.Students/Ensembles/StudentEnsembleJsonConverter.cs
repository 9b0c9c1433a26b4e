using System.Text.Json;
using System.Text.Json.Serialization;
using InFiConD.Core;

namespace InFiConD.Students;

/// <summary>
/// Writes a <see cref="StudentEnsemble"/> with all its numbers and reads it back through
/// <see cref="StudentEnsemble.Create"/> (so a posted ensemble is validated like any other):
/// <c>{"classNames", "conceptNames", "conceptMean", "conceptDeviation", "standardizedWeights", "bias", "spread"}</c>,
/// the weights and the spread's statistics as matrices with their values (<see cref="FloatMatrixJsonConverter"/>),
/// <c>spread</c> left out when there is none. Floats are written in their shortest round-trip form, so a round trip
/// keeps every bit.
/// </summary>
/// <remarks>
/// The ensemble exposes its vectors as spans (no copies for kernels), which System.Text.Json cannot serialise; this
/// converter is applied to the type, so every context writes the values instead of throwing. Member names are fixed
/// (camelCase) whatever the naming policy.
/// </remarks>
public sealed class StudentEnsembleJsonConverter : JsonConverter<StudentEnsemble>
{
    private static readonly FloatMatrixJsonConverter Matrix = new();

    /// <inheritdoc />
    /// <exception cref="JsonException">A member is missing or malformed, or the parts do not fit together (the message
    /// names the member and the expected and actual shapes).</exception>
    public override StudentEnsemble? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }
        Expect(ref reader, JsonTokenType.StartObject, "a student ensemble");
        string[]? classNames = null, conceptNames = null;
        float[]? mean = null, deviation = null, bias = null;
        FloatMatrix? weights = null;
        WeightSpread? spread = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "classNames": classNames = ReadStrings(ref reader, name); break;
                case "conceptNames": conceptNames = ReadStrings(ref reader, name); break;
                case "conceptMean": mean = ReadFloats(ref reader, name); break;
                case "conceptDeviation": deviation = ReadFloats(ref reader, name); break;
                case "bias": bias = ReadFloats(ref reader, name); break;
                case "standardizedWeights": weights = Matrix.Read(ref reader, typeof(FloatMatrix), options); break;
                case "spread": spread = reader.TokenType == JsonTokenType.Null ? null : ReadSpread(ref reader, options); break;
                default: reader.Skip(); break; // derived members a writer may add (counts) carry nothing new
            }
        }
        try
        {
            return StudentEnsemble.Create(
                classNames ?? throw Missing("classNames"), conceptNames ?? throw Missing("conceptNames"),
                mean ?? throw Missing("conceptMean"), deviation ?? throw Missing("conceptDeviation"),
                weights ?? throw Missing("standardizedWeights"), bias ?? throw Missing("bias"), spread);
        }
        catch (Exception e) when (e is ArgumentException or InFiConDException)
        {
            throw new JsonException($"The student ensemble is not valid: {e.Message}", e);
        }
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, StudentEnsemble value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartObject();
        WriteStrings(writer, "classNames", value.ClassNames);
        WriteStrings(writer, "conceptNames", value.ConceptNames);
        WriteFloats(writer, "conceptMean", value.ConceptMean);
        WriteFloats(writer, "conceptDeviation", value.ConceptDeviation);
        writer.WritePropertyName("standardizedWeights");
        Matrix.Write(writer, value.CopyStandardizedWeights(), options);
        WriteFloats(writer, "bias", value.Biases);
        if (value.Spread is { } spread)
        {
            writer.WriteStartObject("spread");
            writer.WriteNumber("members", spread.Members);
            writer.WritePropertyName("mean");
            Matrix.Write(writer, spread.Mean, options);
            writer.WritePropertyName("deviation");
            Matrix.Write(writer, spread.Deviation, options);
            writer.WritePropertyName("nonZeroFraction");
            Matrix.Write(writer, spread.NonZeroFraction, options);
            if (spread.StaleClasses.Count > 0)
            {
                writer.WriteStartArray("staleClasses");
                foreach (var k in spread.StaleClasses)
                {
                    writer.WriteNumberValue(k);
                }
                writer.WriteEndArray();
            }
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
    }

    private static WeightSpread ReadSpread(ref Utf8JsonReader reader, JsonSerializerOptions options)
    {
        Expect(ref reader, JsonTokenType.StartObject, "\"spread\"");
        int? members = null;
        FloatMatrix? mean = null, deviation = null, fraction = null;
        List<int> stale = [];
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "members":
                    members = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var m) && m >= 0 ? m : throw new JsonException("\"spread.members\" must be a whole number ≥ 0.");
                    break;
                case "mean": mean = Matrix.Read(ref reader, typeof(FloatMatrix), options); break;
                case "deviation": deviation = Matrix.Read(ref reader, typeof(FloatMatrix), options); break;
                case "nonZeroFraction": fraction = Matrix.Read(ref reader, typeof(FloatMatrix), options); break;
                case "staleClasses": stale = ReadClassIndices(ref reader); break;
                default: reader.Skip(); break;
            }
        }
        return new WeightSpread(members ?? throw Missing("spread.members"), mean ?? throw Missing("spread.mean"),
            deviation ?? throw Missing("spread.deviation"), fraction ?? throw Missing("spread.nonZeroFraction")) { StaleClasses = stale };
    }

    private static List<int> ReadClassIndices(ref Utf8JsonReader reader)
    {
        Expect(ref reader, JsonTokenType.StartArray, "\"spread.staleClasses\"");
        var indices = new List<int>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            indices.Add(reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var k) && k >= 0 ? k : throw new JsonException("\"spread.staleClasses\" must hold class indices ≥ 0."));
        }
        return indices;
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType token, string what)
    {
        if (reader.TokenType != token)
        {
            throw new JsonException($"Expected {what} as a JSON {token}; found {reader.TokenType}.");
        }
    }

    private static JsonException Missing(string member) => new($"The student ensemble has no \"{member}\" member.");

    private static string[] ReadStrings(ref Utf8JsonReader reader, string member)
    {
        Expect(ref reader, JsonTokenType.StartArray, $"\"{member}\"");
        var values = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            values.Add(reader.TokenType == JsonTokenType.String ? reader.GetString()! : throw new JsonException($"\"{member}\"[{values.Count}] must be a string."));
        }
        return [.. values];
    }

    private static float[] ReadFloats(ref Utf8JsonReader reader, string member)
    {
        Expect(ref reader, JsonTokenType.StartArray, $"\"{member}\"");
        var values = new List<float>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            values.Add(reader.TokenType == JsonTokenType.Number && reader.TryGetSingle(out var v) ? v : throw new JsonException($"\"{member}\"[{values.Count}] must be a finite number."));
        }
        return [.. values];
    }

    private static void WriteStrings(Utf8JsonWriter writer, string member, IReadOnlyList<string> values)
    {
        writer.WriteStartArray(member);
        foreach (var v in values)
        {
            writer.WriteStringValue(v);
        }
        writer.WriteEndArray();
    }

    // The ensemble's vectors are finite (Create checks), so plain numbers suffice.
    private static void WriteFloats(Utf8JsonWriter writer, string member, ReadOnlySpan<float> values)
    {
        writer.WriteStartArray(member);
        foreach (var v in values)
        {
            writer.WriteNumberValue(v);
        }
        writer.WriteEndArray();
    }
}
