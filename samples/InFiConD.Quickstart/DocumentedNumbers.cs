using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace InFiConD.Quickstart;

/// <summary>
/// The numbers docs/concept-world.md quotes from a default run, regenerated from a run's result so they cannot go stale:
/// the blocks between <c>&lt;!-- generated:NAME --&gt;</c> and <c>&lt;!-- /generated --&gt;</c> are what a run at the
/// documented settings writes. <see cref="Differences"/> says where a page differs; <see cref="Update"/> rewrites it.
/// </summary>
internal static partial class DocumentedNumbers
{
    /// <summary>The blocks a run regenerates, by name, from the page's current block (which supplies the rows' order and labels).</summary>
    private static readonly Dictionary<string, Func<QuickstartResult, string, string>> Blocks = new(StringComparer.Ordinal)
    {
        ["concept-auc"] = ConceptAuc,
        ["versions"] = Versions,
    };

    /// <summary>Each block of <paramref name="page"/> whose text differs from what <paramref name="result"/> gives, with both texts.</summary>
    public static IReadOnlyList<string> Differences(string page, QuickstartResult result)
    {
        var differences = new List<string>();
        foreach (Match block in Block().Matches(page))
        {
            var (name, text) = (block.Groups["name"].Value, block.Groups["text"].Value);
            var expected = Blocks.TryGetValue(name, out var make) ? make(result, text) : throw new InvalidOperationException($"The page has a generated block '{name}' this job does not know.");
            if (expected != text)
            {
                differences.Add($"block '{name}' reads:\n{text}\na run gives:\n{expected}");
            }
        }
        return differences;
    }

    /// <summary>The page with every generated block replaced by what <paramref name="result"/> gives.</summary>
    public static string Update(string page, QuickstartResult result) =>
        Block().Replace(page, m => m.Value.Replace(m.Groups["text"].Value, Blocks[m.Groups["name"].Value](result, m.Groups["text"].Value), StringComparison.Ordinal));

    /// <summary>Per kind row (<c>| part | wheel 0.997, roof 0.989, … |</c>), the same concepts by AUC on the test split, highest first.</summary>
    private static string ConceptAuc(QuickstartResult r, string current)
    {
        var auc = r.Detection.Where(d => d.Auc is not null).ToDictionary(d => d.Concept, d => d.Auc!.Value, StringComparer.Ordinal);
        var lines = current.Split('\n').Select(line =>
        {
            var cells = line.Split('|');
            if (cells.Length < 4 || cells[1].Trim() is "kind" or "---" || cells[2].Trim().StartsWith("---", StringComparison.Ordinal))
            {
                return line;
            }
            var concepts = cells[2].Split(',').Select(c => ConceptOf().Match(c.Trim()).Groups[1].Value).ToArray();
            var sorted = concepts.OrderByDescending(c => Math.Round(auc.GetValueOrDefault(c, double.NaN), 3)).ThenBy(c => Array.IndexOf(concepts, c));
            return $"|{cells[1]}| {string.Join(", ", sorted.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c} {auc.GetValueOrDefault(c, double.NaN):F3}")))} |";
        });
        return string.Join('\n', lines);
    }

    /// <summary>Per version row: accuracy on shifted and test, agreement with the teacher on shifted and train.</summary>
    private static string Versions(QuickstartResult r, string current)
    {
        var (shifted, test) = (r.Shifted, r.Splits.Single(s => s.Split == "test"));
        var train = new[] { r.FidelityBefore.Top1Agreement }.Concat(r.Edits.Select(e => e.Entry.MetricsAfter.Top1Agreement)).ToArray();
        var sb = new StringBuilder();
        foreach (var line in current.Split('\n'))
        {
            var row = VersionRow().Match(line);
            if (!row.Success)
            {
                sb.Append(line).Append('\n');
                continue;
            }
            var v = int.Parse(row.Groups["v"].Value, CultureInfo.InvariantCulture);
            var accuracy = Percent(shifted.StudentAccuracy[v]);
            sb.Append($"| {row.Groups["label"].Value} | {(v > 0 ? $"**{accuracy}**" : accuracy)} | {Percent(test.StudentAccuracy[v])} | {Percent(shifted.Fidelity[v])} | {Percent(train[v])} |\n");
        }
        return sb.ToString().TrimEnd('\n');
    }

    private static string Percent(double value) => string.Create(CultureInfo.InvariantCulture, $"{100 * value:F1} %");

    [GeneratedRegex(@"<!-- generated:(?<name>[a-z-]+) -->\n(?<text>.*?)\n<!-- /generated -->", RegexOptions.Singleline)]
    private static partial Regex Block();

    [GeneratedRegex(@"^(.*?) [0-9.]+$")]
    private static partial Regex ConceptOf();

    [GeneratedRegex(@"^\| (?<label>v(?<v>[0-9]+)[^|]*?) \|")]
    private static partial Regex VersionRow();
}
