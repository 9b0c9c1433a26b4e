using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using InFiConD.Core;

namespace InFiConD.Students;

/// <summary>
/// Human-readable weight tables of a <see cref="StudentEnsemble"/>. JSON: per class its name, intercept (standardised
/// and raw) and concepts sorted by |standardised weight|, descending, each with its standardised and raw weight and,
/// when the ensemble has a <see cref="WeightSpread"/>, its bootstrap mean, deviation and non-zero fraction; plus every
/// concept's standardisation mean and deviation. The JSON reads back into the identical ensemble
/// (<see cref="ReadJson"/>). CSV: one row per (class, concept) for spreadsheets, not read back.
/// </summary>
/// <remarks>
/// Zero weights are left out unless <c>includeZeros</c> is set (a concept whose bootstrap statistics are non-zero is kept
/// even then, so the spread survives the round trip); reading restores them as 0. Numbers are written in the shortest
/// form that parses back to the same float, so the round trip is exact. Concept names must be unique.
/// </remarks>
public static class StudentTable
{
    // The tables are for people: write "café" and "say \"hi\"" as such, not as \u00E9 and \u0022. The relaxed
    // encoder is safe for files; it only matters when JSON is pasted into HTML, which these tables are not.
    private static readonly JsonTypeInfo<StudentTableDocument> ReadableJson = (JsonTypeInfo<StudentTableDocument>)
        new JsonSerializerOptions(StudentTableJsonContext.Default.Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }
            .GetTypeInfo(typeof(StudentTableDocument));

    /// <summary>The JSON table as a string.</summary>
    /// <param name="students">The ensemble.</param>
    /// <param name="includeZeros">List concepts with weight 0 too.</param>
    /// <exception cref="ArgumentException">Two concepts share a name.</exception>
    public static string ToJson(StudentEnsemble students, bool includeZeros = false) =>
        JsonSerializer.Serialize(Describe(students, includeZeros), ReadableJson);

    /// <summary>Writes the JSON table through <see cref="AtomicFile"/>.</summary>
    /// <param name="students">The ensemble.</param>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="includeZeros">List concepts with weight 0 too.</param>
    /// <exception cref="ArgumentException">Two concepts share a name.</exception>
    /// <exception cref="IOException">The file could not be written; an existing file is left unchanged.</exception>
    public static void WriteJson(StudentEnsemble students, string path, bool includeZeros = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        AtomicFile.WriteAllText(path, ToJson(students, includeZeros));
    }

