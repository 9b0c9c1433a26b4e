namespace InFiConD.Core;

/// <summary>
/// A file could not be read because its content is malformed or unsupported. Names the file, the
/// field (header key, column, JSON property…) and the position (line, record or byte offset) at fault.
/// </summary>
public sealed class InvalidFileException : InFiConDException
{
    /// <summary>Creates the error.</summary>
    /// <param name="filePath">The file that was being read.</param>
    /// <param name="field">The field, key or part of the file at fault, or <see langword="null"/> when not applicable.</param>
    /// <param name="position">Line number (1-based), record index or byte offset at fault, or <see langword="null"/>.</param>
    /// <param name="problem">What is wrong and what was expected.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public InvalidFileException(string filePath, string? field, long? position, string problem, Exception? innerException = null)
        : base(Describe(filePath, field, position, problem), innerException)
    {
        FilePath = filePath;
        Field = field;
        Position = position;
        Problem = problem;
    }

    /// <summary>The file that was being read.</summary>
    public string FilePath { get; }

    /// <summary>The field, key or part of the file at fault, when one applies.</summary>
    public string? Field { get; }

    /// <summary>Line number (1-based), record index or byte offset at fault, when one applies.</summary>
    public long? Position { get; }

    /// <summary>What is wrong and what was expected, without the file and position prefix.</summary>
    public string Problem { get; }

    private static string Describe(string filePath, string? field, long? position, string problem)
    {
        var where = position is { } p ? $"{filePath}:{p}" : filePath;
        return field is null ? $"{where}: {problem}" : $"{where}: field '{field}': {problem}";
    }
}
