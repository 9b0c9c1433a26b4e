namespace InFiConD.Cli.Tests;

public sealed class ShardSpecTests
{
    private static Func<string, string?> Env(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    [Theory]
    [InlineData("0/1", 0, 1)]
    [InlineData("2/8", 2, 8)]
    [InlineData("7/8", 7, 8)]
    public void Explicit_shard_is_read(string text, int index, int count)
    {
        var shard = ShardSpec.Parse(text, null, Env());
        Assert.Equal((index, count, "--shard"), (shard.Index, shard.Count, shard.Origin));
        Assert.Equal($"{index}-of-{count}", shard.FileTag);
    }

    [Fact]
    public void No_shard_is_the_whole_source() => Assert.Equal(ShardSpec.Whole, ShardSpec.Parse(null, null, Env()));

    [Theory]
    [InlineData("8/8")]
    [InlineData("-1/8")]
    [InlineData("1/0")]
    [InlineData("1of8")]
    [InlineData("a/b")]
    public void Bad_shard_is_a_usage_error(string text)
    {
        var e = Assert.Throws<CliException>(() => ShardSpec.Parse(text, null, Env()));
        Assert.Equal(ExitCodes.Usage, e.ExitCode);
    }

    [Fact]
    public void Auto_reads_a_kubernetes_index_with_the_count_option_or_variable()
    {
        Assert.Equal(new ShardSpec(3, 8, "JOB_COMPLETION_INDEX"), ShardSpec.Parse("auto", 8, Env(("JOB_COMPLETION_INDEX", "3"))));
        Assert.Equal(new ShardSpec(3, 5, "JOB_COMPLETION_INDEX"), ShardSpec.Parse("auto", null, Env(("JOB_COMPLETION_INDEX", "3"), ("INFICOND_SHARD_COUNT", "5"))));
        // The option wins over the variable: a recipe's explicit count is what it meant.
        Assert.Equal(new ShardSpec(3, 8, "JOB_COMPLETION_INDEX"), ShardSpec.Parse("auto", 8, Env(("JOB_COMPLETION_INDEX", "3"), ("INFICOND_SHARD_COUNT", "5"))));
    }

    [Fact]
    public void Auto_on_kubernetes_without_a_count_names_what_to_pass()
    {
        var e = Assert.Throws<CliException>(() => ShardSpec.Parse("auto", null, Env(("JOB_COMPLETION_INDEX", "3"))));
        Assert.Contains("--shard-count", e.Message, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Usage, e.ExitCode);
    }

    [Fact]
    public void Auto_reads_a_slurm_array_shifted_by_its_first_index()
    {
        Assert.Equal(new ShardSpec(2, 4, "SLURM_ARRAY_TASK_ID"), ShardSpec.Parse("auto", null, Env(("SLURM_ARRAY_TASK_ID", "2"), ("SLURM_ARRAY_TASK_COUNT", "4"))));
        // --array=1-4: tasks 1..4 are shards 0..3.
        Assert.Equal(new ShardSpec(3, 4, "SLURM_ARRAY_TASK_ID"), ShardSpec.Parse("auto", null, Env(("SLURM_ARRAY_TASK_ID", "4"), ("SLURM_ARRAY_TASK_MIN", "1"), ("SLURM_ARRAY_TASK_COUNT", "4"))));
    }

    [Fact]
    public void Auto_prefers_kubernetes_and_checks_the_range()
    {
        Assert.Equal("JOB_COMPLETION_INDEX", ShardSpec.Parse("auto", 4, Env(("JOB_COMPLETION_INDEX", "1"), ("SLURM_ARRAY_TASK_ID", "2"), ("SLURM_ARRAY_TASK_COUNT", "4"))).Origin);
        Assert.Throws<CliException>(() => ShardSpec.Parse("auto", 4, Env(("JOB_COMPLETION_INDEX", "4"))));
        Assert.Throws<CliException>(() => ShardSpec.Parse("auto", null, Env()));
        Assert.Throws<CliException>(() => ShardSpec.Parse("1/4", 4, Env()));
    }
}
