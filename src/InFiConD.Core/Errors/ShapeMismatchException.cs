namespace InFiConD.Core;

/// <summary>
/// Two pieces of data that must agree in shape do not (for example an embedding width that differs from a
/// concept bank's, or a destination span of the wrong length). Names the field and both shapes.
/// </summary>
public sealed class ShapeMismatchException : InFiConDException
{
    /// <summary>Creates the error.</summary>
    /// <param name="field">The argument, file field or property whose shape is wrong.</param>
    /// <param name="expected">The shape that was required, for example <c>"584 × 512"</c>.</param>
    /// <param name="actual">The shape that was given.</param>
    public ShapeMismatchException(string field, string expected, string actual)
        : base($"'{field}' has shape {actual}, expected {expected}.")
    {
        Field = field;
        Expected = expected;
        Actual = actual;
    }

    /// <summary>The argument, file field or property whose shape is wrong.</summary>
    public string Field { get; }

    /// <summary>The shape that was required.</summary>
    public string Expected { get; }

    /// <summary>The shape that was given.</summary>
    public string Actual { get; }
}
