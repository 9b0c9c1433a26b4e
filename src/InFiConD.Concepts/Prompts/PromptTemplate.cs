namespace InFiConD.Concepts;

/// <summary>
/// A text-encoder prompt with exactly one <c>{concept}</c> placeholder, such as
/// <c>"a photo of a {concept}"</c>. Validated on creation.
/// </summary>
public sealed record PromptTemplate
{
    /// <summary>The placeholder replaced by the concept name: <c>{concept}</c>.</summary>
    public const string Placeholder = "{concept}";

    /// <summary>Creates a template.</summary>
    /// <param name="text">The template text; must hold <see cref="Placeholder"/> exactly once.</param>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="text"/> holds the placeholder zero times or more than once.</exception>
    public PromptTemplate(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var count = CountPlaceholders(text);
        if (count != 1)
        {
            throw new ArgumentException(
                $"The prompt template '{text}' holds the placeholder {Placeholder} {count} times; it must hold it exactly once.", nameof(text));
        }
        Text = text;
    }

    /// <summary>The template text.</summary>
    public string Text { get; }

    /// <summary>The prompt for one concept name.</summary>
    /// <param name="conceptName">The name to put in place of the placeholder.</param>
    /// <exception cref="ArgumentNullException"><paramref name="conceptName"/> is <see langword="null"/>.</exception>
    public string Apply(string conceptName)
    {
        ArgumentNullException.ThrowIfNull(conceptName);
        return Text.Replace(Placeholder, conceptName, StringComparison.Ordinal);
    }

    /// <inheritdoc />
    public override string ToString() => Text;

    internal static int CountPlaceholders(string text)
    {
        var count = 0;
        for (var i = text.IndexOf(Placeholder, StringComparison.Ordinal); i >= 0; i = text.IndexOf(Placeholder, i + Placeholder.Length, StringComparison.Ordinal))
        {
            count++;
        }
        return count;
    }
}
