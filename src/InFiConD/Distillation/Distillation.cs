using InFiConD.Embedding;

namespace InFiConD;

/// <summary>
/// The front door: describes a distillation run step by step and runs it.
/// <code>
/// var session = await Distillation
///     .On(ImageSource.FromFolder("data/train"))
///     .WithConcepts(ConceptCorpus.Load("concepts.txt"))
///     .WithEncoder(OnnxClipEncoder.Load("clip/"))
///     .WithTeacher(OnnxTeacher.Load("teacher.onnx", Preprocessing.Clip, classNames))
///     .WithStudents(s =&gt; s.L1(1e-4).SoftTargets())
///     .RunAsync(progress, cancellationToken);
/// </code>
/// </summary>
public static class Distillation
{
    /// <summary>Starts a run over a set of images.</summary>
    /// <param name="images">The images to distil on (their manifest labels, when present, become the ground truth).</param>
    /// <returns>A builder with nothing else configured.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="images"/> is <see langword="null"/>.</exception>
    public static DistillationBuilder On(ImageSource images)
    {
        ArgumentNullException.ThrowIfNull(images);
        return new DistillationBuilder(images);
    }
}
