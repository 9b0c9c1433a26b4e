using System.Collections.Concurrent;
using System.Globalization;

namespace InFiConD.Studio;

/// <summary>
/// Runs long operations (edit refits, diagnoses) one at a time off the request thread, so a request returns at once with a
/// job id and the page polls <c>GET /api/jobs/{id}</c> for progress; <c>POST /api/jobs/{id}/cancel</c> stops the running
/// one. Keeps the latest jobs' statuses for polling.
/// </summary>
internal sealed class JobBoard
{
    private const int Kept = 64;
    private readonly ConcurrentDictionary<string, JobStatus> _jobs = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private int _next;
    private string? _running;
    private string? _latest;
    private CancellationTokenSource? _cancel;

    /// <summary>Whether a job is running now.</summary>
    public bool Busy
    {
        get
        {
            lock (_gate)
            {
                return _running is not null;
            }
        }
    }

    /// <summary>The latest job's status.</summary>
    public JobStatus? Latest => _latest is { } id ? Find(id) : null;

    /// <summary>A job's status, or <see langword="null"/> for an unknown id.</summary>
    public JobStatus? Find(string id) => _jobs.GetValueOrDefault(id);

    /// <summary>
    /// Starts <paramref name="work"/> unless a job is running. The work reports (step, done, total), watches the token
    /// (<see cref="Cancel"/>) and returns the version it created or read; an exception fails the job with its message, a
    /// cancellation ends it as <c>cancelled</c>.
    /// </summary>
    /// <returns>The new job's first status, or <see langword="null"/> when another job is running.</returns>
    public JobStatus? TryStart(string kind, int total, Func<IProgress<JobStatus>, CancellationToken, Task<string>> work)
    {
        JobStatus status;
        CancellationToken token;
        lock (_gate)
        {
            if (_running is not null)
            {
                return null;
            }
            var id = "job" + (++_next).ToString(CultureInfo.InvariantCulture);
            status = new JobStatus(id, kind, "running", "Queued", 0, total, null, null);
            _jobs[id] = status;
            _running = _latest = id;
            _cancel = new CancellationTokenSource();
            token = _cancel.Token;
            if (_jobs.Count > Kept)
            {
                foreach (var old in _jobs.Keys.Where(k => k != id).OrderBy(k => int.Parse(k.AsSpan(3), CultureInfo.InvariantCulture)).Take(_jobs.Count - Kept))
                {
                    _jobs.TryRemove(old, out _);
                }
            }
        }
        var started = status;
        _ = Task.Run(async () =>
        {
            var progress = new Forward<JobStatus>(p => _jobs[started.Id] = p with { Id = started.Id, Kind = started.Kind, State = "running" });
            JobStatus final;
            try
            {
                var version = await work(progress, token).ConfigureAwait(false);
                final = (_jobs[started.Id]) with { State = "succeeded", Step = "Done", Done = started.Total, VersionId = version };
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                final = (_jobs[started.Id]) with { State = "cancelled", Step = "Cancelled: nothing changed" };
            }
            catch (Exception e)
            {
                // The library's validation messages name the class, concept or bound at fault: the page shows them as they
                // are. Any failure must end the job, or the board would stay busy.
                final = (_jobs[started.Id]) with { State = "failed", Step = "Failed", Error = ErrorText.Of(e) };
            }
            lock (_gate)
            {
                _jobs[started.Id] = final;
                _running = null;
                _cancel?.Dispose();
                _cancel = null;
            }
        });
        return started;
    }

    /// <summary>Asks the running job <paramref name="id"/> to stop; it ends as <c>cancelled</c> at its next check.</summary>
    /// <returns>Its status, or <see langword="null"/> when it is not the running job (unknown or finished).</returns>
    public JobStatus? Cancel(string id)
    {
        lock (_gate)
        {
            if (_running != id || _cancel is null)
            {
                return null;
            }
            _cancel.Cancel();
            return _jobs[id] = _jobs[id] with { Step = "Cancelling" };
        }
    }
}
