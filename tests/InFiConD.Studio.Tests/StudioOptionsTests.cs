using System.Net;
using InFiConD.Studio;

namespace InFiConD.Studio.Tests;

public sealed class StudioOptionsTests
{
    [Fact]
    public void Defaults_listen_on_loopback()
    {
        var options = StudioOptions.Parse([]);
        Assert.Equal(IPAddress.Loopback, options.Address);
        Assert.Null(options.SessionFile);
        Assert.Equal(Path.Combine("studio-output", "cache"), options.EffectiveCacheDirectory);
    }

    [Fact]
    public void Flags_and_a_session_file_are_read()
    {
        var options = StudioOptions.Parse(["--images-per-class", "6", "--eval-per-class", "3", "--exemplars", "3", "--seed", "4", "--l1", "0.02", "--bootstrap", "0", "--port", "0", "--address", "::1", "run.infcd"]);
        Assert.Equal(new StudioOptions { ImagesPerClass = 6, EvaluationImagesPerClass = 3, ExemplarsPerConcept = 3, Seed = 4, L1 = 0.02, Bootstrap = 0, Port = 0, Address = IPAddress.IPv6Loopback, SessionFile = "run.infcd" }, options);
    }

    [Fact]
    public void Held_out_splits_default_to_the_training_size_and_zero_leaves_them_out()
    {
        Assert.Equal(40, StudioOptions.Parse([]).EffectiveEvaluationImagesPerClass);
        Assert.Equal(12, StudioOptions.Parse(["--images-per-class", "12"]).EffectiveEvaluationImagesPerClass);
        var none = StudioOptions.Parse(["--eval-per-class", "0"]);
        var world = WorldSessionBuilder.CreateWorld(none);
        Assert.Equal(new[] { "train" }, WorldSessionBuilder.SessionSplits(world, none).Select(s => s.Name));
        Assert.Contains("--eval-per-class", StudioOptions.Usage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--eval-per-class", "-1", "--eval-per-class needs an integer in [0, 10000]")]
    [InlineData("--port", "70000", "--port needs an integer in [0, 65535]")]
    [InlineData("--l1", "-1", "--l1 needs a number ≥ 0")]
    [InlineData("--address", "localhost:80", "--address needs an IP address")]
    [InlineData("--frobnicate", "1", "Unknown flag '--frobnicate'")]
    public void Bad_flags_are_named(string flag, string value, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => StudioOptions.Parse([flag, value]));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_session_files_are_refused()
    {
        Assert.Contains("Only one session file", Assert.Throws<ArgumentException>(() => StudioOptions.Parse(["a.infcd", "b.infcd"])).Message, StringComparison.Ordinal);
    }
}
