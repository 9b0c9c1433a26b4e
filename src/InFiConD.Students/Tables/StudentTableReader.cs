using System.Text.Json;
using InFiConD.Core;

namespace InFiConD.Students;

/// <summary>Turns a <see cref="StudentTableDocument"/> back into a <see cref="StudentEnsemble"/>, naming the field at fault.</summary>
internal sealed class StudentTableReader
{
    private readonly string _source;

    private StudentTableReader(string source) => _source = source;

    public static StudentEnsemble Read(string json, string source)
    {
        StudentTableDocument? document;
        try
        {
            document = JsonSerializer.Deserialize(json, StudentTableJsonContext.Default.StudentTableDocument);
        }
        catch (JsonException ex)
        {
            var line = ex.LineNumber is { } l ? l + 1 : (long?)null;
            throw new InvalidFileException(source, ex.Path ?? "$", line, $"malformed weight table: {ex.Message}", ex);
        }
        return new StudentTableReader(source).Build(document ?? throw new InvalidFileException(source, "$", null, "the document is null; expected a weight table object."));
    }

    private StudentEnsemble Build(StudentTableDocument document)
    {
        if (document.Format != StudentTableDocument.FormatName)
        {
            throw Invalid("format", $"expected \"{StudentTableDocument.FormatName}\", found {Show(document.Format)}; this is not a student weight table.");
        }
        if (document.Version != StudentTableDocument.CurrentVersion)
        {
            throw Invalid("version", $"expected {StudentTableDocument.CurrentVersion}, found {Show(document.Version)}; this library reads version {StudentTableDocument.CurrentVersion} only.");
        }
        var concepts = Required(document.Concepts, "concepts");
        var (c, names) = (concepts.Count, new string[concepts.Count]);
        var (mean, deviation) = (new float[c], new float[c]);
        var index = new Dictionary<string, int>(c, StringComparer.Ordinal);
        for (var j = 0; j < c; j++)
        {
            var field = $"concepts[{j}]";
            var entry = Required(concepts[j], field);
            names[j] = Required(entry.Name, $"{field}.name");
            if (!index.TryAdd(names[j], j))
            {
                throw Invalid($"{field}.name", $"concept '{names[j]}' is listed at positions {index[names[j]]} and {j}; names must be unique.");
            }
            mean[j] = Required(entry.Mean, $"{field}.mean");
            deviation[j] = Required(entry.Deviation, $"{field}.deviation");
            if (deviation[j] < 0)
            {
                throw Invalid($"{field}.deviation", $"{deviation[j]} is negative; standard deviations are ≥ 0.");
            }
        }
        var members = document.BootstrapMembers;
        if (members is < 1)
        {
            throw Invalid("bootstrapMembers", $"{members} is below 1; leave the field out when there is no bootstrap spread.");
        }
        var classes = Required(document.Classes, "classes");
        var k = classes.Count;
        var (classNames, bias, weights) = (new string[k], new float[k], new FloatMatrix(k, c));
        WeightSpread? spread = members is { } m ? new WeightSpread(m, new FloatMatrix(k, c), new FloatMatrix(k, c), new FloatMatrix(k, c)) : null;
        for (var i = 0; i < k; i++)
        {
            var field = $"classes[{i}]";
            var entry = Required(classes[i], field);
            classNames[i] = Required(entry.Name, $"{field}.name");
            bias[i] = Required(entry.Bias, $"{field}.bias");
            // A stale class's entries carry no spread (its weights changed after the bootstrap); its spread rows stay empty.
            var stale = entry.SpreadStale == true && spread is not null;
            ReadWeights(Required(entry.Weights, $"{field}.weights"), $"{field}.weights", i, index, weights, stale ? null : spread);
            if (stale)
            {
                spread = spread! with { StaleClasses = [.. spread.StaleClasses, i] };
            }
        }
        try
        {
            return StudentEnsemble.Create(classNames, names, mean, deviation, weights, bias, spread);
        }
        catch (InFiConDException ex)
        {
            throw new InvalidFileException(_source, null, null, ex.Message, ex);
        }
    }

    private void ReadWeights(List<StudentTableDocument.WeightEntry?> entries, string field, int k, Dictionary<string, int> index, FloatMatrix weights, WeightSpread? spread)
    {
        var seen = new Dictionary<int, int>();
        for (var r = 0; r < entries.Count; r++)
        {
            var at = $"{field}[{r}]";
            var entry = Required(entries[r], at);
            var concept = Required(entry.Concept, $"{at}.concept");
            if (!index.TryGetValue(concept, out var j))
            {
                throw Invalid($"{at}.concept", $"'{concept}' is not one of the {index.Count} concepts listed under 'concepts'.");
            }
            if (!seen.TryAdd(j, r))
            {
                throw Invalid($"{at}.concept", $"'{concept}' already has a weight at {field}[{seen[j]}].");
            }
            weights[k, j] = Required(entry.StandardizedWeight, $"{at}.standardizedWeight");
            if (spread is null)
            {
                continue;
            }
            spread.Mean[k, j] = Required(entry.BootstrapMean, $"{at}.bootstrapMean");
            spread.Deviation[k, j] = Required(entry.BootstrapDeviation, $"{at}.bootstrapDeviation");
            spread.NonZeroFraction[k, j] = Required(entry.NonZeroFraction, $"{at}.nonZeroFraction");
            if (spread.Deviation[k, j] < 0 || spread.NonZeroFraction[k, j] is < 0 or > 1)
            {
                throw Invalid($"{at}", $"bootstrap deviation {spread.Deviation[k, j]} must be ≥ 0 and non-zero fraction {spread.NonZeroFraction[k, j]} must be in [0, 1].");
            }
        }
    }

    private T Required<T>(T? value, string field) where T : class =>
        value ?? throw Invalid(field, "the field is missing (or null).");

    private T Required<T>(T? value, string field) where T : struct =>
        value ?? throw Invalid(field, "the field is missing (or null).");

    private InvalidFileException Invalid(string field, string problem) => new(_source, field, null, problem);

    private static string Show(object? value) => value switch
    {
        null => "nothing",
        string s => $"\"{s}\"",
        _ => value.ToString()!,
    };
}
