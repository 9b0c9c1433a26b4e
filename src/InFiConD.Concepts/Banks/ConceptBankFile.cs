using System.Security.Cryptography;
using System.Text.Json;
using InFiConD.Core;

namespace InFiConD.Concepts;

/// <summary>Saves and loads <see cref="ConceptBank"/>s as a JSON manifest plus a <c>.npy</c> matrix.</summary>
internal static class ConceptBankFile
{
    private const string DefaultStem = "conceptbank";

    public static string Save(ConceptBank bank, string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var (manifestPath, vectorsPath) = PathsFor(path, forSave: true);

        // Serialise the vectors once in memory so the hash is of exactly the bytes written.
        using var buffer = new MemoryStream();
        Npy.Write(buffer, bank.Vectors);
        var bytes = buffer.ToArray();
        var manifest = new ConceptBankManifest
        {
            Format = ConceptBankManifest.FormatName,
            Version = ConceptBankManifest.CurrentVersion,
            Count = bank.Count,
            Dimension = bank.Dimension,
            Names = [.. bank.Names],
            Origin = new()
            {
                Kind = bank.Origin.Kind.ToString(),
                ModelId = bank.Origin.ModelId,
                Templates = [.. bank.Origin.Templates],
                Description = bank.Origin.Description,
            },
            Vectors = new() { File = Path.GetFileName(vectorsPath), Dtype = "float32", Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)) },
            Quality = bank.Quality?.Select(q => q is null ? null : new ConceptBankManifest.QualitySection
            {
                Auc = q.Auc, Positives = q.Positives, Negatives = q.Negatives, Folds = q.Folds, Method = q.Method,
            }).ToList(),
            PresenceThresholds = bank.PresenceThresholds?.ToList(),
        };

        // Vectors first, manifest last: a crash in between leaves a manifest whose hash no longer matches, which Load reports.
        AtomicFile.Write(vectorsPath, s => s.Write(bytes));
        AtomicFile.Write(manifestPath, s => JsonSerializer.Serialize(s, manifest, ConceptBankJsonContext.Default.ConceptBankManifest));
        return manifestPath;
    }

    public static ConceptBank Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var (manifestPath, _) = PathsFor(path, forSave: false);
        var manifest = ReadManifest(manifestPath);

        var format = Require(manifest.Format, manifestPath, "format");
        if (format != ConceptBankManifest.FormatName)
        {
            throw Invalid(manifestPath, "format", $"is '{format}'; expected '{ConceptBankManifest.FormatName}'.");
        }
        var version = Require(manifest.Version, manifestPath, "version");
        if (version is < ConceptBankManifest.OldestVersion or > ConceptBankManifest.CurrentVersion)
        {
            throw Invalid(manifestPath, "version", $"is {version}; this library reads versions {ConceptBankManifest.OldestVersion} to {ConceptBankManifest.CurrentVersion}.");
        }
        var count = Require(manifest.Count, manifestPath, "count");
        var dimension = Require(manifest.Dimension, manifestPath, "dimension");
        var names = Require(manifest.Names, manifestPath, "names").ToArray();
        if (names.Length != count)
        {
            throw Invalid(manifestPath, "names", $"holds {names.Length} names but 'count' is {count}.");
        }
        var index = ConceptNameIndex.TryCreate(names, out var problem, out var position)
            ?? throw new InvalidFileException(manifestPath, "names", position, problem!);
        var origin = ReadOrigin(Require(manifest.Origin, manifestPath, "origin"), manifestPath);
        var vectors = ReadVectors(Require(manifest.Vectors, manifestPath, "vectors"), manifestPath, count, dimension, names);
        var bank = ConceptBank.FromValidated(names, index, vectors, origin);
        // Version 1 had neither section; a version 1 file that carries them anyway is read as written.
        return ConceptBankEvidence.Read(bank, manifest, manifestPath);
    }

    private static ConceptBankManifest ReadManifest(string manifestPath)
    {
        var bytes = File.ReadAllBytes(manifestPath);
        try
        {
            return JsonSerializer.Deserialize(bytes, ConceptBankJsonContext.Default.ConceptBankManifest)
                ?? throw Invalid(manifestPath, "$", "is null; expected a concept bank manifest object.");
        }
        catch (JsonException ex)
        {
            var line = ex.LineNumber is { } l ? l + 1 : (long?)null;
            throw new InvalidFileException(manifestPath, ex.Path ?? "$", line, $"malformed manifest: {ex.Message}", ex);
        }
    }

    private static ConceptBankOrigin ReadOrigin(ConceptBankManifest.OriginSection section, string manifestPath)
    {
        var kindText = Require(section.Kind, manifestPath, "origin.kind");
        if (!Enum.TryParse<ConceptBankKind>(kindText, ignoreCase: true, out var kind) || !Enum.IsDefined(kind) || int.TryParse(kindText, out _))
        {
            throw Invalid(manifestPath, "origin.kind", $"is '{kindText}'; expected one of {string.Join(", ", Enum.GetNames<ConceptBankKind>())}.");
        }
        var templates = section.Templates ?? [];
        if (templates.IndexOf(null!) is var nullAt and >= 0)
        {
            throw Invalid(manifestPath, $"origin.templates[{nullAt}]", "is null; expected a string.");
        }
        return new ConceptBankOrigin(kind, section.ModelId, templates, section.Description);
    }

    private static FloatMatrix ReadVectors(ConceptBankManifest.VectorsSection section, string manifestPath, int count, int dimension, string[] names)
    {
        var file = Require(section.File, manifestPath, "vectors.file");
        // Only a sibling file: a manifest must not be able to point the reader elsewhere on disk.
        if (file.Length == 0 || Path.GetFileName(file) != file || file is "." or "..")
        {
            throw Invalid(manifestPath, "vectors.file", $"is '{file}'; expected a file name in the manifest's directory.");
        }
        var expectedHash = Require(section.Sha256, manifestPath, "vectors.sha256");
        var vectorsPath = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(manifestPath))!, file);
        if (!File.Exists(vectorsPath))
        {
            throw Invalid(manifestPath, "vectors.file", $"names '{file}', which does not exist next to the manifest.");
        }
        var bytes = File.ReadAllBytes(vectorsPath);
        var actualHash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (!string.Equals(actualHash, expectedHash, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidFileException(vectorsPath, "sha256", null,
                $"the file's SHA-256 is {actualHash} but the manifest '{manifestPath}' records {expectedHash}; the file was changed or replaced.");
        }
        using var stream = new MemoryStream(bytes, writable: false);
        var vectors = Npy.ReadFloatMatrix(stream, vectorsPath);
        if (vectors.Rows != count || vectors.Columns != dimension)
        {
            throw new ShapeMismatchException($"{vectorsPath} (vectors)", $"{count} × {dimension} (count × dimension in {manifestPath})", $"{vectors.Rows} × {vectors.Columns}");
        }
        CheckRows(vectors, vectorsPath, names);
        return vectors;
    }

    private static void CheckRows(FloatMatrix vectors, string vectorsPath, string[] names)
    {
        for (var row = 0; row < vectors.Rows; row++)
        {
            var values = vectors.Row(row);
            for (var column = 0; column < values.Length; column++)
            {
                if (!float.IsFinite(values[column]))
                {
                    throw new InvalidFileException(vectorsPath, "vectors", row,
                        $"row {row} (concept '{ConceptText.Shorten(names[row])}') holds {values[column]} at column {column}; every value must be finite.",
                        new NonFiniteValueException("vectors", row, column, values[column]));
                }
            }
            var norm = UnitNorm.Of(values);
            if (!UnitNorm.IsUnit(norm))
            {
                throw new InvalidFileException(vectorsPath, "vectors", row,
                    $"row {row} (concept '{ConceptText.Shorten(names[row])}') has L2 norm {norm:R}; rows must have norm 1 within {ConceptBank.NormTolerance}.");
            }
        }
    }

    private static (string Manifest, string Vectors) PathsFor(string path, bool forSave)
    {
        if (path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || (!forSave && File.Exists(path)))
        {
            var full = Path.GetFullPath(path);
            return (full, Path.ChangeExtension(full, ".npy"));
        }
        var directory = Path.GetFullPath(path);
        return (Path.Combine(directory, DefaultStem + ".json"), Path.Combine(directory, DefaultStem + ".npy"));
    }

    private static T Require<T>(T? value, string manifestPath, string field) where T : class =>
        value ?? throw Invalid(manifestPath, field, "is missing.");

    private static int Require(int? value, string manifestPath, string field) =>
        value switch
        {
            null => throw Invalid(manifestPath, field, "is missing."),
            < 0 => throw Invalid(manifestPath, field, $"is {value}; expected a non-negative number."),
            _ => value.Value,
        };

    private static InvalidFileException Invalid(string file, string field, string problem) => new(file, field, null, problem);
}
