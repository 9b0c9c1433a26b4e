namespace InFiConD;

/// <summary>How <see cref="TeacherModelComposer"/> builds the composed ONNX model.</summary>
public sealed record TeacherCompositionOptions
{
    /// <summary>The defaults: batch dimension made symbolic when safe, graph named <c>infcd_teacher</c>, no description.</summary>
    public static TeacherCompositionOptions Default { get; } = new();

    /// <summary>What happens to a fixed batch dimension of the first model's input (see <see cref="CompositionBatch"/>).</summary>
    public CompositionBatch Batch { get; init; } = CompositionBatch.Auto;

    /// <summary>The composed graph's name; not empty.</summary>
    public string GraphName { get; init; } = "infcd_teacher";

    /// <summary>Text put first in the model's doc string; <see langword="null"/> for none.</summary>
    public string? Description { get; init; }

    /// <summary>Checks every setting and returns this instance.</summary>
    /// <returns>This instance.</returns>
    /// <exception cref="ArgumentException"><see cref="GraphName"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="Batch"/> is undefined.</exception>
    public TeacherCompositionOptions Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(GraphName);
        if (!Enum.IsDefined(Batch))
        {
            throw new ArgumentOutOfRangeException(nameof(Batch), Batch, "TeacherCompositionOptions.Batch must be Auto, Fixed or Dynamic.");
        }
        return this;
    }
}
