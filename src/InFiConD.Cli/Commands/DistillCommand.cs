using System.CommandLine;

namespace InFiConD.Cli;

internal static class DistillCommand
{
    public static Command Create() => new("distill", "todo");
}
