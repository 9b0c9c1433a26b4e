using InFiConD.Embedding;

namespace InFiConD.RealShortcut;

/// <summary>One split of a <see cref="ShortcutWorld"/>: its images (labelled, with a "marked" yes/no column) and which carry the mark.</summary>
/// <param name="Name">The split's name.</param>
/// <param name="Images">The images, in class order.</param>
/// <param name="Labels">Each image's class index, by id.</param>
/// <param name="Marked">The ids of the images that carry the mark.</param>
internal sealed record ShortcutSplit(string Name, ImageSource Images, IReadOnlyDictionary<string, int> Labels, IReadOnlySet<string> Marked)
{
    /// <summary>The metadata column that says whether an image carries the mark ("yes" or "no").</summary>
    public const string MarkedColumn = "marked";
}
