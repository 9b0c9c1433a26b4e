namespace InFiConD.Quickstart.Tests;

/// <summary>
/// A theory that needs tmux (a terminal to run the main job in and read back). Without it the test is skipped with how to
/// install it — except under CI (CI=true), where a missing tmux must fail the run rather than hide behind a skip.
/// </summary>
public sealed class TmuxTheoryAttribute : TheoryAttribute
{
    /// <summary>Where Debian's <c>tmux</c> package puts it.</summary>
    public const string TmuxPath = "/usr/bin/tmux";

    public TmuxTheoryAttribute()
    {
        var ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        if (!File.Exists(TmuxPath) && !ci)
        {
            Skip = $"tmux is not installed at {TmuxPath}: install it with 'sudo apt-get install -y tmux' to run the terminal test. Under CI=true this test fails instead of skipping.";
        }
    }
}
