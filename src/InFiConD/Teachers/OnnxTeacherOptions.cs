using InFiConD.Embedding;
using InFiConD.Students;

namespace InFiConD;

/// <summary>How an <see cref="OnnxTeacher"/> reads its model's outputs.</summary>
public sealed record OnnxTeacherOptions
{
    /// <summary>The defaults: output kind detected, single-label, temperature 1.</summary>
    public static OnnxTeacherOptions Default { get; } = new();

    /// <summary>Whether the output holds logits or probabilities; <see langword="null"/> detects it from the values.</summary>
    public TeacherOutputKind? OutputKind { get; init; }

    /// <summary>Independent per-class sigmoids instead of one softmax.</summary>
    public bool MultiLabel { get; init; }

    /// <summary>Softmax / sigmoid temperature applied to logits (&gt; 0).</summary>
    public float Temperature { get; init; } = 1f;

    /// <summary>Input/output names, batching and decoding of the underlying image model.</summary>
    public OnnxImageModelOptions Model { get; init; } = OnnxImageModelOptions.Default;

    /// <summary>Checks every setting and returns this instance.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    public OnnxTeacherOptions Validate()
    {
        if (!(Temperature > 0) || float.IsInfinity(Temperature))
        {
            throw new ArgumentOutOfRangeException(nameof(Temperature), Temperature, "OnnxTeacherOptions.Temperature must be positive and finite.");
        }
        ArgumentNullException.ThrowIfNull(Model);
        Model.Validate();
        return this;
    }
}
