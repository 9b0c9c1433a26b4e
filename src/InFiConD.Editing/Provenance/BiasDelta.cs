namespace InFiConD.Editing;

/// <summary>One class's intercept that differs between two versions.</summary>
/// <param name="ClassIndex">Class k.</param>
/// <param name="ClassName">The class's name.</param>
/// <param name="From">The intercept in the first version.</param>
/// <param name="To">The intercept in the second version.</param>
public sealed record BiasDelta(int ClassIndex, string ClassName, float From, float To);
