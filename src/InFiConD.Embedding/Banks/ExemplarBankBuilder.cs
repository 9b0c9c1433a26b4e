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
        var sources = entries.SelectMany(e => new[] { e.Value.Positives, e.Value.Negatives }).OfType<ImageSource>()
            .Distinct(ReferenceEqualityComparer.Instance).Cast<ImageSource>().ToList();
        var (encoded, failures) = await EncodeAllAsync(sources, encoder, progress, cancellationToken).ConfigureAwait(false);

        var problems = new (double[][] Positives, double[][] Negatives)[entries.Length];
        for (var c = 0; c < entries.Length; c++)
        {
            var (name, set) = (entries[c].Key, entries[c].Value);
            var positives = encoded[set.Positives];
            if (positives.Length == 0)
            {
                throw new ArgumentException($"Concept '{name}' has no positive exemplar that decoded ({set.Positives.Count} given, see the failures).", nameof(exemplars));
            }
            var negatives = Negatives(entries, c, method, options, encoded);
            if (method == ExemplarMethod.Cav && negatives.Length == 0)
            {
                throw new ArgumentException(
                    $"Concept '{name}' has no negative exemplars for its CAV: give negatives, or more than one concept with NegativesFromOtherConcepts.", nameof(exemplars));
            }
            problems[c] = (positives, negatives);
        }

        // Concepts are fitted in parallel, each by one fixed sequence of operations, so the bank does not
        // depend on the thread count. CAVs share one row space when all their rows fit in one smaller than D.
        var pool = method == ExemplarMethod.Cav ? Pool(sources, encoded, encoder.Dimension) : null;
        var vectors = new FloatMatrix(entries.Length, encoder.Dimension);
        var fits = new ExemplarFit[entries.Length];
        Parallel.For(0, entries.Length, new ParallelOptions { CancellationToken = cancellationToken }, c =>
        {
            var (positives, negatives) = problems[c];
            var (vector, fit) = method == ExemplarMethod.Prototype
                ? Prototype(entries[c].Key, positives, negatives, options)
                : Cav(entries[c].Key, positives, negatives, options, pool);
            Vectors.CopyTo(vector, vectors.Row(c));
            fits[c] = fit;
        });
        var description = method == ExemplarMethod.Prototype
            ? $"prototype: mean of normalised positive embeddings{(options.SubtractNegativeMean ? " minus mean of normalised negatives (where given)" : "")}"
            : string.Create(CultureInfo.InvariantCulture, $"cav: class-balanced L2-regularised logistic regression on normalised embeddings, lambda = {options.CavRegularization:R}");
        var origin = new ConceptBankOrigin(ConceptBankKind.Exemplar, encoder.ModelId, null, description);
        var bank = ConceptBank.Create(entries.Select(e => e.Key).ToArray(), vectors, origin);
        return new ExemplarBankResult(bank, fits, failures);
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

    /// <summary>Encodes each source once and keeps its embeddings as unit float64 rows.</summary>
    private static async Task<(Dictionary<ImageSource, double[][]> Encoded, List<DecodeFailure> Failures)> EncodeAllAsync(
        List<ImageSource> sources, IImageEncoder encoder, IProgress<ImageModelProgress>? progress, CancellationToken cancellationToken)
    {
        var encoded = new Dictionary<ImageSource, double[][]>(ReferenceEqualityComparer.Instance);
        var failures = new List<DecodeFailure>();
        var total = sources.Sum(s => s.Count);
        var done = 0;
        foreach (var source in sources)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var offset = progress is null ? null : new OffsetProgress(progress, done, failures.Count, total);
            var result = await encoder.EncodeAsync(source, offset, cancellationToken).ConfigureAwait(false);
            if (result.Embeddings.Columns != encoder.Dimension)
            {
                throw new ShapeMismatchException($"embeddings from {encoder.ModelId}", $"{encoder.Dimension} columns (the encoder's Dimension)", $"{result.Embeddings.Rows} × {result.Embeddings.Columns}");
            }
            encoded[source] = Enumerable.Range(0, result.Embeddings.Rows)
                .Select(r => Vectors.Normalized(result.Embeddings.Row(r), $"embedding of exemplar image '{result.ImageIds[r]}'", r)).ToArray();
            failures.AddRange(result.Failures);
            done += source.Count;
            progress?.Report(new ImageModelProgress(done, total, failures.Count));
        }
        return (encoded, failures);
    }

    /// <summary>The set's own negatives; for a CAV without them, the other concepts' positives (each distinct source once, never its own).</summary>
    private static double[][] Negatives(KeyValuePair<string, ExemplarSet>[] entries, int c, ExemplarMethod method, ExemplarBankOptions options, Dictionary<ImageSource, double[][]> encoded)
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

    private static (double[] Vector, ExemplarFit Fit) Prototype(string name, double[][] positives, double[][] negatives, ExemplarBankOptions options)
    {
        var vector = Mean(positives);
        if (negatives.Length > 0 && options.SubtractNegativeMean)
        {
            var negativeMean = Mean(negatives);
            for (var j = 0; j < vector.Length; j++)
            {
                vector[j] -= negativeMean[j];
            }
        }
        Vectors.NormalizeInPlace(vector);
        return (vector, new ExemplarFit(name, positives.Length, negatives.Length, 0, true, null, Auc(vector, positives, negatives)));
    }

    /// <summary>The row space of every encoded row, when there are fewer rows than dimensions (else each CAV reduces its own rows, or not at all).</summary>
    private static RowSpace? Pool(List<ImageSource> sources, Dictionary<ImageSource, double[][]> encoded, int dimension)
    {
        var rows = sources.SelectMany(s => encoded[s]).ToArray();
        return rows.Length is > 0 && rows.Length < dimension ? RowSpace.Of(rows) : null;
    }

    private static (double[] Vector, ExemplarFit Fit) Cav(string name, double[][] positives, double[][] negatives, ExemplarBankOptions options, RowSpace? pool)
    {
        var fit = LogisticDirection.Solve(positives, negatives, options.CavRegularization, options.CavMaxIterations, options.CavTolerance, pool);
        var vector = fit.Weights;
        Vectors.NormalizeInPlace(vector);
        return (vector, new ExemplarFit(name, positives.Length, negatives.Length, fit.Iterations, fit.Converged, fit.Objective, Auc(vector, positives, negatives)));
    }

    private static double[] Mean(double[][] rows)
    {
        var mean = new double[rows[0].Length];
        foreach (var row in rows)
        {
            for (var j = 0; j < mean.Length; j++)
            {
                mean[j] += row[j];
            }
        }
        for (var j = 0; j < mean.Length; j++)
        {
            mean[j] /= rows.Length;
        }
        return mean;
    }

    /// <summary>Area under the ROC curve of the cosine to <paramref name="vector"/> (Mann–Whitney, ties counted half); null without negatives.</summary>
    private static double? Auc(double[] vector, double[][] positives, double[][] negatives)
    {
        if (negatives.Length == 0)
        {
            return null;
        }
        var scored = positives.Select(p => (Score: Vectors.Dot(p, vector), Positive: true))
            .Concat(negatives.Select(n => (Score: Vectors.Dot(n, vector), Positive: false)))
            .OrderBy(s => s.Score).ToArray();
        var positiveRanks = 0.0;
        for (var i = 0; i < scored.Length;)
        {
            var j = i;
            while (j < scored.Length && scored[j].Score == scored[i].Score)
            {
                j++;
            }
            var rank = (i + 1 + j) / 2.0; // average 1-based rank of the tie group
            positiveRanks += rank * scored[i..j].Count(s => s.Positive);
            i = j;
        }
        var p = (double)positives.Length;
        return (positiveRanks - (p * (p + 1) / 2)) / (p * negatives.Length);
    }

    /// <summary>Shifts one source's progress into the count over all sources.</summary>
    private sealed class OffsetProgress(IProgress<ImageModelProgress> inner, int doneBefore, int failedBefore, int total) : IProgress<ImageModelProgress>
    {
        public void Report(ImageModelProgress value) => inner.Report(new ImageModelProgress(doneBefore + value.Done, total, failedBefore + value.Failed));
    }
}