    /// <summary>Reads a JSON table written by <see cref="WriteJson"/> back into the ensemble it describes.</summary>
    /// <param name="path">The JSON file.</param>
    /// <exception cref="InvalidFileException">The file is not UTF-8, the JSON is malformed, of another format or version,
    /// or a field is missing or invalid; <see cref="InvalidFileException.Field"/> is its path (<c>classes[2].weights[0].concept</c>).</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static StudentEnsemble ReadJson(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string json;
        try
        {
            json = File.ReadAllText(path, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true));
        }
        catch (DecoderFallbackException ex)
        {
            throw new InvalidFileException(path, null, null, "the file is not valid UTF-8 text.", ex);
        }
        return FromJson(json, path);
    }

    /// <summary>Reads a JSON table from a string.</summary>
    /// <param name="json">The table, as written by <see cref="ToJson"/>.</param>
    /// <param name="sourceName">The name to report as <see cref="InvalidFileException.FilePath"/>.</param>
    /// <exception cref="InvalidFileException">The JSON is malformed, of another format or version, or a field is missing or invalid.</exception>
    public static StudentEnsemble FromJson(string json, string sourceName = "json")
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(sourceName);
        return StudentTableReader.Read(json, sourceName);
    }

    /// <summary>
    /// The long-format CSV table: header <c>class,concept,standardized_weight,raw_weight,rank</c>, one row per class and
    /// concept in rank order (rank 1 = largest |standardised weight| in the class; ties keep concept order). Names with
    /// commas, quotes or line breaks are quoted as RFC 4180 says.
    /// </summary>
    /// <param name="students">The ensemble.</param>
    /// <param name="includeZeros">List concepts with weight 0 too (ranked after the others).</param>
    public static string ToCsv(StudentEnsemble students, bool includeZeros = false)
    {
        ArgumentNullException.ThrowIfNull(students);
        var csv = new StringBuilder("class,concept,standardized_weight,raw_weight,rank\n");
        for (var k = 0; k < students.ClassCount; k++)
        {
            var weights = students.StandardizedWeights(k);
            var raw = students.RawWeights(k);
            var order = RankOrder(weights);
            for (var r = 0; r < order.Length; r++)
            {
                var j = order[r];
                if (weights[j] == 0f && !includeZeros)
                {
                    continue;
                }
                csv.Append(CsvField.Quote(students.ClassNames[k])).Append(',')
                    .Append(CsvField.Quote(students.ConceptNames[j])).Append(',')
                    .Append(CsvField.Number(weights[j])).Append(',')
                    .Append(CsvField.Number(raw[j])).Append(',')
                    .Append(r + 1).Append('\n');
            }
        }
        return csv.ToString();
    }

    /// <summary>Writes the CSV table (<see cref="ToCsv"/>) through <see cref="AtomicFile"/>.</summary>
    /// <param name="students">The ensemble.</param>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="includeZeros">List concepts with weight 0 too.</param>
    /// <exception cref="IOException">The file could not be written; an existing file is left unchanged.</exception>
    public static void WriteCsv(StudentEnsemble students, string path, bool includeZeros = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        AtomicFile.WriteAllText(path, ToCsv(students, includeZeros));
    }

    /// <summary>Concept indices by |weight|, descending; ties keep concept order so tables are stable.</summary>
    internal static int[] RankOrder(ReadOnlySpan<float> weights)
    {
        var magnitudes = new float[weights.Length];
        for (var j = 0; j < weights.Length; j++)
        {
            magnitudes[j] = Math.Abs(weights[j]);
        }
        return Enumerable.Range(0, weights.Length).OrderByDescending(j => magnitudes[j]).ThenBy(j => j).ToArray();
    }

    private static StudentTableDocument Describe(StudentEnsemble students, bool includeZeros)
    {
        ArgumentNullException.ThrowIfNull(students);
        RequireUniqueConcepts(students.ConceptNames);
        var spread = students.Spread;
        var concepts = new List<StudentTableDocument.ConceptEntry?>(students.ConceptCount);
        for (var j = 0; j < students.ConceptCount; j++)
        {
            concepts.Add(new() { Name = students.ConceptNames[j], Mean = students.ConceptMean[j], Deviation = students.ConceptDeviation[j] });
        }
        var classes = new List<StudentTableDocument.ClassEntry?>(students.ClassCount);
        for (var k = 0; k < students.ClassCount; k++)
        {
            var weights = students.StandardizedWeights(k);
            var raw = students.RawWeights(k);
            var entries = new List<StudentTableDocument.WeightEntry?>();
            // An edited class's spread describes its old weights: none is written rather than a stale one.
            var stale = spread?.IsStale(k) == true;
            var classSpread = stale ? null : spread;
            foreach (var j in RankOrder(weights))
            {
                var hasSpread = classSpread is not null && (classSpread.Mean[k, j] != 0f || classSpread.Deviation[k, j] != 0f || classSpread.NonZeroFraction[k, j] != 0f);
                if (weights[j] == 0f && !hasSpread && !includeZeros)
                {
                    continue;
                }
                entries.Add(new()
                {
                    Concept = students.ConceptNames[j],
                    StandardizedWeight = weights[j],
                    RawWeight = raw[j],
                    BootstrapMean = classSpread?.Mean[k, j],
                    BootstrapDeviation = classSpread?.Deviation[k, j],
                    NonZeroFraction = classSpread?.NonZeroFraction[k, j],
                });
            }
            classes.Add(new() { Name = students.ClassNames[k], Bias = students.Bias(k), RawBias = students.RawBias(k), Weights = entries, SpreadStale = stale ? true : null });
        }
        return new StudentTableDocument
        {
            Format = StudentTableDocument.FormatName,
            Version = StudentTableDocument.CurrentVersion,
            BootstrapMembers = spread?.Members,
            Concepts = concepts,
            Classes = classes,
        };
    }

    private static void RequireUniqueConcepts(IReadOnlyList<string> names)
    {
        var seen = new Dictionary<string, int>(names.Count, StringComparer.Ordinal);
        for (var j = 0; j < names.Count; j++)
        {
            if (!seen.TryAdd(names[j], j))
            {
                throw new ArgumentException($"Concepts {seen[names[j]]} and {j} are both named '{names[j]}'; a weight table names concepts, so names must be unique.", "students");
            }
        }
    }
}
