using InFiConD.Onnx;
using Onnx;

namespace InFiConD;

/// <summary>The doc string and metadata a composed teacher model carries: class names, activation and the chain it came from.</summary>
internal static class TeacherModelMetadata
{
    internal static string DocString(IReadOnlyList<OnnxChainStep> steps, ClassifierHead head, TeacherCompositionOptions options) =>
        (options.Description is { Length: > 0 } d ? d + "\n" : "")
        + $"InFiConD teacher: {string.Join(" → ", steps.Select(s => s.Name))} → Gemm ({head.ClassCount} × {head.FeatureDimension}) → {head.Activation}. "
        + $"Classes: {OnnxMetadata.NamesJson(head.ClassNames)}.";

    internal static void Add(ModelProto model, IReadOnlyList<OnnxChainStep> steps, ClassifierHead head)
    {
        OnnxMetadata.Add(model, TeacherModelComposer.ClassNamesKey, OnnxMetadata.NamesJson(head.ClassNames));
        OnnxMetadata.Add(model, TeacherModelComposer.ActivationKey, head.Activation.ToString());
        OnnxMetadata.Add(model, TeacherModelComposer.ChainKey, OnnxMetadata.NamesJson(steps.Select(s => s.Name)));
    }
}
