using InFiConD.Embedding;

namespace InFiConD.Cli.Tests;

/// <summary>Every documented exit code (docs/cli.md) with its named error on stderr and no stack trace.</summary>
public sealed class ExitCodeTests
{
    private static readonly string[] Commands = ["encode", "merge", "teacher", "distill", "report", "studio"];

    [Fact]
    public async Task Help_lists_every_command_and_each_command_has_help()
    {
        using var temp = new TempFolder();
        var root = (await ToolProcess.RunAsync(temp.Path, "--help")).Succeeded();
        foreach (var command in Commands)
        {
            Assert.Contains(command, root.Output, StringComparison.Ordinal);
            var help = (await ToolProcess.RunAsync(temp.Path, command, "--help")).Succeeded();
            Assert.Contains("Usage:", help.Output, StringComparison.Ordinal);
        }
        var encode = await ToolProcess.RunAsync(temp.Path, "encode", "--help");
        foreach (var option in new[] { "--source", "--cache", "--shard", "--shard-count", "--encoder", "--segmentation", "--chunk" })
        {
            Assert.Contains(option, encode.Output, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("encode", "--cache", "c", "--bogus")]
    [InlineData("encode")]
    [InlineData("encode", "--cache", "c", "--shard", "3/3")]
    [InlineData("encode", "--cache", "c", "--shard", "auto")]
    [InlineData("encode", "--cache", "c", "--segmentation", "grid:x")]
    [InlineData("nothing")]
    public async Task Bad_command_lines_exit_2(params string[] args)
    {
        using var temp = new TempFolder();
        (await ToolProcess.RunAsync(temp.Path, args)).FailedWith(ExitCodes.Usage, "UsageError");
    }

    [Fact]
    public async Task Missing_inputs_exit_3_naming_them()
    {
        using var temp = new TempFolder();
        var source = await ToolProcess.RunAsync(temp.Path, "encode", "--cache", "c", "--source", "no/such/folder");
        source.FailedWith(ExitCodes.InvalidInput, "SourceNotFound");
        Assert.Contains("no/such/folder", source.Error, StringComparison.Ordinal);
        (await ToolProcess.RunAsync(temp.Path, "report", "missing.infcd")).FailedWith(ExitCodes.InvalidInput, "FileNotFound");
        File.WriteAllText(temp["junk.infcd"], "not a zip");
        var junk = await ToolProcess.RunAsync(temp.Path, "report", "junk.infcd");
        Assert.Equal(ExitCodes.InvalidInput, junk.ExitCode);
        Assert.StartsWith("error: ", junk.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", junk.Error, StringComparison.Ordinal);
        (await ToolProcess.RunAsync(temp.Path, "merge", "--into", "m", "not-a-cache")).FailedWith(ExitCodes.InvalidInput, "NotACache");
    }

    [Fact]
    public async Task A_cache_in_use_exits_5()
    {
        using var temp = new TempFolder();
        // Any open cache holds the folder's lock; the tool's open fails on the lock before it reads the header.
        using var held = EmbeddingCache.Open(Path.Combine(temp["busy"], "segments"), "another-model", "whole", 4);
        var result = await ToolProcess.RunAsync(temp.Path, "encode", "--cache", "busy", "--images-per-class", "2", "--segmentation", "whole", "--shard", "0/12");
        result.FailedWith(ExitCodes.Busy, "CacheInUse");
    }

    [Fact]
    public async Task Merge_refuses_other_models_overlaps_and_missing_shards_naming_the_files()
    {
        using var temp = new TempFolder();
        string[] world = ["--images-per-class", "2"];
        (await ToolProcess.RunAsync(temp.Path, ["encode", "--cache", "a", "--segmentation", "whole", "--shard", "0/6", .. world])).Succeeded();
        (await ToolProcess.RunAsync(temp.Path, ["encode", "--cache", "b", "--segmentation", "grid:1", "--shard", "1/6", .. world])).Succeeded();
        var models = await ToolProcess.RunAsync(temp.Path, "merge", "--into", "m", "a", "b");
        models.FailedWith(ExitCodes.Refused, "MismatchedModels");
        Assert.Contains(Path.Combine(temp["b"], "segments", "cache.json"), models.Error, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(temp["a"], "segments", "cache.json"), models.Error, StringComparison.Ordinal);

        // The same shard in two caches: a Job index run twice into different folders.
        (await ToolProcess.RunAsync(temp.Path, ["encode", "--cache", "a2", "--segmentation", "whole", "--shard", "0/6", .. world])).Succeeded();
        var overlap = await ToolProcess.RunAsync(temp.Path, "merge", "--into", "m", "a", "a2");
        overlap.FailedWith(ExitCodes.Refused, "OverlappingShards");
        Assert.Contains(Path.Combine(temp["a"], "encoded"), overlap.Error, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(temp["a2"], "encoded"), overlap.Error, StringComparison.Ordinal);

        var missing = await ToolProcess.RunAsync(temp.Path, "merge", "--into", "m", "a");
        missing.FailedWith(ExitCodes.Refused, "MissingShards");
        Assert.Contains("1, 2, 3, 4, 5", missing.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(temp["m"]), "a refused merge writes nothing");
        var partial = (await ToolProcess.RunAsync(temp.Path, "merge", "--into", "m", "--allow-partial", "a")).Succeeded().Done();
        Assert.Equal(2, partial.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_required_gpu_that_is_missing_exits_6_and_a_fallback_says_why()
    {
        using var temp = new TempFolder();
        string[] teacher = ["teacher", "--images-per-class", "2", "--model", "conceptworld", "--out", "t", "--shard", "0/12"];
        var required = await ToolProcess.RunAsync(temp.Path, [.. teacher, "--provider", "cuda:0", "--require-provider"]);
        required.FailedWith(ExitCodes.ProviderUnavailable, "ProviderUnavailable");
        Assert.Contains("Microsoft.ML.OnnxRuntime.Gpu.Linux", required.Error, StringComparison.Ordinal);
        var fallback = (await ToolProcess.RunAsync(temp.Path, [.. teacher, "--provider", "cuda"])).Succeeded();
        Assert.Contains("Running on the CPU instead.", fallback.Output, StringComparison.Ordinal);
        Assert.Contains("\"provider\":\"cpu\"", fallback.Output, StringComparison.Ordinal);
        // The composed teacher fixes its batch at 1 (one single-thread call per core), whatever the device.
        Assert.Contains("\"batch\":1}", fallback.Output, StringComparison.Ordinal);
        (await ToolProcess.RunAsync(temp.Path, [.. teacher, "--provider", "gpu"])).FailedWith(ExitCodes.Usage, "UsageError");
    }

    [Fact]
    public async Task Sigterm_cancels_between_chunks_exits_130_and_keeps_what_was_encoded()
    {
        using var temp = new TempFolder();
        using var process = ToolProcess.Start(temp.Path, null, "encode", "--images-per-class", "4", "--segmentation", "grid:2", "--chunk", "1", "--cache", "c");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        var data = Path.Combine(temp["c"], "segments", "segments.bin");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!process.HasExited && !(File.Exists(data) && new FileInfo(data).Length > 0) && clock.Elapsed < TimeSpan.FromMinutes(3))
        {
            await Task.Delay(5);
        }
        // What a pod's eviction or scancel sends first (Process.Kill would be SIGKILL).
        using (var kill = System.Diagnostics.Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }
        await process.WaitForExitAsync();
        var result = new ToolResult(process.ExitCode, await output, await error);
        result.FailedWith(ExitCodes.Cancelled, "Cancelled");
        Assert.Contains("run the same command again to resume", result.Error, StringComparison.Ordinal);
        Assert.True(new FileInfo(data).Length > 0);
        var resumed = (await ToolProcess.RunAsync(temp.Path, "encode", "--images-per-class", "4", "--segmentation", "grid:2", "--cache", "c")).Succeeded().Done();
        Assert.InRange(resumed.GetProperty("cached").GetInt32(), 1, 23);
    }
}
