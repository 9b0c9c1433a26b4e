using InFiConD.Students;

namespace InFiConD.Studio;

/// <summary>
/// The split a read names with <c>?split=</c> (the training images when absent). The library decides what exists: an
/// unknown name is a 400 carrying the library's own message, which lists the session's splits.
/// </summary>
internal static class SplitQuery
{
    /// <summary>The named split, or the 400 to answer with.</summary>
    public static (DataSplit? Split, IResult? Failure) Resolve(DistillationSession session, string? name)
    {
        try
        {
            return (session.Split(string.IsNullOrEmpty(name) ? DataSplit.TrainingName : name), null);
        }
        catch (ArgumentException e)
        {
            return (null, ApiResults.Error(StatusCodes.Status400BadRequest, ErrorText.Of(e)));
        }
    }
}
