namespace InFiConD.Editing;

/// <summary>Edits that cannot be applied; <see cref="Problems"/> lists every reason (the message joins them).</summary>
public sealed class InvalidEditException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="problems">Every problem found, at least one.</param>
    public InvalidEditException(IReadOnlyList<EditProblem> problems)
        : base(Join(problems))
    {
        Problems = problems;
    }

    /// <summary>Every problem found, in edit order.</summary>
    public IReadOnlyList<EditProblem> Problems { get; }

    private static string Join(IReadOnlyList<EditProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        return problems.Count == 1 ? problems[0].Message : string.Join(" ", problems.Select(p => p.Message));
    }
}
