using System.Diagnostics;

namespace InFiConD.Cli.Tests;

/// <summary>
/// The fleet recipe on one machine: three shard processes of the built tool in parallel, each finding its shard as a
/// scheduler would tell it (two as pods of a Kubernetes Indexed Job, one as a task of a Slurm array starting at 1); one
/// is killed with SIGKILL mid-way, merge refuses the unfinished shard, the shard is re-run and resumes from its cache,
/// and the merged cache is byte-for-byte the cache of an unsharded run.
/// </summary>
public sealed class ShardedKillResumeTests
{
    // 24 ConceptWorld images, each whole + 2 × 2 crops through ResNet-18; one image per flushed chunk, so the killed
    // shard has several chunks left when its first one reaches the disk.
    private static readonly string[] Encode = ["encode", "--images-per-class", "4", "--segmentation", "grid:2", "--chunk", "1"];
    private const int Shards = 3;
    private const int ImagesPerShard = 24 / Shards;

    [Fact]
    public async Task Killed_shard_resumes_and_the_merge_equals_an_unsharded_run_bit_for_bit()
    {
        using var temp = new TempFolder();
        var environments = new Dictionary<string, string>[]
        {
            new() { ["JOB_COMPLETION_INDEX"] = "0", ["INFICOND_SHARD_COUNT"] = "3" },
            new() { ["JOB_COMPLETION_INDEX"] = "1" },
            new() { ["SLURM_ARRAY_TASK_ID"] = "3", ["SLURM_ARRAY_TASK_MIN"] = "1", ["SLURM_ARRAY_TASK_COUNT"] = "3" },
        };
        string[] ShardArgs(int i) => i == 1 ? [.. Encode, "--cache", $"shard-{i}", "--shard", "auto", "--shard-count", "3"] : [.. Encode, "--cache", $"shard-{i}", "--shard", "auto"];

        var survivors = new[] { 0, 2 }.Select(i => ToolProcess.RunAsync(temp.Path, environments[i], ShardArgs(i))).ToList();
        var killedAfter = await KillAfterFirstChunkAsync(temp, environments[1], ShardArgs(1));
        var finished = await Task.WhenAll(survivors);
        foreach (var (result, i) in finished.Zip(new[] { 0, 2 }))
        {
            var done = result.Succeeded().Done();
            Assert.Equal($"{i}/{Shards}", done.GetProperty("shard").GetString());
            Assert.Equal(ImagesPerShard, done.GetProperty("images").GetInt32());
        }
        Assert.InRange(killedAfter, 1, ImagesPerShard - 1);

        // A killed shard has no manifest: merging now would silently lose its images, so merge refuses it.
        Assert.False(Directory.Exists(Path.Combine(temp["shard-1"], "encoded")), "the killed shard must not have finished");
        (await ToolProcess.RunAsync(temp.Path, "merge", "--into", "merged", "shard-0", "shard-1", "shard-2")).FailedWith(ExitCodes.Refused, "UnfinishedShard");

        // The retry (the scheduler re-running the index) reads back what the killed run flushed and encodes the rest.
        var resumed = (await ToolProcess.RunAsync(temp.Path, environments[1], ShardArgs(1))).Succeeded().Done();
        Assert.Equal(ImagesPerShard, resumed.GetProperty("images").GetInt32());
        Assert.InRange(resumed.GetProperty("cached").GetInt32(), 1, ImagesPerShard - 1);

        var merged = (await ToolProcess.RunAsync(temp.Path, "merge", "--into", "merged", "shard-0", "shard-1", "shard-2")).Succeeded().Done();
        Assert.Equal(24, merged.GetProperty("total").GetInt32());
        (await ToolProcess.RunAsync(temp.Path, [.. Encode, "--cache", "unsharded"])).Succeeded();

        foreach (var file in new[] { "segments.bin", "cache.json" })
        {
            var expected = await File.ReadAllBytesAsync(Path.Combine(temp["unsharded"], "segments", file));
            var actual = await File.ReadAllBytesAsync(Path.Combine(temp["merged"], "segments", file));
            Assert.True(expected.AsSpan().SequenceEqual(actual), $"merged {file} ({actual.Length} bytes) differs from the unsharded run's ({expected.Length} bytes)");
        }
        // A cache made of the merged one is finished too: encoding the source again encodes nothing.
        var again = (await ToolProcess.RunAsync(temp.Path, [.. Encode, "--cache", "merged"])).Succeeded().Done();
        Assert.Equal(24, again.GetProperty("cached").GetInt32());
    }

    /// <summary>Starts the shard and kills it (SIGKILL) as soon as its first chunk is on disk; returns the records it had flushed.</summary>
    private static async Task<int> KillAfterFirstChunkAsync(TempFolder temp, Dictionary<string, string> environment, string[] args)
    {
        using var process = ToolProcess.Start(temp.Path, environment, args);
        var drain = Task.WhenAll(process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync());
        var data = Path.Combine(temp["shard-1"], "segments", "segments.bin");
        var clock = Stopwatch.StartNew();
        while (!process.HasExited && clock.Elapsed < TimeSpan.FromMinutes(3))
        {
            if (File.Exists(data) && new FileInfo(data).Length > 0)
            {
                process.Kill(entireProcessTree: true);
                break;
            }
            await Task.Delay(2);
        }
        await process.WaitForExitAsync();
        await drain;
        Assert.True(process.ExitCode != 0, "the shard finished before it could be killed");
        // Each record is whole + 4 crops of 512 floats plus its header: count them by size.
        const int recordBytes = 4 + 32 + 4 + (5 * 16) + (5 * 512 * 4) + 4;
        return (int)(new FileInfo(data).Length / recordBytes);
    }
}
