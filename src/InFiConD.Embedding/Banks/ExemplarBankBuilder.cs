using System.Globalization;
using InFiConD.Concepts;
using InFiConD.Core;

namespace InFiConD.Embedding;

/// <summary>The work behind <see cref="ConceptBankBuilder.FromExemplarsAsync"/> (arguments already checked).</summary>
internal static class ExemplarBankBuilder
{
    internal static async Task<ExemplarBankResult> BuildAsync(IReadOnlyDictionary<string, ExemplarSet> exemplars, IImageEncoder encoder, ExemplarMethod method,
        ExemplarBankOptions options, IProgress<ImageModelProgress>? progress, CancellationToken cancellationToken)
    {
        var entries = exemplars.ToArray();
        CheckEntries(entries);
        // Auto fits every concept on both kinds of instance and keeps the better one; the others fit on one.
        ExemplarInstances[] modes = options.Instances == ExemplarInstances.Auto ? [ExemplarInstances.WholeImage, ExemplarInstances.BestSegment] : [options.Instances];
        var dense = modes.Contains(ExemplarInstances.BestSegment)
            ? encoder as IDenseImageEncoder ?? throw new ArgumentException(
                $"ExemplarInstances.{options.Instances} needs a dense encoder (an IDenseImageEncoder such as a CroppedSegmentEncoder); {encoder.ModelId} is not one.", nameof(encoder))
            : null;
        var sources = entries.SelectMany(e => new[] { e.Value.Positives, e.Value.Negatives }).Append(options.RandomNegatives).OfType<ImageSource>()
            .Distinct(ReferenceEqualityComparer.Instance).Cast<ImageSource>().ToList();
        var (encoded, failures) = await ExemplarEncoding.EncodeAllAsync(sources, encoder, modes.Select(m => m == ExemplarInstances.BestSegment ? dense : null).ToArray(),
            progress, cancellationToken).ConfigureAwait(false);
        var problems = modes.Select((_, m) => Problems(entries, method, options, encoded[m])).ToArray();

        // Concepts are fitted in parallel, each by one fixed sequence of operations, so the bank does not
        // depend on the thread count. CAVs share one row space when all their rows fit in one smaller than D.
        var pools = encoded.Select(e => method == ExemplarMethod.Cav ? Pool(sources, e, encoder.Dimension) : null).ToArray();
        var vectors = new double[entries.Length][];
        var fits = new ExemplarFit[entries.Length];
        Parallel.For(0, entries.Length, new ParallelOptions { CancellationToken = cancellationToken }, c =>
        {
            var candidates = modes.Select((mode, m) => FitOne(entries[c].Key, problems[m][c], mode, method, options, pools[m])).ToArray();
            // Ties (and a candidate that could not be cross-validated) keep the first, the whole image: the simpler detector.
            var best = candidates.Length == 2 && candidates[1].Fit.CrossValidatedAuc > (candidates[0].Fit.CrossValidatedAuc ?? double.PositiveInfinity) ? 1 : 0;
            vectors[c] = candidates[best].Vector;
            fits[c] = candidates.Length == 2 ? candidates[best].Fit with { RejectedCrossValidatedAuc = candidates[1 - best].Fit.CrossValidatedAuc } : candidates[best].Fit;
        });

        var keep = Enumerable.Range(0, entries.Length).Where(c => !(options.MinimumAuc is { } m && fits[c].CrossValidatedAuc < m)).ToArray();
        var removed = Enumerable.Range(0, entries.Length).Except(keep).Select(c => new ExemplarRemoval(fits[c],
            string.Create(CultureInfo.InvariantCulture, $"cross-validated AUC {fits[c].CrossValidatedAuc:F3} is below the minimum {options.MinimumAuc:R}"))).ToArray();
        if (keep.Length == 0)
        {
            throw new ArgumentException(
                $"Every concept's cross-validated AUC is below MinimumAuc = {options.MinimumAuc}; the best is {fits.Max(f => f.CrossValidatedAuc):F3}. Lower the minimum or improve the exemplars.", nameof(options));
        }
        var matrix = new FloatMatrix(keep.Length, encoder.Dimension);
        for (var r = 0; r < keep.Length; r++)
        {
            Vectors.CopyTo(vectors[keep[r]], matrix.Row(r));
        }
        var origin = new ConceptBankOrigin(ConceptBankKind.Exemplar, encoder.ModelId, null, Description(method, options));
        var kept = keep.Select(c => fits[c]).ToArray();
        var bank = ConceptBank.Create(keep.Select(c => entries[c].Key).ToArray(), matrix, origin)
            .WithQuality(kept.Select(f => f.CrossValidatedAuc is { } auc ? new ConceptQuality(auc, f.Positives, f.Negatives, f.Folds, Describe(method, options, f.Instances)) : null).ToArray());
        return new ExemplarBankResult(bank, kept, failures) { Removed = removed };
    }

    /// <summary>Every positive's and negative's bags for each concept, in entry order (one mode's encodings).</summary>
    private static (double[][][] Positives, double[][][] Negatives)[] Problems(KeyValuePair<string, ExemplarSet>[] entries, ExemplarMethod method, ExemplarBankOptions options,
        Dictionary<ImageSource, double[][][]> encoded)
    {
        var random = options.RandomNegatives is { } randomSource ? encoded[randomSource] : [];
        var problems = new (double[][][] Positives, double[][][] Negatives)[entries.Length];
        for (var c = 0; c < entries.Length; c++)
        {
            var (name, set) = (entries[c].Key, entries[c].Value);
            var positives = encoded[set.Positives];
            if (positives.Length == 0)
            {
                throw new ArgumentException($"Concept '{name}' has no positive exemplar that decoded ({set.Positives.Count} given, see the failures).", "exemplars");
            }
            var negatives = Negatives(entries, c, method, options, encoded).Concat(random).ToArray();
            if (method == ExemplarMethod.Cav && negatives.Length == 0)
            {
                throw new ArgumentException(
                    $"Concept '{name}' has no negative exemplars for its CAV: give negatives, RandomNegatives, or more than one concept with NegativesFromOtherConcepts.", "exemplars");
            }
            problems[c] = (positives, negatives);
        }
        return problems;
    }

