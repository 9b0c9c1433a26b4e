namespace InFiConD.Concepts;

/// <summary>
/// Rules for <see cref="ConceptCorpus.Filter(ConceptFilterOptions)"/>, after Label-free CBM (Oikarinen et
/// al., ICLR 2023): drop empty and overly long concepts and those that merely restate a class. Values are
/// validated when set.
/// </summary>
public sealed record ConceptFilterOptions
{
    /// <summary>The defaults: remove empty concepts and those longer than 30 characters; no class names.</summary>
    public static ConceptFilterOptions Default { get; } = new();

    /// <summary>Remove concepts whose name holds no letter or digit. Default <see langword="true"/>.</summary>
    public bool RemoveEmpty { get; init; } = true;

    /// <summary>
    /// Remove concepts whose display name has more UTF-16 characters than this; <see langword="null"/>
    /// keeps every length. Default 30, as in Label-free CBM.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to zero or a negative number.</exception>
    public int? MaxLength
    {
        get;
        init
        {
            if (value is <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(MaxLength), value, "MaxLength must be positive, or null for no limit.");
            }
            field = value;
        }
    } = 30;

    /// <summary>The teacher's class names, matched by key like concept names. Default none.</summary>
    /// <exception cref="ArgumentNullException">Set to <see langword="null"/>, or an item is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A class name holds no letter or digit (it could never match meaningfully).</exception>
    public IReadOnlyList<string> ClassNames
    {
        get;
        init
        {
            ArgumentNullException.ThrowIfNull(value, nameof(ClassNames));
            var copy = value.ToArray();
            for (var i = 0; i < copy.Length; i++)
            {
                if (copy[i] is null)
                {
                    throw new ArgumentNullException(nameof(ClassNames), $"Class name {i} is null.");
                }
                if (!ConceptText.HasWordChar(copy[i]))
                {
                    throw new ArgumentException($"Class name {i} ('{copy[i]}') holds no letter or digit.", nameof(ClassNames));
                }
            }
            field = Array.AsReadOnly(copy);
        }
    } = [];

    /// <summary>Remove concepts whose key equals a class name's key ("Boat" for class "boat"). Default <see langword="true"/>.</summary>
    public bool RemoveEqualToClassName { get; init; } = true;

    /// <summary>
    /// Remove concepts whose words contain a class name's words as a contiguous run ("sail boat" and
    /// "boat-house" for class "boat", but not "boathouse"). Words are runs of letters and digits of the
    /// keys. Default <see langword="true"/>.
    /// </summary>
    public bool RemoveContainingClassName { get; init; } = true;
}
