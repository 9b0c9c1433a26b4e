namespace InFiConD.Concepts;

/// <summary>Applies one <see cref="ConceptFilterOptions"/> to concepts; class names are split into words once.</summary>
internal sealed class ConceptFilter
{
    private readonly ConceptFilterOptions _options;
    private readonly (string Name, string Key, string[] Words)[] _classes;

    public ConceptFilter(ConceptFilterOptions options)
    {
        _options = options;
        _classes = [.. options.ClassNames.Select(n =>
        {
            var key = ConceptText.Key(n, nameof(options.ClassNames));
            return (n, key, ConceptText.Words(key));
        })];
    }

    /// <summary>The removal for <paramref name="concept"/>, or <see langword="null"/> when it passes every rule.</summary>
    public ConceptRemoval? Check(Concept concept)
    {
        if (_options.RemoveEmpty && !ConceptText.HasWordChar(concept.Name))
        {
            return new(concept, ConceptRemovalReason.Empty, concept.Name.Length == 0
                ? "the name is empty"
                : $"the name '{concept.Name}' holds no letter or digit");
        }
        if (_options.MaxLength is { } max && concept.Name.Length > max)
        {
            return new(concept, ConceptRemovalReason.TooLong,
                $"the name has {concept.Name.Length} characters, more than the maximum {max}");
        }
        if (_options.RemoveEqualToClassName)
        {
            foreach (var c in _classes)
            {
                if (c.Key == concept.Key)
                {
                    return new(concept, ConceptRemovalReason.EqualToClassName, $"equals the class name '{c.Name}'");
                }
            }
        }
        if (_options.RemoveContainingClassName && _classes.Length > 0)
        {
            var words = ConceptText.Words(concept.Key);
            foreach (var c in _classes)
            {
                if (c.Key != concept.Key && ContainsRun(words, c.Words))
                {
                    return new(concept, ConceptRemovalReason.ContainsClassName, $"contains the class name '{c.Name}' as a word");
                }
            }
        }
        return null;
    }

    private static bool ContainsRun(string[] words, string[] run)
    {
        for (var start = 0; start + run.Length <= words.Length; start++)
        {
            if (words.AsSpan(start, run.Length).SequenceEqual(run))
            {
                return true;
            }
        }
        return false;
    }
}