    /// <summary>One concept's detector on one kind of instance, with its training and cross-validated AUCs.</summary>
    private static (double[] Vector, ExemplarFit Fit) FitOne(string concept, (double[][][] Positives, double[][][] Negatives) problem, ExemplarInstances instances,
        ExemplarMethod method, ExemplarBankOptions options, RowSpace? pool)
    {
        var (positives, negatives) = problem;
        var fit = ExemplarDetector.Fit(positives, negatives, method, options, pool);
        var (auc, folds) = negatives.Length == 0 ? (null, 0) : ExemplarCrossValidation.Run(positives, negatives, method, options, pool);
        return (fit.Vector, new ExemplarFit(concept, positives.Length, negatives.Length, fit.Iterations, fit.Converged, fit.Objective,
            TrainingAuc(fit.Vector, positives, negatives), auc, folds, instances));
    }

    /// <summary>The method a concept's quality records, e.g. <c>cav</c>, <c>cav/best-segment</c>, <c>cav/auto:whole-image</c>.</summary>
    private static string Describe(ExemplarMethod method, ExemplarBankOptions options, ExemplarInstances chosen) =>
        (method == ExemplarMethod.Cav ? "cav" : "prototype")
        + (options.Instances == ExemplarInstances.Auto ? chosen == ExemplarInstances.BestSegment ? "/auto:best-segment" : "/auto:whole-image"
            : chosen == ExemplarInstances.BestSegment ? "/best-segment" : "")
        + (options.RandomNegatives is null ? "" : "/random-negatives");

    private static string Description(ExemplarMethod method, ExemplarBankOptions options)
    {
        var what = method == ExemplarMethod.Prototype
            ? $"prototype: mean of normalised positive embeddings{(options.SubtractNegativeMean ? " minus mean of normalised negatives (where given)" : "")}"
            : string.Create(CultureInfo.InvariantCulture, $"cav: class-balanced L2-regularised logistic regression on normalised embeddings, lambda = {options.CavRegularization:R}");
        if (options.Instances == ExemplarInstances.BestSegment)
        {
            what += $"; segment exemplars, each positive's best segment chosen over up to {options.MultipleInstanceRounds} refits";
        }
        else if (options.Instances == ExemplarInstances.Auto)
        {
            what += $"; per concept whole-image or segment exemplars (best segment over up to {options.MultipleInstanceRounds} refits), whichever has the higher cross-validated AUC";
        }
        if (options.RandomNegatives is { } random)
        {
            what += $"; random negatives: {random.Description}";
        }
        return what;
    }

    private static void CheckEntries(KeyValuePair<string, ExemplarSet>[] entries)
    {
        if (entries.Length == 0)
        {
            throw new ArgumentException("At least one concept with exemplars is required.", "exemplars");
        }
        // Names are checked again by ConceptBank.Create; checking here fails before any image is encoded.
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, set) in entries)
        {
            ArgumentNullException.ThrowIfNull(set, $"exemplars['{name}']");
            var key = new Concept(name).Key;
            if (key.Length == 0)
            {
                throw new ArgumentException($"The concept name '{name}' is empty.", "exemplars");
            }
            if (!keys.TryAdd(key, name))
            {
                throw new ArgumentException($"The concept names '{keys[key]}' and '{name}' are the same concept (key '{key}').", "exemplars");
            }
        }
    }

    /// <summary>The set's own negatives; for a CAV without them, the other concepts' positives (each distinct source once, never its own).</summary>
    private static double[][][] Negatives(KeyValuePair<string, ExemplarSet>[] entries, int c, ExemplarMethod method, ExemplarBankOptions options, Dictionary<ImageSource, double[][][]> encoded)
    {
        var set = entries[c].Value;
        if (set.Negatives is { } negatives)
        {
            return encoded[negatives];
        }
        if (method != ExemplarMethod.Cav || !options.NegativesFromOtherConcepts)
        {
            return [];
        }
        return entries.Select(e => e.Value.Positives).Where(s => !ReferenceEquals(s, set.Positives))
            .Distinct(ReferenceEqualityComparer.Instance).Cast<ImageSource>().SelectMany(s => encoded[s]).ToArray();
    }

    /// <summary>The row space of every encoded row, when there are fewer rows than dimensions (else each CAV reduces its own rows, or not at all).</summary>
    private static RowSpace? Pool(List<ImageSource> sources, Dictionary<ImageSource, double[][][]> encoded, int dimension)
    {
        var rows = sources.SelectMany(s => encoded[s]).SelectMany(b => b).ToArray();
        return rows.Length is > 0 && rows.Length < dimension ? RowSpace.Of(rows) : null;
    }

    /// <summary>The AUC of the final vector on the images it was fitted on; null without negatives.</summary>
    private static double? TrainingAuc(double[] vector, double[][][] positives, double[][][] negatives) =>
        RankAuc.Of(positives.Select(b => ExemplarDetector.Score(b, vector)).ToArray(), negatives.Select(b => ExemplarDetector.Score(b, vector)).ToArray());
}
