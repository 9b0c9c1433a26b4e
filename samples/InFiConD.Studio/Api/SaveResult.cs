namespace InFiConD.Studio;

/// <summary>Where a session was saved: the file name inside the Studio's output folder.</summary>
/// <param name="File">The file name.</param>
/// <param name="Bytes">Its size.</param>
internal sealed record SaveResult(string File, long Bytes);
