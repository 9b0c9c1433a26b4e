namespace InFiConD.Analysis;

/// <summary>
/// Where an image falls for one class k, comparing what the teacher and the student say about k. "Says k" is the top
/// class for single-label teachers, and a probability at or above <see cref="MisalignmentOptions.MultiLabelThreshold"/>
/// for multi-label teachers (the same rule for both models).
/// </summary>
public enum SubsetKind
{
    /// <summary>Both say k.</summary>
    AgreePositive,

    /// <summary>Neither says k.</summary>
    AgreeNegative,

    /// <summary>The teacher says k, the student does not (misaligned; its aligned counterpart is <see cref="AgreePositive"/>).</summary>
    TeacherOnly,

    /// <summary>The student says k, the teacher does not (misaligned; its aligned counterpart is <see cref="AgreeNegative"/>).</summary>
    StudentOnly,
}
