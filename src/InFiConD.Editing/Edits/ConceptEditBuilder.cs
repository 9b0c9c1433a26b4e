using System.Collections.Immutable;

namespace InFiConD.Editing;

/// <summary>
/// A fluent, immutable way to write several edits: <c>e.ForClass("boat").Downtune("water").Uptune("sail", 3)</c>,
/// <c>e.ForAllClasses().Remove("red mark")</c>, <c>e.ForClasses("boat", "car").Lock("wheel")</c>. Every verb returns a
/// new builder; <see cref="Edits"/> holds what was written, in order.
/// </summary>
public sealed class ConceptEditBuilder
{
    private readonly ImmutableArray<string> _classNames;

    private ConceptEditBuilder(ImmutableList<ConceptEdit> edits, ImmutableArray<string> classNames)
    {
        Edits = edits;
        _classNames = classNames;
    }

    /// <summary>An empty builder.</summary>
    public static ConceptEditBuilder Empty { get; } = new([], []);

    /// <summary>The edits written so far, in order.</summary>
    public IReadOnlyList<ConceptEdit> Edits { get; }

    /// <summary>Chooses the class that the following verbs edit.</summary>
    /// <param name="className">The class name.</param>
    /// <returns>The new builder.</returns>
    /// <exception cref="ArgumentException">The name is empty.</exception>
    public ConceptEditBuilder ForClass(string className)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(className);
        return new ConceptEditBuilder((ImmutableList<ConceptEdit>)Edits, [className]);
    }

    /// <summary>Chooses several classes: each following verb adds one edit per class.</summary>
    /// <param name="classNames">The class names, at least one.</param>
    /// <returns>The new builder.</returns>
    /// <exception cref="ArgumentException">No name is given, or a name is empty.</exception>
    public ConceptEditBuilder ForClasses(params IEnumerable<string> classNames)
    {
        ArgumentNullException.ThrowIfNull(classNames);
        var names = classNames.ToImmutableArray();
        if (names.IsEmpty)
        {
            throw new ArgumentException("Name at least one class.", nameof(classNames));
        }
        foreach (var name in names)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(name, nameof(classNames));
        }
        return new ConceptEditBuilder((ImmutableList<ConceptEdit>)Edits, names);
    }

    /// <summary>Chooses every class: each following verb adds one edit scoped to <see cref="ConceptEdit.AllClasses"/> ("stop using red mark everywhere").</summary>
    /// <returns>The new builder.</returns>
    public ConceptEditBuilder ForAllClasses() => new((ImmutableList<ConceptEdit>)Edits, [ConceptEdit.AllClasses]);

    /// <summary>Adds an uptune of <paramref name="conceptName"/> in the chosen classes.</summary>
    /// <param name="conceptName">The concept.</param>
    /// <param name="factor">x &gt; 1.</param>
    /// <param name="sign">Direction for a (nearly) zero weight.</param>
    /// <returns>The new builder.</returns>
    /// <exception cref="InvalidOperationException">No class was chosen first.</exception>
    public ConceptEditBuilder Uptune(string conceptName, double factor = ConceptEdit.DefaultFactor, ZeroWeightSign sign = ZeroWeightSign.Auto) =>
        Add(conceptName, c => new ConceptEdit(ConceptEditKind.Uptune, c, conceptName, factor, sign));

    /// <summary>Adds a downtune of <paramref name="conceptName"/> in the chosen classes.</summary>
    /// <param name="conceptName">The concept.</param>
    /// <param name="factor">x &gt; 1.</param>
    /// <returns>The new builder.</returns>
    /// <exception cref="InvalidOperationException">No class was chosen first.</exception>
    public ConceptEditBuilder Downtune(string conceptName, double factor = ConceptEdit.DefaultFactor) =>
        Add(conceptName, c => new ConceptEdit(ConceptEditKind.Downtune, c, conceptName, factor));

    /// <summary>Adds a removal of <paramref name="conceptName"/> from the chosen classes.</summary>
    /// <param name="conceptName">The concept.</param>
    /// <returns>The new builder.</returns>
    /// <exception cref="InvalidOperationException">No class was chosen first.</exception>
    public ConceptEditBuilder Remove(string conceptName) => Add(conceptName, c => ConceptEdit.Remove(c, conceptName));

    /// <summary>Adds a lock of <paramref name="conceptName"/> in the chosen classes.</summary>
    /// <param name="conceptName">The concept.</param>
    /// <returns>The new builder.</returns>
    /// <exception cref="InvalidOperationException">No class was chosen first.</exception>
    public ConceptEditBuilder Lock(string conceptName) => Add(conceptName, c => ConceptEdit.Lock(c, conceptName));

    /// <summary>Adds a fixed value for <paramref name="conceptName"/> in the chosen classes.</summary>
    /// <param name="conceptName">The concept.</param>
    /// <param name="value">The weight (standardised units).</param>
    /// <returns>The new builder.</returns>
    /// <exception cref="InvalidOperationException">No class was chosen first.</exception>
    public ConceptEditBuilder Set(string conceptName, double value) => Add(conceptName, c => ConceptEdit.Set(c, conceptName, value));

    /// <summary>Adds an interval for <paramref name="conceptName"/> in the chosen classes.</summary>
    /// <param name="conceptName">The concept.</param>
    /// <param name="lower">The lower end (standardised units, may be −∞).</param>
    /// <param name="upper">The upper end (may be +∞).</param>
    /// <returns>The new builder.</returns>
    /// <exception cref="InvalidOperationException">No class was chosen first.</exception>
    public ConceptEditBuilder Bound(string conceptName, double lower, double upper) => Add(conceptName, c => ConceptEdit.Bound(c, conceptName, lower, upper));

    /// <summary>Adds a release of <paramref name="conceptName"/> in the chosen classes.</summary>
    /// <param name="conceptName">The concept.</param>
    /// <returns>The new builder.</returns>
    /// <exception cref="InvalidOperationException">No class was chosen first.</exception>
    public ConceptEditBuilder Release(string conceptName) => Add(conceptName, c => ConceptEdit.Release(c, conceptName));

    private ConceptEditBuilder Add(string conceptName, Func<string, ConceptEdit> edit)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(conceptName);
        if (_classNames.IsEmpty)
        {
            throw new InvalidOperationException("Choose the class first: e.ForClass(\"boat\").Downtune(\"water\"), or e.ForAllClasses().Remove(\"water\").");
        }
        return new ConceptEditBuilder(((ImmutableList<ConceptEdit>)Edits).AddRange(_classNames.Select(edit)), _classNames);
    }
}
