namespace InFiConD.Editing;

/// <summary>How far a diagnosis has got: confirming refits done out of those planned.</summary>
/// <param name="Done">Fixes measured so far.</param>
/// <param name="Total">Fixes to measure.</param>
/// <param name="Current">The fix being measured next, in words; <see langword="null"/> when done.</param>
public sealed record DiagnosisProgress(int Done, int Total, string? Current);
