using System.CommandLine;

namespace InFiConD.Cli;

/// <summary><c>infcd report</c>: a saved session's HTML report (<see cref="SessionReport"/>).</summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var session = new Argument<string>("session") { Description = "The saved session (.infcd)." };
        var output = new Option<string?>("--out") { Description = "The HTML file to write (default: beside the session, .html).", HelpName = "FILE" };
        var command = new Command("report", "Write a saved session's HTML report: diagnosis, fidelity per split, misalignment, students, concepts, provenance.");
        command.Arguments.Add(session);
        command.Options.Add(output);
        command.SetAction(async (parse, token) =>
        {
            var path = parse.GetValue(session)!;
            if (!File.Exists(path))
            {
                throw CliException.Input("FileNotFound", $"The session '{path}' does not exist.");
            }
            var reportPath = Path.GetFullPath(parse.GetValue(output) ?? Path.ChangeExtension(path, ".html"));
            using var loaded = await DistillationSession.LoadAsync(path, token).ConfigureAwait(false);
            var headline = await SessionReport.WriteAsync(loaded, reportPath, $"InFiConD report: {Path.GetFileName(path)}", token).ConfigureAwait(false);
            new Reporter().Done("report", $"Report of {path} ({loaded.Current.Id}) → {reportPath}." + (headline is null ? "" : $"\n{headline}"),
                ("session", Path.GetFullPath(path)), ("version", loaded.Current.Id), ("report", reportPath), ("headline", headline));
            return ExitCodes.Success;
        });
        return command;
    }
}
