using InFiConD.Core;
using InFiConD.Embedding;
using InFiConD.Students;

namespace InFiConD;

/// <summary>
/// A teacher from any function of a decoded image to K class scores — a remote service, a model in another
/// runtime, a rule. Images are decoded (with limits) and failures reported as for every teacher.
/// </summary>
public sealed class DelegateTeacher : ITeacher
{
    private readonly Func<DecodedImage, CancellationToken, Task<float[]>> _score;
    private readonly TeacherOutputKind? _kind;
    private readonly bool _multiLabel;
    private readonly ImageDecoder _decoder;

    private DelegateTeacher(IReadOnlyList<string> classNames, string teacherId, Func<DecodedImage, CancellationToken, Task<float[]>> score, TeacherOutputKind? kind, bool multiLabel, DecodeOptions decode)
    {
        ClassNames = classNames;
        TeacherId = teacherId;
        _score = score;
        _kind = kind;
        _multiLabel = multiLabel;
        _decoder = new ImageDecoder(decode);
    }

    /// <inheritdoc />
    public IReadOnlyList<string> ClassNames { get; }

    /// <inheritdoc />
    public string TeacherId { get; }

    /// <summary>Creates a teacher from a synchronous scoring function.</summary>
    /// <param name="classNames">The K class names, in score order.</param>
    /// <param name="teacherId">A stable id of what the function computes (used by caches).</param>
    /// <param name="score">Returns K scores for an image.</param>
    /// <param name="kind">Logits or probabilities; <see langword="null"/> detects it.</param>
    /// <param name="multiLabel">Independent per-class probabilities.</param>
    /// <param name="decode">Decoding limits; <see langword="null"/> for the defaults.</param>
    public static DelegateTeacher Create(IReadOnlyList<string> classNames, string teacherId, Func<DecodedImage, float[]> score, TeacherOutputKind? kind = null, bool multiLabel = false, DecodeOptions? decode = null)
    {
        ArgumentNullException.ThrowIfNull(score);
        return Create(classNames, teacherId, (image, _) => Task.FromResult(score(image)), kind, multiLabel, decode);
    }

    /// <summary>Creates a teacher from an asynchronous scoring function.</summary>
    /// <param name="classNames">The K class names, in score order.</param>
    /// <param name="teacherId">A stable id of what the function computes.</param>
    /// <param name="score">Returns K scores for an image.</param>
    /// <param name="kind">Logits or probabilities; <see langword="null"/> detects it.</param>
    /// <param name="multiLabel">Independent per-class probabilities.</param>
    /// <param name="decode">Decoding limits; <see langword="null"/> for the defaults.</param>
    /// <exception cref="ArgumentException">Class names are empty or repeat, or the id is empty.</exception>
    public static DelegateTeacher Create(IReadOnlyList<string> classNames, string teacherId, Func<DecodedImage, CancellationToken, Task<float[]>> score, TeacherOutputKind? kind = null, bool multiLabel = false, DecodeOptions? decode = null)
    {
        ArgumentNullException.ThrowIfNull(classNames);
        ArgumentException.ThrowIfNullOrEmpty(teacherId);
        ArgumentNullException.ThrowIfNull(score);
        if (classNames.Count == 0 || classNames.Distinct(StringComparer.Ordinal).Count() != classNames.Count)
        {
            throw new ArgumentException($"A teacher needs at least one class and distinct class names; got {classNames.Count} names.", nameof(classNames));
        }
        return new DelegateTeacher(classNames.ToArray(), teacherId, score, kind, multiLabel, (decode ?? DecodeOptions.Default).Validate());
    }

    /// <inheritdoc />
    /// <exception cref="ShapeMismatchException">The function returned a number of scores other than K (the image is named).</exception>
    public async Task<TeacherRun> PredictAsync(ImageSource images, IProgress<ImageModelProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(images);
        var rows = new List<float[]>(images.Count);
        var ids = new List<string>(images.Count);
        var failures = new List<DecodeFailure>();
        for (var i = 0; i < images.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var item = images[i];
            var outcome = _decoder.TryDecode(item);
            if (outcome.Image is { } image)
            {
                var scores = await _score(image, cancellationToken).ConfigureAwait(false);
                if (scores is null || scores.Length != ClassNames.Count)
                {
                    throw new ShapeMismatchException($"scores of image '{item.Id}'", $"{ClassNames.Count} values (one per class)", $"{scores?.Length ?? 0} values");
                }
                rows.Add(scores);
                ids.Add(item.Id);
            }
            else if (outcome.Failure is { } failure)
            {
                failures.Add(failure);
            }
            progress?.Report(new ImageModelProgress(i + 1, images.Count, failures.Count));
        }
        var matrix = rows.Count == 0 ? new FloatMatrix(0, ClassNames.Count) : FloatMatrix.FromRows(rows);
        var (outputs, kind) = TeacherScores.ToOutputs(matrix, ids, ClassNames, _kind, _multiLabel, 1f, TeacherId);
        return new TeacherRun(outputs, kind, failures);
    }
}
