using System.CommandLine;
using System.Reflection;

namespace InFiConD.Cli;

/// <summary>
/// <c>infcd studio</c>: serves a saved session in InFiConD Studio (samples/InFiConD.Studio, carried in the tool) by
/// calling the Studio's own entry point with the session and the listen options, so the tool serves exactly what
/// <c>dotnet run --project samples/InFiConD.Studio -- session.infcd</c> serves. Ctrl+C stops it.
/// </summary>
internal static class StudioCommand
{
    public static Command Create()
    {
        var session = new Argument<string>("session") { Description = "The saved session (.infcd) to serve." };
        var port = new Option<int>("--port") { Description = "The port (0 for a free one).", DefaultValueFactory = _ => 5080 };
        var address = new Option<string>("--address") { Description = "The listen address; anything but loopback exposes the session to the network.", DefaultValueFactory = _ => "127.0.0.1" };
        var output = new Option<string?>("--output") { Description = "Where the Studio saves sessions (default studio-output).", HelpName = "DIR" };
        var command = new Command("studio", "Serve a saved session in InFiConD Studio (the no-code web front end) until Ctrl+C.");
        command.Arguments.Add(session);
        command.Options.Add(port);
        command.Options.Add(address);
        command.Options.Add(output);
        command.SetAction(async (parse, token) =>
        {
            var path = parse.GetValue(session)!;
            if (!File.Exists(path))
            {
                throw CliException.Input("FileNotFound", $"The session '{path}' does not exist.");
            }
            var portValue = parse.GetValue(port);
            if (portValue is < 0 or > 65_535)
            {
                throw CliException.Usage($"--port must be in [0, 65535]; got {portValue}.");
            }
            List<string> args = [Path.GetFullPath(path), "--port", portValue.ToString(System.Globalization.CultureInfo.InvariantCulture), "--address", parse.GetValue(address)!];
            if (parse.GetValue(output) is { } directory)
            {
                args.AddRange(["--output", directory]);
            }
            var entry = Assembly.Load(new AssemblyName("InFiConD.Studio")).EntryPoint
                ?? throw new InvalidOperationException("The Studio assembly has no entry point.");
            var result = entry.Invoke(null, [args.ToArray()]);
            var code = result switch
            {
                Task<int> task => await task.ConfigureAwait(false),
                int value => value,
                _ => ExitCodes.Success,
            };
            // The Studio's own usage errors exit 2, as ours do.
            return code;
        });
        return command;
    }
}
