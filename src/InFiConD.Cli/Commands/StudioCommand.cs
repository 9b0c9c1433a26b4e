using System.CommandLine;

namespace InFiConD.Cli;

internal static class StudioCommand
{
    public static Command Create() => new("studio", "todo");
}
