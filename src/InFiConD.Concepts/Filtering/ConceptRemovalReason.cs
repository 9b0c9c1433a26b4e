namespace InFiConD.Concepts;

/// <summary>Why <see cref="ConceptCorpus.Filter(ConceptFilterOptions)"/> removed a concept. Rules are checked in this order; the first that applies is reported.</summary>
public enum ConceptRemovalReason
{
    /// <summary>The name holds no letter or digit (empty, or only punctuation).</summary>
    Empty,

    /// <summary>The name is longer than <see cref="ConceptFilterOptions.MaxLength"/>.</summary>
    TooLong,

    /// <summary>The name's key equals a class name's key.</summary>
    EqualToClassName,

    /// <summary>The name contains a class name as a whole word or run of words.</summary>
    ContainsClassName,
}
