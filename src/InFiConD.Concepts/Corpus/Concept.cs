namespace InFiConD.Concepts;

/// <summary>
/// One text-labelled visual concept, such as "water" or "striped". The display <see cref="Name"/> keeps
/// the casing it was written with; <see cref="Key"/> is what decides whether two concepts are the same.
/// </summary>
/// <remarks>
/// Normalisation: <see cref="Name"/> is the text in Unicode NFC, trimmed, with every whitespace run
/// (tabs and newlines included) collapsed to one space. <see cref="Key"/> is <see cref="Name"/>
/// lower-cased with the invariant culture. Hyphens and other punctuation are kept, so "building-other"
/// and "building other" are different concepts. Setting <see cref="Name"/> in a <c>with</c> expression
/// recomputes <see cref="Key"/>.
/// </remarks>
public sealed record Concept
{
    /// <summary>Creates a concept, normalising every text it is given.</summary>
    /// <param name="name">The display name. May be empty (a filter removes such concepts; files reject them).</param>
    /// <param name="group">An optional group such as "stuff" or "texture"; whitespace-only means none.</param>
    /// <param name="synonyms">Optional other names; empty ones and repeats (by key) are dropped.</param>
    /// <param name="prompt">An optional prompt for the text encoder, used as-is or, when it holds
    /// <c>{concept}</c>, as a template; whitespace-only means none.</param>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> or a synonym is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A text holds a lone surrogate (not valid Unicode).</exception>
    public Concept(string name, string? group = null, IEnumerable<string>? synonyms = null, string? prompt = null)
    {
        Name = name;
        Group = group;
        Synonyms = synonyms is null ? [] : [.. synonyms];
        Prompt = prompt;
    }

    /// <summary>The display name: NFC, trimmed, whitespace runs collapsed, casing kept.</summary>
    /// <exception cref="ArgumentNullException">Set to <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">Set to text holding a lone surrogate.</exception>
    public string Name
    {
        get;
        init
        {
            field = ConceptText.Display(value, nameof(Name));
            Key = ConceptText.KeyOfDisplay(field);
        }
    }

    /// <summary>The matching key: <see cref="Name"/> lower-cased with the invariant culture.</summary>
    public string Key { get; private init; } = "";

    /// <summary>An optional group such as "thing" or "stuff"; <see langword="null"/> when none.</summary>
    /// <exception cref="ArgumentException">Set to text holding a lone surrogate.</exception>
    public string? Group
    {
        get;
        init => field = ConceptText.OptionalDisplay(value, nameof(Group));
    }

    /// <summary>Other names for the concept, normalised like <see cref="Name"/>, without empties or repeats by key.</summary>
    /// <exception cref="ArgumentNullException">Set to <see langword="null"/>, or a synonym is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A synonym holds a lone surrogate.</exception>
    public IReadOnlyList<string> Synonyms
    {
        get;
        init => field = NormalizeSynonyms(value);
    } = [];

    /// <summary>An optional prompt for the text encoder (trimmed); <see langword="null"/> when none.</summary>
    public string? Prompt
    {
        get;
        init => field = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    /// <summary>Value equality: same name, group, prompt and synonyms in the same order.</summary>
    /// <param name="other">The concept to compare with.</param>
    public bool Equals(Concept? other) =>
        other is not null
        && string.Equals(Name, other.Name, StringComparison.Ordinal)
        && string.Equals(Group, other.Group, StringComparison.Ordinal)
        && string.Equals(Prompt, other.Prompt, StringComparison.Ordinal)
        && Synonyms.SequenceEqual(other.Synonyms, StringComparer.Ordinal);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Name, Group, Prompt, Synonyms.Count);

    /// <inheritdoc />
    public override string ToString() => Name;

    private static string[] NormalizeSynonyms(IReadOnlyList<string> synonyms)
    {
        ArgumentNullException.ThrowIfNull(synonyms, nameof(Synonyms));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<string>(synonyms.Count);
        foreach (var synonym in synonyms)
        {
            var display = ConceptText.Display(synonym, nameof(Synonyms));
            if (display.Length > 0 && seen.Add(ConceptText.KeyOfDisplay(display)))
            {
                result.Add(display);
            }
        }
        return [.. result];
    }
}
