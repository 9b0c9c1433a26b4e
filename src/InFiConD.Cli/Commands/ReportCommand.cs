using System.CommandLine;

namespace InFiConD.Cli;

internal static class ReportCommand
{
    public static Command Create() => new("report", "todo");
}
