using InFiConD.Core;

namespace InFiConD.Editing;

/// <summary>
/// An edit, preview or move named the version its caller saw (<c>expectedVersion</c>) and the session had moved on:
/// another edit, undo, redo or checkout came first. Nothing was done. A web front end answers 409 Conflict with both
/// ids; the caller reloads <see cref="EditSession.Current"/> and decides again.
/// </summary>
public sealed class StaleVersionException : InFiConDException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="expectedVersion">The version the caller expected to be current.</param>
    /// <param name="actualVersion">The version that was current when the session checked (under its lock).</param>
    public StaleVersionException(string expectedVersion, string actualVersion)
        : base($"The session is at version '{actualVersion}', not '{expectedVersion}' as expected: another change came first. Nothing was done; reload the current version and try again.")
    {
        ExpectedVersion = expectedVersion;
        ActualVersion = actualVersion;
    }

    /// <summary>The version the caller expected to be current.</summary>
    public string ExpectedVersion { get; }

    /// <summary>The version that was current.</summary>
    public string ActualVersion { get; }
}
