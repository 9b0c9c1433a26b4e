using InFiConD.Core;

namespace InFiConD.Concepts;

/// <summary>
/// An immutable set of C concept vectors in an encoder's D-dimensional space: row c of
/// <see cref="Vectors"/> is the unit-length direction of concept <see cref="Names"/>[c]. The scorer
/// compares image segments to these rows by cosine similarity.
/// </summary>
public sealed class ConceptBank
{
    /// <summary>How far a row's L2 norm may be from 1 before it is rejected.</summary>
    public const double NormTolerance = 1e-3;

    private readonly ConceptNameIndex _index;

    private ConceptBank(string[] names, ConceptNameIndex index, FloatMatrix vectors, ConceptBankOrigin origin,
        IReadOnlyList<ConceptQuality?>? quality = null, IReadOnlyList<float>? presenceThresholds = null)
    {
        Names = Array.AsReadOnly(names);
        _index = index;
        Vectors = vectors;
        Origin = origin;
        Quality = quality;
        PresenceThresholds = presenceThresholds;
    }

    /// <summary>The concept names, one per row, unique by key.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>
    /// The C × D unit-norm vectors. This is the bank's own storage, shared so kernels can read it without
    /// copying: do not write to it (use <see cref="FloatMatrix.Copy"/> for a matrix of your own).
    /// </summary>
    public FloatMatrix Vectors { get; }

    /// <summary>How the vectors were made.</summary>
    public ConceptBankOrigin Origin { get; }

    /// <summary>
    /// Per concept, how reliably its detector recognises it (held-out AUC on its exemplars; <see langword="null"/>
    /// for a concept without such evidence), in row order; <see langword="null"/> for a bank without evidence, such as a text bank.
    /// </summary>
    public IReadOnlyList<ConceptQuality?>? Quality { get; }

    /// <summary>
    /// Per concept, the raw score at or above which the concept counts as present in an image, in row order;
    /// <see langword="null"/> when the bank has not been calibrated.
    /// </summary>
    public IReadOnlyList<float>? PresenceThresholds { get; }

    /// <summary>Number of concepts, C.</summary>
    public int Count => Vectors.Rows;

    /// <summary>Dimension of the vectors, D.</summary>
    public int Dimension => Vectors.Columns;

