namespace InFiConD.Editing;

/// <summary>A version's metrics on the images of one split that share a value of a known attribute (<c>site = north</c>).</summary>
/// <param name="Attribute">The metadata column.</param>
/// <param name="Value">The shared value; <see langword="null"/> for the images without the attribute.</param>
/// <param name="Metrics">The metrics on those images alone.</param>
public sealed record AttributeGroupMetrics(string Attribute, string? Value, EditMetrics Metrics);
