using System.Text.Json.Serialization;

namespace InFiConD.Editing;

/// <summary>One image whose student top class differs between two versions of the students.</summary>
/// <param name="ImageId">The image.</param>
/// <param name="Before">The student's top class in the first version.</param>
/// <param name="After">The student's top class in the second version.</param>
/// <param name="Teacher">The teacher's top class.</param>
/// <param name="Truth">The true class, or <see langword="null"/> when the split has no ground truth.</param>
public sealed record PredictionChange(string ImageId, string Before, string After, string Teacher, [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Truth)
{
    /// <summary>The student now agrees with the teacher where it did not before.</summary>
    public bool NowAgrees => After == Teacher && Before != Teacher;

    /// <summary>The student agreed with the teacher before and no longer does.</summary>
    public bool NoLongerAgrees => Before == Teacher && After != Teacher;

    /// <summary>The student is now right where it was wrong (<see langword="null"/> without ground truth).</summary>
    public bool? NowCorrect => Truth is null ? null : After == Truth && Before != Truth;

    /// <summary>The student was right and no longer is (<see langword="null"/> without ground truth).</summary>
    public bool? NoLongerCorrect => Truth is null ? null : Before == Truth && After != Truth;
}
