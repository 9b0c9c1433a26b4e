using InFiConD.Core;

namespace InFiConD.Concepts;

/// <summary>Reads the optional per-concept quality and presence thresholds of a bank manifest (version 2), naming the field of any bad value.</summary>
internal static class ConceptBankEvidence
{
    public static ConceptBank Read(ConceptBank bank, ConceptBankManifest manifest, string manifestPath)
    {
        if (manifest.Quality is { } quality)
        {
            if (quality.Count != bank.Count)
            {
                throw Invalid(manifestPath, "quality", $"holds {quality.Count} entries but 'count' is {bank.Count}.");
            }
            bank = bank.WithQuality(quality.Select((entry, c) => entry is null ? null : ReadQuality(entry, manifestPath, $"quality[{c}]")).ToArray());
        }
        if (manifest.PresenceThresholds is { } thresholds)
        {
            if (thresholds.Count != bank.Count)
            {
                throw Invalid(manifestPath, "presenceThresholds", $"holds {thresholds.Count} values but 'count' is {bank.Count}.");
            }
            // JSON cannot hold NaN or ±∞ as numbers, but a hand-edited file may hold a float that overflowed on reading.
            if (thresholds.FindIndex(t => !float.IsFinite(t)) is var bad and >= 0)
            {
                throw Invalid(manifestPath, $"presenceThresholds[{bad}]", $"is {thresholds[bad]}; every threshold must be finite.");
            }
            bank = bank.WithPresenceThresholds(thresholds);
        }
        return bank;
    }

    private static ConceptQuality ReadQuality(ConceptBankManifest.QualitySection entry, string manifestPath, string field)
    {
        var auc = entry.Auc ?? throw Invalid(manifestPath, $"{field}.auc", "is missing.");
        if (!(auc >= 0 && auc <= 1))
        {
            throw Invalid(manifestPath, $"{field}.auc", $"is {auc}; expected an AUC in [0, 1].");
        }
        var positives = Count(entry.Positives, manifestPath, $"{field}.positives", 1);
        var negatives = Count(entry.Negatives, manifestPath, $"{field}.negatives", 1);
        var folds = Count(entry.Folds, manifestPath, $"{field}.folds", 2);
        if (string.IsNullOrWhiteSpace(entry.Method))
        {
            throw Invalid(manifestPath, $"{field}.method", "is missing or empty.");
        }
        return new ConceptQuality(auc, positives, negatives, folds, entry.Method);
    }

    private static int Count(int? value, string manifestPath, string field, int minimum) => value switch
    {
        null => throw Invalid(manifestPath, field, "is missing."),
        var v when v < minimum => throw Invalid(manifestPath, field, $"is {v}; expected at least {minimum}."),
        _ => value.Value,
    };

    private static InvalidFileException Invalid(string file, string field, string problem) => new(file, field, null, problem);
}
