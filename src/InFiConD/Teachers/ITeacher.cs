using InFiConD.Embedding;

namespace InFiConD;

/// <summary>A classifier to distil: reads images and says, per image, how likely each class is.</summary>
public interface ITeacher
{
    /// <summary>The K class names, in output order.</summary>
    IReadOnlyList<string> ClassNames { get; }

    /// <summary>A stable id of the teacher (model file hash and settings), for caches and session files.</summary>
    string TeacherId { get; }

    /// <summary>Runs the teacher over every image of a source; images that fail to decode are reported and skipped.</summary>
    /// <param name="images">The images.</param>
    /// <param name="progress">Receives progress.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The teacher's outputs for the decoded images and the failures.</returns>
    Task<TeacherRun> PredictAsync(ImageSource images, IProgress<ImageModelProgress>? progress = null, CancellationToken cancellationToken = default);
}
