namespace InFiConD.Interactive;

/// <summary>
/// How much of a result the HTML views show. Views cap long lists (the rest is counted in a note) so a notebook
/// cell stays readable with thousands of images or concepts; the underlying result is never changed.
/// </summary>
public sealed record HtmlViewOptions
{
    /// <summary>The defaults: 20 rows, 8 concepts per class, 8 preview columns, 10 slices, 12 image ids.</summary>
    public static HtmlViewOptions Default { get; } = new();

    /// <summary>Rows shown in long tables (concept summaries, score previews, provenance entries). At least 1.</summary>
    public int MaxRows { get; init; } = 20;

    /// <summary>Concepts shown per class (top weights, contributions, concept contrasts). At least 1.</summary>
    public int ConceptsPerClass { get; init; } = 8;

    /// <summary>Concept columns in the concept-score preview. At least 1.</summary>
    public int PreviewColumns { get; init; } = 8;

    /// <summary>Slices shown from a misalignment report's top slices. At least 1.</summary>
    public int MaxSlices { get; init; } = 10;

    /// <summary>Image ids listed per misaligned subset. 0 lists none.</summary>
    public int MaxImageIds { get; init; } = 12;

    /// <summary>Whether to draw the inline SVG charts beside the tables.</summary>
    public bool Charts { get; init; } = true;

    /// <summary>
    /// Where pictures come from: when set, views show small inline thumbnails (data URIs, no network) wherever they name an
    /// image — explanations, misaligned subsets, changed predictions — up to <see cref="MaxThumbnails"/> per list.
    /// <see cref="For(DistillationSession)"/> sets it from a session.
    /// </summary>
    public ThumbnailSource? Thumbnails { get; init; }

    /// <summary>Thumbnails per list of images. 0 shows none.</summary>
    public int MaxThumbnails { get; init; } = 6;

    /// <summary>The defaults with thumbnails from <paramref name="session"/>'s images (<see cref="DistillationSession.Thumbnail"/>):
    /// <c>InFiConDFormatters.Register(HtmlViewOptions.For(session))</c>.</summary>
    /// <param name="session">The session whose images the views show.</param>
    /// <returns>The options.</returns>
    public static HtmlViewOptions For(DistillationSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return new HtmlViewOptions { Thumbnails = (id, split, concept) => session.Thumbnail(id, split, concept) };
    }

    /// <summary>Checks every limit once.</summary>
    /// <returns>These options.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A limit is below its minimum.</exception>
    public HtmlViewOptions Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRows, 1, nameof(MaxRows));
        ArgumentOutOfRangeException.ThrowIfLessThan(ConceptsPerClass, 1, nameof(ConceptsPerClass));
        ArgumentOutOfRangeException.ThrowIfLessThan(PreviewColumns, 1, nameof(PreviewColumns));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxSlices, 1, nameof(MaxSlices));
        ArgumentOutOfRangeException.ThrowIfNegative(MaxImageIds, nameof(MaxImageIds));
        ArgumentOutOfRangeException.ThrowIfNegative(MaxThumbnails, nameof(MaxThumbnails));
        return this;
    }
}
