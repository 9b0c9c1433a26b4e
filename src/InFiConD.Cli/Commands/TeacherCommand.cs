using System.CommandLine;

namespace InFiConD.Cli;

internal static class TeacherCommand
{
    public static Command Create() => new("teacher", "todo");
}