    /// <summary>Creates a bank from names and vectors (copied).</summary>
    /// <param name="names">One name per row; non-empty and unique by <see cref="Concept.Key"/>.</param>
    /// <param name="vectors">C × D vectors. Copied, so the caller may reuse the matrix.</param>
    /// <param name="origin">How the vectors were made.</param>
    /// <param name="normalize">Scale each row to unit L2 norm (default); when <see langword="false"/> each row must
    /// already have norm 1 within <see cref="NormTolerance"/>.</param>
    /// <exception cref="ArgumentNullException">An argument or a name is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A name is empty or repeats another by key (both are named); a row is all
    /// zeros (with <paramref name="normalize"/>) or not unit length (without); the row and concept are named.</exception>
    /// <exception cref="ShapeMismatchException">The number of names differs from the number of rows.</exception>
    /// <exception cref="NonFiniteValueException">A vector holds NaN or ±∞.</exception>
    public static ConceptBank Create(IReadOnlyList<string> names, FloatMatrix vectors, ConceptBankOrigin origin, bool normalize = true)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(vectors);
        ArgumentNullException.ThrowIfNull(origin);
        var nameArray = names.ToArray();
        var index = ConceptNameIndex.Create(nameArray, nameof(names));
        if (nameArray.Length != vectors.Rows)
        {
            throw new ShapeMismatchException(nameof(vectors), $"{nameArray.Length} × D (one row per name)", $"{vectors.Rows} × {vectors.Columns}");
        }
        vectors.EnsureFinite(nameof(vectors));
        var copy = vectors.Copy();
        for (var row = 0; row < copy.Rows; row++)
        {
            var norm = UnitNorm.Of(copy.Row(row));
            if (normalize)
            {
                if (norm == 0 || !double.IsFinite(norm))
                {
                    throw new ArgumentException($"Row {row} (concept '{nameArray[row]}') has norm {norm}; it cannot be scaled to unit length.", nameof(vectors));
                }
                UnitNorm.Scale(copy.Row(row), norm);
            }
            else if (!UnitNorm.IsUnit(norm))
            {
                throw new ArgumentException(
                    $"Row {row} (concept '{nameArray[row]}') has L2 norm {norm:R}; rows must have norm 1 within {NormTolerance} (pass normalize: true to scale them).",
                    nameof(vectors));
            }
        }
        return new ConceptBank(nameArray, index, copy, origin);
    }

    /// <summary>The same bank with another quality record per concept (the vectors are shared, not copied).</summary>
    /// <param name="quality">One entry per concept in row order (an entry may be <see langword="null"/>: not measured), or
    /// <see langword="null"/> to drop the records.</param>
    /// <returns>A new bank; this one is unchanged.</returns>
    /// <exception cref="ArgumentException"><paramref name="quality"/> does not hold one entry per concept.</exception>
    public ConceptBank WithQuality(IReadOnlyList<ConceptQuality?>? quality)
    {
        if (quality is not null && quality.Count != Count)
        {
            throw new ArgumentException($"Quality holds {quality.Count} entries; the bank has {Count} concepts (one entry per concept, in row order).", nameof(quality));
        }
        return new ConceptBank([.. Names], _index, Vectors, Origin, quality is null ? null : Array.AsReadOnly(quality.ToArray()), PresenceThresholds);
    }

    /// <summary>The same bank with another presence threshold per concept (the vectors are shared, not copied).</summary>
    /// <param name="thresholds">One raw score per concept in row order, each finite; or <see langword="null"/> to drop them.</param>
    /// <returns>A new bank; this one is unchanged.</returns>
    /// <exception cref="ArgumentException"><paramref name="thresholds"/> does not hold one value per concept, or a value is NaN or ±∞ (the concept is named).</exception>
    public ConceptBank WithPresenceThresholds(IReadOnlyList<float>? thresholds)
    {
        if (thresholds is not null)
        {
            if (thresholds.Count != Count)
            {
                throw new ArgumentException($"PresenceThresholds holds {thresholds.Count} values; the bank has {Count} concepts (one value per concept, in row order).", nameof(thresholds));
            }
            for (var c = 0; c < thresholds.Count; c++)
            {
                if (!float.IsFinite(thresholds[c]))
                {
                    throw new ArgumentException($"PresenceThresholds[{c}] (concept '{ConceptText.Shorten(Names[c])}') is {thresholds[c]}; every threshold must be finite.", nameof(thresholds));
                }
            }
        }
        return new ConceptBank([.. Names], _index, Vectors, Origin, Quality, thresholds is null ? null : Array.AsReadOnly(thresholds.ToArray()));
    }

    /// <summary>The row of the concept whose key matches <paramref name="name"/>, or -1.</summary>
    /// <param name="name">A concept name in any casing or spacing.</param>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is <see langword="null"/>.</exception>
    public int IndexOf(string name) => _index.IndexOf(name);

    /// <summary>The unit vector of one concept.</summary>
    /// <param name="index">The row.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside the bank.</exception>
    public ReadOnlySpan<float> Vector(int index) => Vectors.Row(index);

    /// <summary>
    /// Saves the bank: a JSON manifest (format, version, names, origin, shape, SHA-256 of the vectors) and a
    /// <c>.npy</c> float32 matrix beside it, each written atomically. A path ending in <c>.json</c> names the
    /// manifest (the vectors go to the same name with <c>.npy</c>); any other path is a directory that receives
    /// <c>conceptbank.json</c> and <c>conceptbank.npy</c>.
    /// </summary>
    /// <param name="path">The manifest file or the directory.</param>
    /// <returns>The manifest's full path.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    /// <exception cref="IOException">A file could not be written; files already there are left whole.</exception>
    public string Save(string path) => ConceptBankFile.Save(this, path);

    /// <summary>Loads a bank saved by <see cref="Save"/>, checking everything it can.</summary>
    /// <param name="path">The manifest file, or the directory holding <c>conceptbank.json</c>.</param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    /// <exception cref="FileNotFoundException">The manifest does not exist.</exception>
    /// <exception cref="InvalidFileException">The manifest is malformed, has another format or version, or lacks a
    /// field; the vectors file is missing, its hash differs from the manifest's, or it holds non-finite values,
    /// rows that are not unit length, or names that repeat by key. Names the file and field.</exception>
    /// <exception cref="ShapeMismatchException">The vectors' shape differs from the manifest's count × dimension.</exception>
    public static ConceptBank Load(string path) => ConceptBankFile.Load(path);

    internal static ConceptBank FromValidated(string[] names, ConceptNameIndex index, FloatMatrix vectors, ConceptBankOrigin origin) =>
        new(names, index, vectors, origin);

    /// <summary>Whether concept <paramref name="index"/> has a quality record that is not reliable (see <see cref="ConceptQuality.IsReliable"/>).</summary>
    /// <param name="index">The row.</param>
    /// <returns><see langword="true"/> only when the concept was measured and fell below <see cref="ConceptQuality.ReliableAuc"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside the bank.</exception>
    public bool IsFlaggedUnreliable(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        return Quality?[index] is { IsReliable: false };
    }

    /// <inheritdoc />
    public override string ToString() => $"ConceptBank ({Count} × {Dimension}, {Origin.Kind})";
}
