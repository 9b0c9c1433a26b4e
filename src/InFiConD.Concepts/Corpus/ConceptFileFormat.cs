namespace InFiConD.Concepts;

/// <summary>The file formats a <see cref="ConceptCorpus"/> loads from.</summary>
public enum ConceptFileFormat
{
    /// <summary>Plain text (<c>.txt</c>): one concept per line, <c>#</c> starts a comment, blank lines ignored.</summary>
    Text,

    /// <summary>CSV (<c>.csv</c>, RFC 4180): a header with a <c>name</c> column and optional <c>group</c>, <c>synonyms</c>, <c>prompt</c>.</summary>
    Csv,

    /// <summary>JSON (<c>.json</c>): an array of names or of objects, or an object with a <c>concepts</c> array.</summary>
    Json,
}
