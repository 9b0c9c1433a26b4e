namespace InFiConD.Core;

/// <summary>
/// A matrix holds NaN or ±∞ where finite numbers are required. Names the field, the row and the column
/// of the first offending value so it can be traced back to an image or a concept.
/// </summary>
public sealed class NonFiniteValueException : InFiConDException
{
    /// <summary>Creates the error.</summary>
    /// <param name="field">The matrix, file or property holding the value.</param>
    /// <param name="row">Zero-based row of the first non-finite value.</param>
    /// <param name="column">Zero-based column of the first non-finite value.</param>
    /// <param name="value">The value found.</param>
    public NonFiniteValueException(string field, long row, long column, double value)
        : base($"'{field}' holds the non-finite value {value} at row {row}, column {column}; every value must be finite.")
    {
        Field = field;
        Row = row;
        Column = column;
        Value = value;
    }

    /// <summary>The matrix, file or property holding the value.</summary>
    public string Field { get; }

    /// <summary>Zero-based row of the first non-finite value.</summary>
    public long Row { get; }

    /// <summary>Zero-based column of the first non-finite value.</summary>
    public long Column { get; }

    /// <summary>The value found.</summary>
    public double Value { get; }
}
