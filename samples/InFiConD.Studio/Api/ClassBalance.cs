namespace InFiConD.Studio;

/// <summary>How many images of one class there are by ground truth, and how many the teacher and the students assign to it.</summary>
/// <param name="ClassName">The class.</param>
/// <param name="GroundTruth">Images whose true label is the class; <see langword="null"/> without ground truth.</param>
/// <param name="Teacher">Images whose teacher top class is the class.</param>
/// <param name="Student">Images whose student top class is the class.</param>
internal sealed record ClassBalance(string ClassName, int? GroundTruth, int Teacher, int Student);
