namespace InFiConD.RealShortcut.Tests;

/// <summary>
/// A fact that needs Debian's Fashion-MNIST. Without it the test is skipped with a message saying how to install it —
/// except under CI (CI=true, where <c>.ci/run</c> installs it), where a missing dataset must fail the run rather than
/// hide behind a skip.
/// </summary>
public sealed class FashionMnistFactAttribute : FactAttribute
{
    public FashionMnistFactAttribute()
    {
        if (!FashionMnist.IsInstalled() && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Skip = $"Fashion-MNIST is not installed in {FashionMnist.DebianDirectory}: install it with 'sudo apt-get install -y dataset-fashion-mnist' to run the acceptance check on real images. Under CI=true this test fails instead of skipping.";
        }
    }
}
