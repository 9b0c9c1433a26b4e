namespace InFiConD.Analysis;

/// <summary>
/// A subset of one class k split by whether the teacher's decision about k matches the ground truth: the teacher is
/// right on an image when it says k exactly when the true label is k. On the agreeing subsets the student is right
/// exactly when the teacher is; on the misaligned subsets it is right exactly when the teacher is wrong.
/// </summary>
/// <param name="TeacherRightCount">Images where the teacher's decision about the class is right.</param>
/// <param name="TeacherWrongCount">Images where it is wrong.</param>
/// <param name="TeacherRightIds">Their ids, in image order.</param>
/// <param name="TeacherWrongIds">Their ids, in image order.</param>
public sealed record GroundTruthSplit(int TeacherRightCount, int TeacherWrongCount, IReadOnlyList<string> TeacherRightIds, IReadOnlyList<string> TeacherWrongIds);
