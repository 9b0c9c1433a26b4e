namespace InFiConD.Studio;

/// <summary>Where the Studio stands: building, ready or failed, and the session's position in its history.</summary>
/// <param name="Status"><c>building</c>, <c>ready</c> or <c>failed</c>.</param>
/// <param name="Build">The build step while building.</param>
/// <param name="Error">Why the build failed.</param>
/// <param name="Mode"><c>world</c> (built from ConceptWorld), <c>folders</c> (built from the user's folders and teacher) or <c>file</c> (a saved session).</param>
/// <param name="HasImages">Whether images can be shown (for a session built here, not for one opened from a file).</param>
/// <param name="CurrentVersion">The current version's id once ready.</param>
/// <param name="CanUndo">Whether the current version has a parent.</param>
/// <param name="CanRedo">Whether the current version has a child.</param>
/// <param name="Job">The latest job (an edit or a diagnosis), if any.</param>
internal sealed record StudioState(string Status, BuildProgress? Build, string? Error, string Mode, bool HasImages, string? CurrentVersion, bool CanUndo, bool CanRedo, JobStatus? Job);
