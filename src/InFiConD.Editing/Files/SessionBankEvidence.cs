using InFiConD.Concepts;

namespace InFiConD.Editing;

/// <summary>Reads the optional per-concept quality and presence thresholds of a session's bank; files written before they existed load without them.</summary>
internal static class SessionBankEvidence
{
    public static ConceptBank Read(SessionFileReader reader, string entry, SessionBankDocument document, ConceptBank bank)
    {
        if (document.Quality is { } quality)
        {
            if (quality.Count != bank.Count)
            {
                throw reader.Fail(entry, $"'quality' holds {quality.Count} entries, expected {bank.Count} (one per concept).");
            }
            bank = bank.WithQuality(quality.Select((q, c) => q is null ? null : Quality(reader, entry, q, $"quality[{c}]")).ToArray());
        }
        if (document.PresenceThresholds is { } thresholds)
        {
            if (thresholds.Count != bank.Count)
            {
                throw reader.Fail(entry, $"'presenceThresholds' holds {thresholds.Count} values, expected {bank.Count} (one per concept).");
            }
            if (thresholds.FindIndex(t => !float.IsFinite(t)) is var bad and >= 0)
            {
                throw reader.Fail(entry, $"'presenceThresholds[{bad}]' is {thresholds[bad]}; every threshold must be finite.");
            }
            bank = bank.WithPresenceThresholds(thresholds);
        }
        return bank;
    }

    private static ConceptQuality Quality(SessionFileReader reader, string entry, SessionBankDocument.QualityDocument q, string field)
    {
        if (q.Auc is not { } auc || !(auc >= 0 && auc <= 1))
        {
            throw reader.Fail(entry, $"'{field}.auc' is {q.Auc?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "missing"}; expected an AUC in [0, 1].");
        }
        if (q.Positives is not >= 1 || q.Negatives is not >= 1 || q.Folds is not >= 2 || string.IsNullOrWhiteSpace(q.Method))
        {
            throw reader.Fail(entry, $"'{field}' needs positives ≥ 1, negatives ≥ 1, folds ≥ 2 and a method; found {q.Positives}, {q.Negatives}, {q.Folds} and '{q.Method}'.");
        }
        return new ConceptQuality(auc, q.Positives.Value, q.Negatives.Value, q.Folds.Value, q.Method);
    }
}
