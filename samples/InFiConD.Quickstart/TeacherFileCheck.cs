namespace InFiConD.Quickstart;

/// <summary>teacher.onnx run through OnnxTeacher on a few images, against the teacher the run used.</summary>
/// <param name="Images">How many images were compared.</param>
/// <param name="MaxDifference">The largest difference of a class probability between the two.</param>
internal sealed record TeacherFileCheck(int Images, double MaxDifference);
