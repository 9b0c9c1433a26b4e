namespace InFiConD.Quickstart.Tests;

public sealed class StepLogTests
{
    [Fact]
    public void A_long_step_reports_every_five_seconds_with_an_estimate_and_each_step_its_duration()
    {
        var now = TimeSpan.Zero;
        var output = new StringWriter { NewLine = "\n" };
        var log = new StepLog(output, () => now);

        log.Report(new QuickstartProgress("Encoding train", 0, 0));
        now = TimeSpan.FromSeconds(2);
        log.Report(new QuickstartProgress("Encoding train", 5, 100));   // too soon for a line
        now = TimeSpan.FromSeconds(6);
        log.Report(new QuickstartProgress("Encoding train", 20, 100));  // 6 s for 20: 24 s for the other 80
        now = TimeSpan.FromSeconds(8);
        log.Report(new QuickstartProgress("Encoding train", 30, 100));  // 2 s after the last line: none
        now = TimeSpan.FromSeconds(30);
        log.Report(new QuickstartProgress("Fitting students", 0, 0));
        now = TimeSpan.FromSeconds(31.5);
        log.Finish();

        Assert.Equal(
            "[   0.0 s] Encoding train\n" +
            "[   6.0 s]   20 of 100 (20%), about 24 s left\n" +
            "[  30.0 s]   done in 30.0 s\n" +
            "[  30.0 s] Fitting students\n" +
            "[  31.5 s]   done in 1.5 s\n", output.ToString());
    }
}
