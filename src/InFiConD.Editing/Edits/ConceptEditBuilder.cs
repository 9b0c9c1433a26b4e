using System.Collections.Immutable;

namespace InFiConD.Editing;

/// <summary>
/// A fluent, immutable way to write several edits: <c>e.ForClass("boat").Downtune("water").Uptune("sail", 3)</c>.
/// Every verb returns a new builder; <see cref="Edits"/> holds what was written, in order.
/// </summary>
public sealed class ConceptEditBuilder
{
    private readonly string? _className;

    private ConceptEditBuilder(ImmutableList<ConceptEdit> edits, string? className)
    {
        Edits = edits;
        _className = className;
    }

    /// <summary>An empty builder.</summary>
    public static ConceptEditBuilder Empty { get; } = new([], null);

    /// <summary>The edits written so far, in order.</summary>
    public IReadOnlyList<ConceptEdit> Edits { get; }

    /// <summary>Chooses the class that the following verbs edit.</summary>
    /// <param name="className">The class name.</param>
    /// <exception cref="ArgumentException">The name is empty.</exception>
    public ConceptEditBuilder ForClass(string className)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(className);
        return new ConceptEditBuilder((ImmutableList<ConceptEdit>)Edits, className);
    }

    /// <summary>Adds an uptune of <paramref name="conceptName"/> in the chosen class.</summary>
    /// <param name="conceptName">The concept.</param>
    /// <param name="factor">x &gt; 1.</param>
    /// <param name="sign">Direction for a (nearly) zero weight.</param>
    /// <exception cref="InvalidOperationException"><see cref="ForClass"/> was not called first.</exception>
    public ConceptEditBuilder Uptune(string conceptName, double factor = ConceptEdit.DefaultFactor, ZeroWeightSign sign = ZeroWeightSign.Auto) =>
        Add(new ConceptEdit(ConceptEditKind.Uptune, RequireClass(), conceptName, factor, sign));

    /// <summary>Adds a downtune of <paramref name="conceptName"/> in the chosen class.</summary>
    /// <param name="conceptName">The concept.</param>
    /// <param name="factor">x &gt; 1.</param>
    /// <exception cref="InvalidOperationException"><see cref="ForClass"/> was not called first.</exception>
    public ConceptEditBuilder Downtune(string conceptName, double factor = ConceptEdit.DefaultFactor) =>
        Add(new ConceptEdit(ConceptEditKind.Downtune, RequireClass(), conceptName, factor));

    /// <summary>Adds a removal of <paramref name="conceptName"/> from the chosen class.</summary>
    /// <param name="conceptName">The concept.</param>
    /// <exception cref="InvalidOperationException"><see cref="ForClass"/> was not called first.</exception>
    public ConceptEditBuilder Remove(string conceptName) => Add(new ConceptEdit(ConceptEditKind.Remove, RequireClass(), conceptName));

    /// <summary>Adds a lock of <paramref name="conceptName"/> in the chosen class.</summary>
    /// <param name="conceptName">The concept.</param>
    /// <exception cref="InvalidOperationException"><see cref="ForClass"/> was not called first.</exception>
    public ConceptEditBuilder Lock(string conceptName) => Add(new ConceptEdit(ConceptEditKind.Lock, RequireClass(), conceptName));

    /// <summary>Adds a release of <paramref name="conceptName"/> in the chosen class.</summary>
    /// <param name="conceptName">The concept.</param>
    /// <exception cref="InvalidOperationException"><see cref="ForClass"/> was not called first.</exception>
    public ConceptEditBuilder Release(string conceptName) => Add(new ConceptEdit(ConceptEditKind.Release, RequireClass(), conceptName));

    private ConceptEditBuilder Add(ConceptEdit edit)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(edit.ConceptName, "conceptName");
        return new ConceptEditBuilder(((ImmutableList<ConceptEdit>)Edits).Add(edit), _className);
    }

    private string RequireClass() =>
        _className ?? throw new InvalidOperationException("Choose the class first: e.ForClass(\"boat\").Downtune(\"water\").");
}
