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
        : this(field, row, column, value, "every value must be finite.")
    {
    }

    /// <summary>
    /// Creates the error with the field's own rule, for fields that accept some non-finite values (logits may be −∞,
    /// but not NaN or +∞, and not −∞ across a whole softmax row).
    /// </summary>
    /// <param name="field">The matrix, file or property holding the value.</param>
    /// <param name="row">Zero-based row of the first offending value.</param>
    /// <param name="column">Zero-based column of the first offending value.</param>
    /// <param name="value">The value found.</param>
    /// <param name="expected">What the field accepts, as a sentence ending in a full stop (for example
    /// "a logit must be finite or −∞.").</param>
    public NonFiniteValueException(string field, long row, long column, double value, string expected)
        : base($"'{field}' holds the non-finite value {value} at row {row}, column {column}; {expected}")
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
