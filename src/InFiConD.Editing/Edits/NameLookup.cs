using System.Globalization;

namespace InFiConD.Editing;

/// <summary>Finds a class or concept by name (exact, then ignoring case and spacing) and suggests near names when it is missing.</summary>
internal static class NameLookup
{
    private const int Suggestions = 3;

    /// <summary>The index of <paramref name="name"/>, or -1. A loose match counts only when it is unique.</summary>
    internal static int Find(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (string.Equals(names[i], name, StringComparison.Ordinal))
            {
                return i;
            }
        }
        var key = Key(name);
        var found = -1;
        for (var i = 0; i < names.Count; i++)
        {
            if (Key(names[i]) == key)
            {
                if (found >= 0)
                {
                    return -1;
                }
                found = i;
            }
        }
        return found;
    }

    /// <summary>Up to three names closest to <paramref name="name"/> by edit distance (ties by order), quoted and comma-separated.</summary>
    internal static string Nearest(IReadOnlyList<string> names, string name)
    {
        var key = Key(name);
        var nearest = names
            .Select((n, i) => (Name: n, Index: i, Distance: Distance(Key(n), key) - (Key(n).Contains(key, StringComparison.Ordinal) ? 1 : 0)))
            .OrderBy(t => t.Distance).ThenBy(t => t.Index)
            .Take(Suggestions)
            .Select(t => $"'{t.Name}'");
        return string.Join(", ", nearest);
    }

    private static string Key(string name) =>
        string.Join(' ', name.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLower(CultureInfo.InvariantCulture);

    /// <summary>Levenshtein distance with two rows.</summary>
    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
