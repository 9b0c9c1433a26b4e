namespace InFiConD.Concepts;

/// <summary>
/// Looks concept names up by <see cref="Concept.Key"/>, for banks and scores whose columns are named by
/// concept. Building it checks the names are non-empty and unique by key.
/// </summary>
internal sealed class ConceptNameIndex
{
    private readonly Dictionary<string, int> _byKey;

    private ConceptNameIndex(Dictionary<string, int> byKey) => _byKey = byKey;

    /// <summary>Indexes names, or reports the first problem found.</summary>
    /// <param name="names">The names, in column order.</param>
    /// <param name="problem">The first problem, naming the names involved, or <see langword="null"/>.</param>
    /// <param name="position">The index of the offending name.</param>
    public static ConceptNameIndex? TryCreate(IReadOnlyList<string> names, out string? problem, out int position)
    {
        var byKey = new Dictionary<string, int>(names.Count, StringComparer.Ordinal);
        for (var i = 0; i < names.Count; i++)
        {
            position = i;
            if (names[i] is null)
            {
                problem = $"concept name {i} is null.";
                return null;
            }
            string key;
            try
            {
                key = ConceptText.Key(names[i], "names");
            }
            catch (ArgumentException ex)
            {
                problem = $"concept name {i}: {ex.Message}";
                return null;
            }
            if (!ConceptText.HasWordChar(key))
            {
                problem = $"concept name {i} ('{ConceptText.Shorten(names[i])}') holds no letter or digit.";
                return null;
            }
            if (!byKey.TryAdd(key, i))
            {
                var first = byKey[key];
                problem = $"concept names {first} ('{ConceptText.Shorten(names[first])}') and {i} ('{ConceptText.Shorten(names[i])}') "
                    + $"are the same concept (key '{ConceptText.Shorten(key)}'); names must be unique.";
                return null;
            }
        }
        problem = null;
        position = -1;
        return new ConceptNameIndex(byKey);
    }

    /// <summary>Indexes names.</summary>
    /// <exception cref="ArgumentException">A name is null, empty, or repeats an earlier one by key; names both.</exception>
    public static ConceptNameIndex Create(IReadOnlyList<string> names, string paramName) =>
        TryCreate(names, out var problem, out _) ?? throw new ArgumentException(char.ToUpperInvariant(problem![0]) + problem[1..], paramName);

    /// <summary>The position of the name whose key matches, or -1.</summary>
    public int IndexOf(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _byKey.TryGetValue(ConceptText.Key(name, nameof(name)), out var index) ? index : -1;
    }
}
