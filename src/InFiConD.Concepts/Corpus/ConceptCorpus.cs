using System.Collections;
using InFiConD.Core;

namespace InFiConD.Concepts;

/// <summary>
/// An immutable, de-duplicated list of <see cref="Concept"/>s: the vocabulary students are described in.
/// Concepts with the same <see cref="Concept.Key"/> are merged on load (first occurrence wins; see
/// <see cref="Merges"/>); order is the order of first occurrence.
/// </summary>
public sealed class ConceptCorpus : IReadOnlyList<Concept>
{
    private readonly ConceptEntry[] _entries;
    private readonly Dictionary<string, int> _byKey;

    internal ConceptCorpus(IReadOnlyList<ConceptEntry> entries, IReadOnlyList<ConceptMerge> merges, string? source)
    {
        _entries = [.. entries];
        _byKey = new Dictionary<string, int>(_entries.Length, StringComparer.Ordinal);
        for (var i = 0; i < _entries.Length; i++)
        {
            _byKey.Add(_entries[i].Concept.Key, i);
        }
        Merges = [.. merges];
        Source = source;
        Names = Array.AsReadOnly(_entries.Select(e => e.Concept.Name).ToArray());
    }

    /// <summary>A corpus with no concepts.</summary>
    public static ConceptCorpus Empty { get; } = new([], [], null);

    /// <summary>Where the corpus was loaded from (a file name), or <see langword="null"/> when built in memory.</summary>
    public string? Source { get; }

    /// <summary>Every duplicate folded into an earlier concept while this corpus (and the corpora it came from) were built.</summary>
    public IReadOnlyList<ConceptMerge> Merges { get; }

    /// <summary>The display names, in corpus order.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Number of concepts.</summary>
    public int Count => _entries.Length;

    /// <summary>The concept at a position.</summary>
    /// <exception cref="IndexOutOfRangeException"><paramref name="index"/> is outside the corpus.</exception>
    public Concept this[int index] => _entries[index].Concept;

    /// <summary>Position of the concept whose key matches <paramref name="name"/> (normalised like a name), or -1.</summary>
    /// <param name="name">A name in any casing or spacing.</param>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is <see langword="null"/>.</exception>
    public int IndexOf(string name) =>
        _byKey.TryGetValue(ConceptText.Key(name, nameof(name)), out var index) ? index : -1;

    /// <summary>Whether a concept's key matches <paramref name="name"/>.</summary>
    /// <param name="name">A name in any casing or spacing.</param>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is <see langword="null"/>.</exception>
    public bool Contains(string name) => IndexOf(name) >= 0;

