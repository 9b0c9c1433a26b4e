using InFiConD.Concepts;
using InFiConD.Core;

namespace InFiConD.Students;

/// <summary>
/// A named set of images as the students see them: their concept scores, the teacher's outputs aligned to them, the
/// true class of each image when known, and any per-image attributes. A session holds its training images as the split
/// named <see cref="TrainingName"/> and any number of held-out splits (<c>test</c>, <c>shifted</c>, a user's own
/// folder), on which every version of the students is measured.
/// </summary>
public sealed class DataSplit
{
    /// <summary>The name of the split the students are fitted on.</summary>
    public const string TrainingName = "train";

    private DataSplit(string name, ConceptScores scores, TeacherOutputs teacher, int[]? groundTruth, ImageMetadata metadata)
    {
        Name = name;
        Scores = scores;
        Teacher = teacher;
        GroundTruth = groundTruth is null ? null : Array.AsReadOnly(groundTruth);
        Metadata = metadata;
    }

    /// <summary>The split's name, unique within a session.</summary>
    public string Name { get; }

    /// <summary>The N × C concept scores of the split's images.</summary>
    public ConceptScores Scores { get; }

    /// <summary>The teacher's outputs, row n for image n of <see cref="Scores"/>.</summary>
    public TeacherOutputs Teacher { get; }

    /// <summary>The true class index (into the teacher's classes) per image; <see langword="null"/> when unknown.</summary>
    public IReadOnlyList<int>? GroundTruth { get; }

    /// <summary>Per-image attributes (row n for image n); no columns when none were given.</summary>
    public ImageMetadata Metadata { get; }

    /// <summary>The number of images.</summary>
    public int ImageCount => Scores.ImageCount;

    /// <summary>The images' ids, in row order.</summary>
    public IReadOnlyList<string> ImageIds => Scores.ImageIds;

    /// <summary>Whether this is the training split.</summary>
    public bool IsTraining => Name == TrainingName;

    /// <summary>Builds a split, aligning the teacher's outputs to the scores' image ids.</summary>
    /// <param name="name">The split's name: non-empty, no control characters, no leading or trailing white space.</param>
    /// <param name="scores">The images' concept scores (at least one image).</param>
    /// <param name="teacher">The teacher's outputs; must cover every scored image (it may cover more).</param>
    /// <param name="groundTruth">Optional true class index per row of <paramref name="scores"/>, each in [0, K).</param>
    /// <param name="metadata">Optional attributes, one row per image; <see langword="null"/> for none.</param>
    /// <returns>The split.</returns>
    /// <exception cref="ArgumentException">The name breaks a rule, there are no images, or a scored image has no teacher output.</exception>
    /// <exception cref="ShapeMismatchException">The ground truth or metadata does not hold one row per image.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A label is outside [0, K) (its image named).</exception>
    public static DataSplit Create(string name, ConceptScores scores, TeacherOutputs teacher, IReadOnlyList<int>? groundTruth = null, ImageMetadata? metadata = null)
    {
        CheckName(name);
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(teacher);
        if (scores.ImageCount == 0)
        {
            throw new ArgumentException($"The split '{name}' has no images.", nameof(scores));
        }
        var aligned = teacher.AlignTo(scores.ImageIds);
        int[]? labels = null;
        if (groundTruth is not null)
        {
            if (groundTruth.Count != scores.ImageCount)
            {
                throw new ShapeMismatchException($"ground truth of split '{name}'", $"{scores.ImageCount} labels (one per image)", $"{groundTruth.Count} labels");
            }
            labels = groundTruth.ToArray();
            for (var i = 0; i < labels.Length; i++)
            {
                if ((uint)labels[i] >= (uint)aligned.ClassCount)
                {
                    throw new ArgumentOutOfRangeException(nameof(groundTruth), labels[i],
                        $"The ground-truth label of image '{scores.ImageIds[i]}' in split '{name}' is {labels[i]}; labels must be in [0, {aligned.ClassCount}).");
                }
            }
        }
        if (metadata is not null && metadata.Rows != scores.ImageCount)
        {
            throw new ShapeMismatchException($"metadata of split '{name}'", $"{scores.ImageCount} rows (one per image)", $"{metadata.Rows} rows");
        }
        return new DataSplit(name, scores, aligned, labels, metadata ?? ImageMetadata.Empty(scores.ImageCount));
    }

    /// <summary>Builds a split with the ground truth given as class names (see <see cref="Create(string, ConceptScores, TeacherOutputs, IReadOnlyList{int}?, ImageMetadata?)"/>).</summary>
    /// <param name="name">The split's name.</param>
    /// <param name="scores">The images' concept scores.</param>
    /// <param name="teacher">The teacher's outputs.</param>
    /// <param name="groundTruthNames">The true class name per row of <paramref name="scores"/>; each must be one of the teacher's classes.</param>
    /// <param name="metadata">Optional attributes.</param>
    /// <returns>The split.</returns>
    /// <exception cref="ArgumentException">A name is not one of the teacher's classes (the image and the classes named), or a rule of the other overload breaks.</exception>
    public static DataSplit Create(string name, ConceptScores scores, TeacherOutputs teacher, IReadOnlyList<string> groundTruthNames, ImageMetadata? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(groundTruthNames);
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(teacher);
        return Create(name, scores, teacher, ClassIndices(name, scores.ImageIds, groundTruthNames, teacher.ClassNames), metadata);
    }

    /// <summary>Class indices for class names, with an error that names the image, the label and the known classes.</summary>
    /// <param name="split">The split's name (for the message).</param>
    /// <param name="imageIds">The images, in row order.</param>
    /// <param name="labels">One class name per image.</param>
    /// <param name="classNames">The teacher's classes.</param>
    /// <returns>One index per image.</returns>
    /// <exception cref="ShapeMismatchException">The counts differ.</exception>
    /// <exception cref="ArgumentException">A label is not a class.</exception>
    public static int[] ClassIndices(string split, IReadOnlyList<string> imageIds, IReadOnlyList<string> labels, IReadOnlyList<string> classNames)
    {
        ArgumentNullException.ThrowIfNull(imageIds);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(classNames);
        if (labels.Count != imageIds.Count)
        {
            throw new ShapeMismatchException($"ground truth of split '{split}'", $"{imageIds.Count} labels (one per image)", $"{labels.Count} labels");
        }
        var index = new Dictionary<string, int>(classNames.Count, StringComparer.Ordinal);
        for (var k = 0; k < classNames.Count; k++)
        {
            index.TryAdd(classNames[k], k);
        }
        var result = new int[labels.Count];
        for (var n = 0; n < labels.Count; n++)
        {
            if (labels[n] is not { } label || !index.TryGetValue(label, out result[n]))
            {
                throw new ArgumentException($"Image '{imageIds[n]}' of split '{split}' has the label '{labels[n]}', which is not one of the teacher's classes ({string.Join(", ", classNames)}).", nameof(labels));
            }
        }
        return result;
    }

    /// <summary>Checks a split name: non-empty, no control characters, no leading or trailing white space.</summary>
    /// <param name="name">The name.</param>
    /// <exception cref="ArgumentException">The name breaks a rule (named).</exception>
    public static void CheckName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0 || name.Trim().Length != name.Length || name.Any(char.IsControl))
        {
            throw new ArgumentException($"The split name '{name}' is not valid: it must be non-empty, without control characters or leading/trailing spaces.", nameof(name));
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"DataSplit '{Name}' ({ImageCount} images{(GroundTruth is null ? "" : ", labelled")})";
}
