using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace InFiConD.Studio;

/// <summary>
/// Builds the web host: Kestrel on the given address (loopback by default) with small request limits, a host-header
/// check against DNS rebinding while on loopback, a content security policy that keeps the page off the network,
/// the static front end and the API routes.
/// </summary>
internal static class StudioHost
{
    /// <summary>The largest request body accepted (edit requests are a few hundred bytes).</summary>
    public const int MaxBodyBytes = 64 * 1024;

    private static readonly string[] LoopbackHosts = ["localhost", "127.0.0.1", "[::1]"];

    /// <summary>The web application over <paramref name="workspace"/>, not started.</summary>
    public static WebApplication Create(StudioWorkspace workspace)
    {
        var options = workspace.Options;
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
            WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot"),
        });
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(options.Address, options.Port);
            kestrel.Limits.MaxRequestBodySize = MaxBodyBytes;
            kestrel.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
            kestrel.Limits.MaxRequestLineSize = 8 * 1024;
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(workspace);
        var app = builder.Build();

        var loopback = IPAddress.IsLoopback(options.Address);
        app.Use(async (context, next) =>
        {
            // A page on another site could reach a loopback server through a DNS name pointing at 127.0.0.1; such
            // requests carry that name as Host, so on loopback only loopback names are served.
            if (loopback && !LoopbackHosts.Contains(context.Request.Host.Host, StringComparer.OrdinalIgnoreCase))
            {
                context.Response.StatusCode = StatusCodes.Status421MisdirectedRequest;
                return;
            }
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self'; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'";
            headers["Referrer-Policy"] = "no-referrer";
            await next(context).ConfigureAwait(false);
        });
        app.UseDefaultFiles();
        app.UseStaticFiles();
        ReadRoutes.Map(app);
        EditRoutes.Map(app);
        DiagnosisRoutes.Map(app);
        PathRoutes.Map(app);
        app.MapFallback("/api/{**rest}", () => ApiResults.Error(StatusCodes.Status404NotFound, "There is no such API route; see docs/studio.md for the routes."));
        return app;
    }

    /// <summary>The address the started host listens on (resolves port 0).</summary>
    public static Uri Address(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        return new Uri(addresses.First());
    }
}