    /// <summary>Loads a corpus from a file, choosing the format by extension: <c>.txt</c>, <c>.csv</c> or <c>.json</c>.</summary>
    /// <param name="path">The file to read (UTF-8, with or without BOM).</param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidFileException">The extension is not a supported one, or the file is not valid UTF-8, is
    /// malformed or holds no concept (empty, only blank lines and comments, a CSV header alone, an empty JSON array);
    /// names the file, field and line.</exception>
    public static ConceptCorpus Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var format = FormatOf(path);
        return Parse(Utf8Text.Decode(File.ReadAllBytes(path), path), format, path);
    }

    /// <summary>Loads a corpus from a stream of UTF-8 bytes (with or without BOM). The stream is read to its end and left open.</summary>
    /// <param name="stream">The bytes to read.</param>
    /// <param name="format">The file format.</param>
    /// <param name="sourceName">The name used in errors and <see cref="Source"/>, such as the file name.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="InvalidFileException">The bytes are not valid UTF-8, or the content is malformed or holds no concept.</exception>
    public static ConceptCorpus Load(Stream stream, ConceptFileFormat format, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(sourceName);
        return Parse(Utf8Text.Decode(stream, sourceName), format, sourceName);
    }

    /// <summary>Loads a corpus from already decoded text. The reader is read to its end and left open.</summary>
    /// <param name="reader">The text to read.</param>
    /// <param name="format">The file format.</param>
    /// <param name="sourceName">The name used in errors and <see cref="Source"/>.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="InvalidFileException">The content is malformed or holds no concept.</exception>
    public static ConceptCorpus Load(TextReader reader, ConceptFileFormat format, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(sourceName);
        return Parse(Utf8Text.Read(reader), format, sourceName);
    }

    /// <summary>Builds a corpus from names, normalising and de-duplicating them. Empty names are kept
    /// (the default <see cref="Filter(ConceptFilterOptions)"/> removes them).</summary>
    /// <param name="names">The concept names.</param>
    /// <exception cref="ArgumentNullException"><paramref name="names"/> or one of its items is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A name holds a lone surrogate.</exception>
    public static ConceptCorpus FromNames(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        return FromConcepts(names.Select(n => new Concept(n)));
    }

    /// <summary>Builds a corpus from concepts, de-duplicating them by key.</summary>
    /// <param name="concepts">The concepts.</param>
    /// <exception cref="ArgumentNullException"><paramref name="concepts"/> or one of its items is <see langword="null"/>.</exception>
    public static ConceptCorpus FromConcepts(IEnumerable<Concept> concepts)
    {
        ArgumentNullException.ThrowIfNull(concepts);
        var builder = new ConceptCorpusBuilder();
        builder.AddRange(concepts.Select(c => new ConceptEntry(c ?? throw new ArgumentNullException(nameof(concepts), "A concept is null."), null, null)));
        return builder.Build(null);
    }

    /// <summary>This corpus followed by the concepts of <paramref name="other"/> it does not already hold (by key).</summary>
    /// <param name="other">The corpus to add.</param>
    /// <returns>A new corpus whose <see cref="Merges"/> lists both corpora's merges and the new ones.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is <see langword="null"/>.</exception>
    public ConceptCorpus Union(ConceptCorpus other) => UnionAll([this, other]);

    /// <summary>The union of several corpora, in order, de-duplicated by key.</summary>
    /// <param name="corpora">The corpora; earlier ones win display names.</param>
    /// <exception cref="ArgumentNullException"><paramref name="corpora"/> or one of its items is <see langword="null"/>.</exception>
    public static ConceptCorpus UnionAll(IEnumerable<ConceptCorpus> corpora)
    {
        ArgumentNullException.ThrowIfNull(corpora);
        var list = corpora.Select(c => c ?? throw new ArgumentNullException(nameof(corpora), "A corpus is null.")).ToList();
        var builder = new ConceptCorpusBuilder(list.SelectMany(c => c.Merges));
        foreach (var corpus in list)
        {
            builder.AddRange(corpus._entries);
        }
        var sources = list.Select(c => c.Source).OfType<string>().ToList();
        return builder.Build(sources.Count == 0 ? null : string.Join(" + ", sources));
    }

    /// <summary>Removes concepts LF-CBM style with the default rules and the given class names.</summary>
    /// <param name="classNames">The teacher's class names; concepts equal to or containing one are removed.</param>
    /// <exception cref="ArgumentNullException"><paramref name="classNames"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A class name is empty.</exception>
    public FilteredCorpus Filter(IReadOnlyList<string> classNames) =>
        Filter(new ConceptFilterOptions { ClassNames = classNames });

    /// <summary>Removes concepts by the rules in <paramref name="options"/> and reports each removal and why.</summary>
    /// <param name="options">The rules.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    public FilteredCorpus Filter(ConceptFilterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var filter = new ConceptFilter(options);
        var kept = new List<ConceptEntry>(_entries.Length);
        var removed = new List<ConceptRemoval>();
        foreach (var entry in _entries)
        {
            if (filter.Check(entry.Concept) is { } removal)
            {
                removed.Add(removal);
            }
            else
            {
                kept.Add(entry);
            }
        }
        return new FilteredCorpus(new ConceptCorpus(kept, Merges, Source), removed);
    }

    /// <summary>
    /// The prompts the text encoder sees for each concept, in corpus order: every template applied to the
    /// concept's name, or, when the concept has its own <see cref="Concept.Prompt"/>, that prompt alone
    /// (used as a template when it holds <c>{concept}</c>, as-is otherwise).
    /// </summary>
    /// <param name="templates">The templates, such as <see cref="PromptTemplates.Default"/>; the encoder averages their embeddings.</param>
    /// <exception cref="ArgumentNullException"><paramref name="templates"/> or one of its items is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="templates"/> is empty.</exception>
    public IReadOnlyList<ConceptPrompts> ExpandPrompts(IReadOnlyList<PromptTemplate> templates)
    {
        ArgumentNullException.ThrowIfNull(templates);
        if (templates.Count == 0)
        {
            throw new ArgumentException("At least one prompt template is required.", nameof(templates));
        }
        if (templates.Any(t => t is null))
        {
            throw new ArgumentNullException(nameof(templates), "A prompt template is null.");
        }
        return [.. _entries.Select(e => ConceptPrompts.For(e.Concept, templates))];
    }

    /// <inheritdoc />
    public IEnumerator<Concept> GetEnumerator() => _entries.Select(e => e.Concept).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc />
    public override string ToString() => $"ConceptCorpus ({Count} concepts{(Source is null ? "" : $" from {Source}")})";

    private static ConceptCorpus Parse(string text, ConceptFileFormat format, string source)
    {
        var entries = format switch
        {
            ConceptFileFormat.Text => TextConceptReader.Read(text, source),
            ConceptFileFormat.Csv => CsvConceptReader.Read(text, source),
            ConceptFileFormat.Json => JsonConceptReader.Read(text, source),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown concept file format."),
        };
        var builder = new ConceptCorpusBuilder();
        builder.AddRange(entries);
        return builder.Build(source);
    }

    private static ConceptFileFormat FormatOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".txt" => ConceptFileFormat.Text,
        ".csv" => ConceptFileFormat.Csv,
        ".json" => ConceptFileFormat.Json,
        var other => throw new InvalidFileException(path, "extension", null,
            $"cannot tell the concept file format from the extension '{other}'; supported extensions are .txt, .csv and .json "
            + "(or call Load(Stream, ConceptFileFormat, string) with the format)."),
    };
}
