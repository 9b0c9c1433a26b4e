using System.CommandLine;

namespace InFiConD.Cli;

/// <summary>
/// <c>infcd merge</c>: shard caches into one (<see cref="ShardSet"/> checks them, <see cref="CacheMerger"/> merges).
/// Nothing is written when a check fails.
/// </summary>
internal static class MergeCommand
{
    public static Command Create()
    {
        var into = new Option<string>("--into") { Description = "The merged cache folder (created; may already hold a cache of the same model, which is added to).", Required = true, HelpName = "DIR" };
        var partial = new Option<bool>("--allow-partial") { Description = "Merge even when some shards of a source are missing (the merged cache is then not a finished cache of that source)." };
        var shards = new Argument<string[]>("shard-caches") { Description = "The shard cache folders (each given to one encode --cache).", Arity = ArgumentArity.OneOrMore };
        var command = new Command("merge", "Merge shard caches into one; refuses caches of different models and overlapping or missing shards, naming the files.");
        command.Options.Add(into);
        command.Options.Add(partial);
        command.Arguments.Add(shards);
        command.SetAction((parse, token) =>
        {
            var target = Path.GetFullPath(parse.GetValue(into)!);
            var roots = parse.GetValue(shards)!;
            if (roots.Any(r => string.Equals(Path.GetFullPath(r).TrimEnd('/'), target.TrimEnd('/'), StringComparison.Ordinal)))
            {
                throw CliException.Usage($"--into '{target}' is also given as a shard cache; merge into a new folder.");
            }
            var set = ShardSet.Read(roots, parse.GetValue(partial));
            var (added, total) = CacheMerger.Merge(set, target, token);
            var sources = set.Shards.Select(s => s.Manifest.Source).Distinct(StringComparer.Ordinal).ToList();
            new Reporter().Done("merge",
                $"Merged {set.Shards.Count} shard{(set.Shards.Count == 1 ? "" : "s")} of {string.Join(", ", sources)} into {target}: {added} records added, {total} in the cache.",
                ("shards", set.Shards.Count), ("added", added), ("total", total), ("into", target));
            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }
}
