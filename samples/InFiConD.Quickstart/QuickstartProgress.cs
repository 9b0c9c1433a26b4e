namespace InFiConD.Quickstart;

/// <summary>Progress of one step of the main job: <paramref name="Done"/> of <paramref name="Total"/> items (0 of 0 while a step starts).</summary>
internal sealed record QuickstartProgress(string Step, int Done, int Total);
