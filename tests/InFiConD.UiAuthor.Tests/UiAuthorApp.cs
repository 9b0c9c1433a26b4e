using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.Channels;
using InFiConD.Editing;
using InFiConD.Students;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace InFiConD.UiAuthor.Tests;

/// <summary>
/// The back end a UI author writes over one <see cref="DistillationSession"/>: every route is one library call and every
/// answer is the library's own JSON. Nothing here decides what is valid, stale or counted; the session does, and its
/// exceptions become HTTP statuses. docs/getting-started-ui-authors.md walks through it.
/// </summary>
public static class UiAuthorApp
{
    /// <summary>Starts the app over <paramref name="session"/> on a free loopback port (<c>app.Urls</c> has the address).</summary>
    /// <param name="session">The session to serve; the caller keeps owning it.</param>
    /// <returns>The started app.</returns>
    public static async Task<WebApplication> StartAsync(DistillationSession session)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.AddInFiConD());
        // A body the library's types refuse (an edit without "kind") then reaches the mapping below, so its 400 says why.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        var app = builder.Build();
        Map(app, session);
        await app.StartAsync();
        return app;
    }

    /// <summary>Maps the routes (see the getting-started page for the table).</summary>
    /// <param name="app">The app.</param>
    /// <param name="session">The session to serve.</param>
    public static void Map(WebApplication app, DistillationSession session)
    {
        var json = app.Services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        app.Use(async (http, next) =>
        {
            try
            {
                await next(http);
            }
            catch (Exception e) when (StatusOf(e) is { } status && !http.Response.HasStarted)
            {
                var message = e is BadHttpRequestException { InnerException: { } inner } ? inner.Message : e.Message;
                await Results.Json(new Failure(message, (e as InvalidEditException)?.Problems, (e as StaleVersionException)?.ActualVersion), json, statusCode: status).ExecuteAsync(http);
            }
        });

        app.MapGet("/classes", () => session.Students);
        app.MapGet("/current", () => new State(session.Current, session.RedoTarget));
        app.MapGet("/report", (string split = DataSplit.TrainingName, string? version = null) => session.Analyze(split, version ?? session.Current.Id));
        app.MapGet("/explain", (string id, string split = DataSplit.TrainingName, string? version = null) => session.Explain(id, split, version ?? session.Current.Id));
        app.MapGet("/locate", (string id, string split = DataSplit.TrainingName) => session.Locate(id, split));
        app.MapGet("/history", () => session.HistoryTree());
        app.MapGet("/compare", (string from, string to, string split = DataSplit.TrainingName) => session.Diff(from, to, split));

        app.MapPost("/validate", (EditRequest request) => session.Validate(request));
        app.MapPost("/preview", (EditRequest request, CancellationToken ct) => session.PreviewAsync(request, ct));
        app.MapPost("/edits", (EditRequest request, HttpContext http) => StreamEditAsync(session, request, http, json));
        app.MapPost("/undo", (Move move, CancellationToken ct) => session.UndoAsync(move.ExpectedVersion, ct));
        app.MapPost("/redo", (Move move, CancellationToken ct) => session.RedoAsync(move.ExpectedVersion, ct));
        app.MapPost("/checkout", (Checkout move, CancellationToken ct) => session.CheckoutAsync(move.VersionId, move.ExpectedVersion, ct));

        app.MapGet("/events", () => TypedResults.ServerSentEvents(ChangesAsync(session, app.Lifetime.ApplicationStopping)));
    }

    /// <summary>The library's exceptions as HTTP statuses.</summary>
    private static int? StatusOf(Exception e) => e switch
    {
        StaleVersionException => StatusCodes.Status409Conflict,
        BadHttpRequestException bad => bad.StatusCode,
        InvalidEditException or ArgumentNullException => StatusCodes.Status400BadRequest,
        ArgumentException => StatusCodes.Status404NotFound, // an unknown split, image or version
        InvalidOperationException => StatusCodes.Status409Conflict, // undo at the base, redo with no child
        _ => null,
    };

    /// <summary>
    /// Applies the edit and streams NDJSON: one <see cref="EditProgress"/> per line, then the <see cref="EditResult"/>.
    /// Closing the request cancels the edit (a cancel after the commit comes back as <c>cancellationTooLate</c>).
    /// </summary>
    private static async Task StreamEditAsync(DistillationSession session, EditRequest request, HttpContext http, JsonSerializerOptions json)
    {
        var reports = Channel.CreateUnbounded<EditProgress>();
        // Reports arrive inline on the session's thread, under its lock: queue them there, write them here.
        var edit = session.EditAsync(request, new Inline<EditProgress>(p => reports.Writer.TryWrite(p)), http.RequestAborted);
        _ = edit.ContinueWith(_ => reports.Writer.Complete(), TaskScheduler.Default);
        http.Response.ContentType = "application/x-ndjson";
        var held = new List<EditProgress>();
        await foreach (var report in reports.Reader.ReadAllAsync())
        {
            held.Add(report);
            // A stale or invalid request fails before the refit starts; holding the first lines until then keeps the
            // response unstarted, so it can still answer 409 or 400.
            if (report.Stage is not (EditStage.Queued or EditStage.Planning))
            {
                foreach (var line in held)
                {
                    await WriteLineAsync(http, line, json);
                }
                held.Clear();
            }
        }
        await WriteLineAsync(http, await edit, json);
    }

    private static async Task WriteLineAsync<T>(HttpContext http, T value, JsonSerializerOptions json)
    {
        await http.Response.Body.WriteAsync(JsonSerializer.SerializeToUtf8Bytes(value, json));
        await http.Response.Body.WriteAsync("\n"u8.ToArray());
        await http.Response.Body.FlushAsync();
    }

    /// <summary>
    /// The current version (event "current"), then one "changed" event per change. Subscribed before the first event, so
    /// a page that loads that version misses nothing after it. The stream ends when the app stops or the page leaves
    /// (the response's enumeration passes the request's abort, joined to <paramref name="stopping"/>).
    /// </summary>
    private static async IAsyncEnumerable<SseItem<Change>> ChangesAsync(DistillationSession session, [EnumeratorCancellation] CancellationToken stopping)
    {
        var changes = Channel.CreateUnbounded<Change>();
        // Completing the queue ends the loop below quietly, where a cancelled read would throw.
        using var ending = stopping.Register(() => changes.Writer.TryComplete());
        // Raised outside the session's lock, one at a time in commit order, on the committing thread: queue and return.
        EventHandler<SessionChangedEventArgs> queue = (_, e) => changes.Writer.TryWrite(new Change(e.Kind, e.PreviousId, e.CurrentId));
        session.Changed += queue;
        try
        {
            yield return new SseItem<Change>(new Change(null, null, session.Current.Id), "current");
            await foreach (var change in changes.Reader.ReadAllAsync())
            {
                yield return new SseItem<Change>(change, "changed");
            }
        }
        finally
        {
            session.Changed -= queue;
        }
    }

    /// <summary>An <see cref="IProgress{T}"/> that runs its handler on the reporting thread (<see cref="Progress{T}"/> posts it later).</summary>
    private sealed class Inline<T>(Action<T> handler) : IProgress<T>
    {
        public void Report(T value) => handler(value);
    }

    /// <summary>The body of /undo and /redo.</summary>
    internal sealed record Move(string? ExpectedVersion);

    /// <summary>The body of /checkout.</summary>
    internal sealed record Checkout([property: JsonRequired] string VersionId, string? ExpectedVersion);

    /// <summary>The answer of /current: the version and the child /redo would make current.</summary>
    internal sealed record State(SessionVersion Version, string? RedoTarget);

    /// <summary>One event of /events; no kind for the first, which says where the session is.</summary>
    internal sealed record Change(SessionChangeKind? Kind, string? PreviousId, string CurrentId);

    /// <summary>An error answer: the library's message, an invalid edit's problems, a stale request's current version.</summary>
    internal sealed record Failure(string Error, IReadOnlyList<EditProblem>? Problems, string? CurrentVersion);
}
