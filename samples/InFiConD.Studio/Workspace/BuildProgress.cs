namespace InFiConD.Studio;

/// <summary>One step of building the session: its name and how far it is (total 0 when unknown).</summary>
/// <param name="Step">What is running.</param>
/// <param name="Done">Units done.</param>
/// <param name="Total">Units in all, or 0.</param>
internal sealed record BuildProgress(string Step, int Done, int Total);
