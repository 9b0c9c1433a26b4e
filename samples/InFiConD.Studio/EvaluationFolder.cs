namespace InFiConD.Studio;

/// <summary>One held-out split of a session built from the user's folders: its name and its labelled folder (<c>--eval NAME=DIR</c>).</summary>
/// <param name="Name">The split's name, as the split picker and the routes' <c>?split=</c> name it.</param>
/// <param name="Directory">The folder: one sub-folder per class, named as the teacher's classes.</param>
internal sealed record EvaluationFolder(string Name, string Directory)
{
    /// <summary>Reads <c>NAME=DIR</c>.</summary>
    /// <exception cref="ArgumentException">The value is not <c>NAME=DIR</c> with both parts non-empty, or names the training split.</exception>
    public static EvaluationFolder Parse(string value)
    {
        var equals = value.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0 || equals == value.Length - 1)
        {
            throw new ArgumentException($"Flag --eval needs NAME=DIR (a split name, '=', a labelled folder), for example --eval shifted=data/shifted; got '{value}'.");
        }
        var name = value[..equals];
        if (string.Equals(name, Students.DataSplit.TrainingName, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Flag --eval: '{name}' is the training split's name; give the held-out split another name.");
        }
        return new EvaluationFolder(name, value[(equals + 1)..]);
    }
}
