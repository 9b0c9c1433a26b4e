using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Onnx;

namespace InFiConD;

/// <summary>The doc string and metadata a composed teacher model carries: class names, activation and the chain it came from.</summary>
internal static class TeacherModelMetadata
{
    internal static string DocString(IReadOnlyList<OnnxChainStep> steps, ClassifierHead head, TeacherCompositionOptions options) =>
        (options.Description is { Length: > 0 } d ? d + "\n" : "")
        + $"InFiConD teacher: {string.Join(" → ", steps.Select(s => s.Name))} → Gemm ({head.ClassCount} × {head.FeatureDimension}) → {head.Activation}. "
        + $"Classes: {ToJson(head.ClassNames)}.";

    internal static void Add(ModelProto model, IReadOnlyList<OnnxChainStep> steps, ClassifierHead head)
    {
        model.MetadataProps.Add(new StringStringEntryProto { Key = TeacherModelComposer.ClassNamesKey, Value = ToJson(head.ClassNames) });
        model.MetadataProps.Add(new StringStringEntryProto { Key = TeacherModelComposer.ActivationKey, Value = head.Activation.ToString() });
        model.MetadataProps.Add(new StringStringEntryProto { Key = TeacherModelComposer.ChainKey, Value = ToJson(steps.Select(s => s.Name).ToList()) });
    }

    private static string ToJson(IReadOnlyList<string> names)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartArray();
            foreach (var name in names)
            {
                writer.WriteStringValue(name);
            }
            writer.WriteEndArray();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
