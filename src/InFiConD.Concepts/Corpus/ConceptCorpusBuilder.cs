namespace InFiConD.Concepts;

/// <summary>
/// De-duplicates concepts by <see cref="Concept.Key"/> in one pass: the first occurrence keeps its display
/// name and position; later ones are folded in (synonyms unioned, a missing group or prompt filled) and
/// reported as <see cref="ConceptMerge"/>s.
/// </summary>
internal sealed class ConceptCorpusBuilder
{
    private readonly List<ConceptEntry> _entries = [];
    private readonly Dictionary<string, int> _byKey = new(StringComparer.Ordinal);
    private readonly List<ConceptMerge> _merges = [];

    public ConceptCorpusBuilder(IEnumerable<ConceptMerge>? earlierMerges = null)
    {
        if (earlierMerges is not null)
        {
            _merges.AddRange(earlierMerges);
        }
    }

    public void AddRange(IEnumerable<ConceptEntry> entries)
    {
        foreach (var entry in entries)
        {
            Add(entry);
        }
    }

    public void Add(ConceptEntry entry)
    {
        var concept = entry.Concept;
        if (_byKey.TryGetValue(concept.Key, out var index))
        {
            var kept = _entries[index];
            _entries[index] = kept with { Concept = Fold(kept.Concept, concept) };
            _merges.Add(new ConceptMerge(concept.Key, kept.Concept.Name, concept.Name, entry.Source, entry.Line));
            return;
        }
        _byKey.Add(concept.Key, _entries.Count);
        _entries.Add(entry with { Concept = WithoutOwnName(concept) });
    }

    public ConceptCorpus Build(string? source) => new(_entries, _merges, source);

    private static Concept Fold(Concept kept, Concept duplicate)
    {
        var synonyms = kept.Synonyms.Concat(duplicate.Synonyms).ToList();
        return WithoutOwnName(kept with
        {
            Group = kept.Group ?? duplicate.Group,
            Prompt = kept.Prompt ?? duplicate.Prompt,
            Synonyms = synonyms,
        });
    }

    // A synonym that is the concept's own name adds nothing and would confuse prompt expansion later.
    private static Concept WithoutOwnName(Concept concept) =>
        concept.Synonyms.Any(s => ConceptText.KeyOfDisplay(s) == concept.Key)
            ? concept with { Synonyms = [.. concept.Synonyms.Where(s => ConceptText.KeyOfDisplay(s) != concept.Key)] }
            : concept;
}
