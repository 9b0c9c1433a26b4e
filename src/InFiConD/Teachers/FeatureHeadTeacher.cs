using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using InFiConD.Core;
using InFiConD.Embedding;
using InFiConD.Students;

namespace InFiConD;

/// <summary>
/// A teacher that is a <see cref="ClassifierHead"/> over an image encoder's whole-image features — a linear probe,
/// such as ResNet-18 with a head trained by ML.NET. Run alone it encodes the images itself; inside a distillation
/// whose segment encoder already computes those features (a <see cref="RegionPooledSegmentEncoder"/> over the same
/// <see cref="ResNet18FeatureMap"/>, or a <see cref="CroppedSegmentEncoder"/> over the same encoder, with the whole
/// image included) the run reads them from the segments instead, so one forward pass per image serves both.
/// </summary>
public sealed class FeatureHeadTeacher : ITeacher
{
    private FeatureHeadTeacher(IImageEncoder features, ClassifierHead head, string teacherId)
    {
        Features = features;
        Head = head;
        TeacherId = teacherId;
    }

    /// <summary>The encoder whose whole-image embeddings the head reads.</summary>
    public IImageEncoder Features { get; }

    /// <summary>The head: class scores from the features.</summary>
    public ClassifierHead Head { get; }

    /// <inheritdoc />
    public IReadOnlyList<string> ClassNames => Head.ClassNames;

    /// <summary>The head's content hash and the encoder's model id, so a changed head or encoder never reads stale caches.</summary>
    public string TeacherId { get; }

    /// <summary>Creates the teacher.</summary>
    /// <param name="features">The encoder the head was trained on.</param>
    /// <param name="head">The head; its feature dimension must be the encoder's.</param>
    /// <returns>The teacher.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ShapeMismatchException">The head reads other than <see cref="IImageEncoder.Dimension"/> features.</exception>
    public static FeatureHeadTeacher Create(IImageEncoder features, ClassifierHead head)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(head);
        if (head.FeatureDimension != features.Dimension)
        {
            throw new ShapeMismatchException("FeatureHeadTeacher head", $"{features.Dimension} features ({features.ModelId}'s dimension)", $"{head.FeatureDimension} features");
        }
        return new FeatureHeadTeacher(features, head, $"head:{HeadHash(head)}|{features.ModelId}");
    }

    /// <inheritdoc />
    public async Task<TeacherRun> PredictAsync(ImageSource images, IProgress<ImageModelProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(images);
        var encoded = await Features.EncodeAsync(images, progress, cancellationToken).ConfigureAwait(false);
        return new TeacherRun(FromFeatures(encoded.Embeddings, encoded.ImageIds), TeacherOutputKind.Probabilities, encoded.Failures);
    }

    /// <summary>The teacher's outputs from features the caller already has, one row per image.</summary>
    /// <param name="features">N × D whole-image features from <see cref="Features"/>.</param>
    /// <param name="imageIds">The N image ids, in row order.</param>
    /// <returns>The head's probabilities.</returns>
    public TeacherOutputs FromFeatures(FloatMatrix features, IReadOnlyList<string> imageIds)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(imageIds);
        return TeacherOutputs.FromProbabilities(Head.Probabilities(features), Head.ClassNames, imageIds, multiLabel: Head.Activation == HeadActivation.Sigmoid);
    }

    /// <inheritdoc />
    public override string ToString() => $"FeatureHeadTeacher ({Head} over {Features.ModelId})";

    private static string HeadHash(ClassifierHead head)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(MemoryMarshal.AsBytes(head.Weights.AsSpan()));
        hash.AppendData(MemoryMarshal.AsBytes(head.Bias.ToArray().AsSpan()));
        hash.AppendData(Encoding.UTF8.GetBytes($"{head.Activation}|{string.Join('\n', head.ClassNames)}"));
        return Convert.ToHexString(hash.GetHashAndReset())[..16].ToLowerInvariant();
    }
}
