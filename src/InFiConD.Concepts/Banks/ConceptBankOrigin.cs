namespace InFiConD.Concepts;

/// <summary>How a <see cref="ConceptBank"/> was made, saved with it so a bank can be traced and rebuilt.</summary>
public sealed record ConceptBankOrigin
{
    /// <summary>Creates an origin.</summary>
    /// <param name="kind">How the vectors were made.</param>
    /// <param name="modelId">The encoder that made them (file name, hash or model name), if known.</param>
    /// <param name="templates">The prompt templates averaged per concept (text banks); empty otherwise.</param>
    /// <param name="description">Free text, such as the exemplar set or import source.</param>
    /// <exception cref="ArgumentNullException">A template is <see langword="null"/>.</exception>
    public ConceptBankOrigin(ConceptBankKind kind, string? modelId = null, IEnumerable<string>? templates = null, string? description = null)
    {
        Kind = kind;
        ModelId = modelId;
        Templates = templates is null ? [] : [.. templates];
        Description = description;
    }

    /// <summary>Creates an origin from a list of templates; the constructor JSON readers use (parameter and property types match).</summary>
    /// <param name="kind">How the vectors were made.</param>
    /// <param name="modelId">The encoder that made them, if known.</param>
    /// <param name="templates">The prompt templates averaged per concept (text banks); empty otherwise.</param>
    /// <param name="description">Free text, such as the exemplar set or import source.</param>
    /// <exception cref="ArgumentNullException">A template is <see langword="null"/>.</exception>
    [System.Text.Json.Serialization.JsonConstructor]
    public ConceptBankOrigin(ConceptBankKind kind, string? modelId, IReadOnlyList<string>? templates, string? description)
        : this(kind, modelId, (IEnumerable<string>?)templates, description)
    {
    }

    /// <summary>How the vectors were made.</summary>
    public ConceptBankKind Kind { get; init; }

    /// <summary>The encoder that made the vectors, if known.</summary>
    public string? ModelId { get; init; }

    /// <summary>The prompt templates averaged per concept; empty when not a text bank.</summary>
    /// <exception cref="ArgumentNullException">Set to <see langword="null"/>, or an item is <see langword="null"/>.</exception>
    public IReadOnlyList<string> Templates
    {
        get;
        init
        {
            ArgumentNullException.ThrowIfNull(value, nameof(Templates));
            var copy = value.ToArray();
            if (Array.IndexOf(copy, null) is var i and >= 0)
            {
                throw new ArgumentNullException(nameof(Templates), $"Template {i} is null.");
            }
            field = Array.AsReadOnly(copy);
        }
    } = [];

    /// <summary>Free text, such as the exemplar set or import source.</summary>
    public string? Description { get; init; }

    /// <summary>Value equality, comparing <see cref="Templates"/> item by item.</summary>
    /// <param name="other">The origin to compare with.</param>
    public bool Equals(ConceptBankOrigin? other) =>
        other is not null
        && Kind == other.Kind
        && string.Equals(ModelId, other.ModelId, StringComparison.Ordinal)
        && string.Equals(Description, other.Description, StringComparison.Ordinal)
        && Templates.SequenceEqual(other.Templates, StringComparer.Ordinal);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Kind, ModelId, Description, Templates.Count);
}
