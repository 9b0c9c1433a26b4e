namespace InFiConD.Editing.Tests.Sessions;

/// <summary>
/// Records every report on the thread that makes it (no synchronisation context, unlike <see cref="Progress{T}"/>),
/// optionally acting on each; can hold the refit at its first iteration until released.
/// </summary>
internal sealed class RecordingProgress : IProgress<EditProgress>, IDisposable
{
    private readonly List<EditProgress> _reports = [];
    private readonly TaskCompletionSource _refitting = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ManualResetEventSlim _release;

    /// <param name="hold">Block the refit's thread at the first iteration until <see cref="Release"/>.</param>
    public RecordingProgress(bool hold = false) => _release = new ManualResetEventSlim(!hold);

    /// <summary>Runs on each report, after it is recorded.</summary>
    public Action<EditProgress>? OnReport { get; init; }

    /// <summary>Completes when the refit reports its first iteration (the session's lock is then held).</summary>
    public Task Refitting => _refitting.Task;

    public EditProgress[] Reports
    {
        get
        {
            lock (_reports)
            {
                return [.. _reports];
            }
        }
    }

    public void Release() => _release.Set();

    public void Report(EditProgress value)
    {
        lock (_reports)
        {
            _reports.Add(value);
        }
        OnReport?.Invoke(value);
        if (value.Stage == EditStage.Refitting && _refitting.TrySetResult())
        {
            Assert.True(_release.Wait(TimeSpan.FromSeconds(30)), "The test never released the refit.");
        }
    }

    public void Dispose() => _release.Dispose();
}
