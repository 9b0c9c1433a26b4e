using InFiConD.Core;

namespace InFiConD.Onnx;

/// <summary>The links of a chain: where shapes are static, each model's input must take what the previous model's output gives.</summary>
public static class OnnxChainLinks
{
    /// <summary>Checks every link: same element type, rank and static sizes (a symbolic or unknown size fits any).</summary>
    /// <param name="steps">The models of the chain, in order.</param>
    /// <exception cref="ShapeMismatchException">A link does not fit; names both models, both values and their shapes.</exception>
    public static void Check(IReadOnlyList<OnnxChainStep> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        for (var i = 1; i < steps.Count; i++)
        {
            var (from, to) = (steps[i - 1], steps[i]);
            var (fromType, fromDims) = OnnxChainStep.Shape(from.Output);
            var (toType, toDims) = OnnxChainStep.Shape(to.Input);
            var fits = fromType == toType
                && (fromDims is null || toDims is null
                    || (fromDims.Length == toDims.Length && fromDims.Zip(toDims).All(p => p.First is null || p.Second is null || p.First == p.Second)));
            if (!fits)
            {
                throw new ShapeMismatchException($"input of {to.Name} (model {i + 1} of the chain)", OnnxChainStep.Describe(to.Input),
                    $"{OnnxChainStep.Describe(from.Output)}, the output of {from.Name} (model {i})");
            }
        }
    }
}
