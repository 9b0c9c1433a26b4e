using System.Text.Json;
using System.Text.Json.Serialization;

namespace InFiConD.Editing;

/// <summary>
/// Reads and writes <see cref="EditRefit"/> as data, so a UI can send refit settings with an edit:
/// <c>{"epochs":300}</c> is <see cref="EditRefit.FixedEpochs"/>; <c>{"tolerance":1e-6,"maxIterations":2000}</c> is
/// <see cref="EditRefit.ToTolerance"/> (<c>maxIterations</c> optional); <c>{}</c> is <see cref="EditRefit.Converged"/>.
/// Reading goes through those factories, so out-of-range settings are rejected with their rule. Writing adds the
/// derived <c>maxIterations</c> and <c>isFixedEpochs</c>, as the provenance log always has.
/// </summary>
public sealed class EditRefitJsonConverter : JsonConverter<EditRefit>
{
    /// <inheritdoc />
    /// <exception cref="JsonException">A member is not a number, both <c>epochs</c> and <c>tolerance</c> are given, or a
    /// value is out of range (the message gives the rule).</exception>
    public override EditRefit? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"Refit settings must be a JSON object such as {{\"epochs\":300}} or {{\"tolerance\":1e-6}}; found {reader.TokenType}.");
        }
        int? epochs = null, maxIterations = null;
        double? tolerance = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString();
            reader.Read();
            if (reader.TokenType == JsonTokenType.Null)
            {
                continue;
            }
            switch (name?.ToUpperInvariant())
            {
                case "EPOCHS": epochs = ReadInt(ref reader, "epochs"); break;
                case "MAXITERATIONS": maxIterations = ReadInt(ref reader, "maxIterations"); break;
                case "TOLERANCE":
                    tolerance = reader.TokenType == JsonTokenType.Number ? reader.GetDouble() : throw new JsonException("Refit member \"tolerance\" must be a number.");
                    break;
                default: reader.Skip(); break; // isFixedEpochs and other derived members
            }
        }
        try
        {
            return (epochs, tolerance) switch
            {
                ({ } e, null) => EditRefit.FixedEpochs(e),
                (null, { } t) => EditRefit.ToTolerance(t, maxIterations ?? EditRefit.DefaultMaxIterations),
                (null, null) => maxIterations is { } cap ? EditRefit.ToTolerance(EditRefit.DefaultTolerance, cap) : EditRefit.Converged,
                _ => throw new JsonException("Refit settings give both \"epochs\" and \"tolerance\"; give epochs for a fixed-epoch refit or a tolerance for a converged one."),
            };
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new JsonException($"Refit setting \"{e.ParamName}\" is out of range: {e.Message}", e);
        }
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, EditRefit value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartObject();
        if (value.Epochs is { } epochs)
        {
            writer.WriteNumber("epochs", epochs);
        }
        if (value.Tolerance is { } tolerance)
        {
            writer.WriteNumber("tolerance", tolerance);
        }
        writer.WriteNumber("maxIterations", value.MaxIterations);
        writer.WriteBoolean("isFixedEpochs", value.IsFixedEpochs);
        writer.WriteEndObject();
    }

    private static int ReadInt(ref Utf8JsonReader reader, string member) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var value) ? value : throw new JsonException($"Refit member \"{member}\" must be a whole number.");
}
