using InFiConD.Studio;

StudioOptions options;
StudioWorkspace workspace;
try
{
    if (args.Contains("--help") || args.Contains("-h"))
    {
        Console.WriteLine(StudioOptions.Usage);
        return 0;
    }
    options = StudioOptions.Parse(args);
    // Lists the user's folders and reads the teacher's class names, so a bad layout stops here, before anything runs.
    workspace = new StudioWorkspace(options);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(StudioOptions.Usage);
    return 2;
}

using var owned = workspace;
var app = StudioHost.Create(workspace);
await app.StartAsync();
Console.WriteLine($"InFiConD Studio: open {StudioHost.Address(app)} in a browser (Ctrl+C stops).");
if (!System.Net.IPAddress.IsLoopback(options.Address))
{
    Console.WriteLine($"Warning: listening on {options.Address}, not loopback: anyone who can reach this machine can edit the session.");
}
// The page shows the build's progress while the session is built (or opened) in the background.
var build = workspace.StartAsync();
await app.WaitForShutdownAsync();
await build;
return 0;
