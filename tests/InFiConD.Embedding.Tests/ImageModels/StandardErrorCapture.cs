using System.Runtime.InteropServices;

namespace InFiConD.Embedding.Tests;

/// <summary>
/// Points file descriptor 2 at a temp file while an action runs, so what native code writes there (ONNX Runtime's log
/// lines, which bypass <see cref="Console.Error"/>) can be read back. Linux and macOS only.
/// </summary>
internal static class StandardErrorCapture
{
    private const int StandardError = 2;

    public static string Run(Action action)
    {
        var path = Path.Combine(Path.GetTempPath(), $"infcd-stderr-{Guid.NewGuid():N}.txt");
        try
        {
            using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
            {
                var saved = Dup(StandardError);
                Assert.True(saved >= 0, "dup(2) failed");
                try
                {
                    Assert.True(Dup2((int)file.SafeFileHandle.DangerousGetHandle(), StandardError) >= 0, "dup2 failed");
                    action();
                }
                finally
                {
                    Dup2(saved, StandardError);
                    Close(saved);
                }
            }
            return File.ReadAllText(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [DllImport("libc", EntryPoint = "dup")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Dup(int fd);

    [DllImport("libc", EntryPoint = "dup2")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Dup2(int fd, int target);

    [DllImport("libc", EntryPoint = "close")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Close(int fd);
}
