namespace InFiConD.Core;

/// <summary>
/// The base of every error the InFiConD libraries raise on purpose. Catch this type to handle all
/// library-detected problems (bad files, mismatched shapes, non-finite values) in one place.
/// </summary>
public class InFiConDException : Exception
{
    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">What went wrong, and what was expected.</param>
    public InFiConDException(string message) : base(message) { }

    /// <summary>Creates an exception with a message and the error that caused it.</summary>
    /// <param name="message">What went wrong, and what was expected.</param>
    /// <param name="innerException">The underlying error.</param>
    public InFiConDException(string message, Exception? innerException) : base(message, innerException) { }
}
