namespace InFiConD.Studio;

/// <summary>
/// An <see cref="IProgress{T}"/> that calls its handler on the reporting thread (unlike <see cref="Progress{T}"/>,
/// which posts to a context a server does not have), so the latest state is visible at once to the next poll.
/// </summary>
/// <typeparam name="T">The report type.</typeparam>
internal sealed class Forward<T>(Action<T> handler) : IProgress<T>
{
    /// <inheritdoc />
    public void Report(T value) => handler(value);
}
