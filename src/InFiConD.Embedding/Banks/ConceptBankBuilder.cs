using InFiConD.Concepts;
using InFiConD.Core;

namespace InFiConD.Embedding;

/// <summary>
/// Makes <see cref="ConceptBank"/>s with encoders: from text (template-averaged prompt embeddings, CLIP
/// style) or from exemplar images (prototypes or concept activation vectors). Lives here rather than on
/// <see cref="ConceptBank"/> because <c>InFiConD.Concepts</c> cannot see encoders.
/// </summary>
public static class ConceptBankBuilder
{
    /// <summary>
    /// Embeds every concept's prompts, L2-normalises each prompt embedding, averages them per concept and
    /// normalises the mean (computes <c>t_c = normalise(Σ_p normalise(E(prompt_p)) / P)</c> in float64).
    /// With <see cref="TextBankOptions.ClassNames"/>, the class names are embedded the same way and every
    /// concept whose cosine to some class name is at least <see cref="TextBankOptions.ClassSimilarityThreshold"/> is removed and reported.
    /// </summary>
    /// <param name="corpus">The concepts; a concept's own <see cref="Concept.Prompt"/> replaces the templates.</param>
    /// <param name="encoder">The text encoder (all prompts go to it in one call, so it can batch).</param>
    /// <param name="templates">The prompt templates; <see langword="null"/> for <see cref="PromptTemplates.Default"/>.</param>
    /// <param name="options">The class-name filter; <see langword="null"/> for none.</param>
    /// <returns>The bank (origin <see cref="ConceptBankKind.Text"/> with the encoder's id and the templates) and the removed concepts.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="corpus"/> or <paramref name="encoder"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="templates"/> is empty; an option is invalid; a concept's averaged vector is zero.</exception>
    /// <exception cref="ShapeMismatchException">The encoder returned another number of rows than prompts, or rows of another width than its <see cref="ITextEncoder.Dimension"/>.</exception>
    /// <exception cref="NonFiniteValueException">A prompt's embedding holds NaN or ±∞ (the message names the prompt).</exception>
    /// <exception cref="InFiConDException">A prompt's embedding is all zeros, so it has no direction (names the prompt).</exception>
    public static TextBankResult FromText(ConceptCorpus corpus, ITextEncoder encoder, IReadOnlyList<PromptTemplate>? templates = null, TextBankOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        ArgumentNullException.ThrowIfNull(encoder);
        templates ??= PromptTemplates.Default;
        options = (options ?? TextBankOptions.Default).Validate();
        var conceptPrompts = corpus.ExpandPrompts(templates).Select(p => p.Prompts).ToList();
        var classPrompts = options.ClassNames.Select(name => (IReadOnlyList<string>)templates.Select(t => t.Apply(name)).ToArray()).ToList();
        var groups = conceptPrompts.Concat(classPrompts).ToList();
        var prompts = groups.SelectMany(g => g).ToArray();
        var embeddings = prompts.Length == 0 ? new FloatMatrix(0, encoder.Dimension) : encoder.EncodeText(prompts);
        if (embeddings.Rows != prompts.Length || embeddings.Columns != encoder.Dimension)
        {
            throw new ShapeMismatchException($"text embeddings from {encoder.ModelId}", $"{prompts.Length} × {encoder.Dimension} (one row per prompt, the encoder's Dimension)", $"{embeddings.Rows} × {embeddings.Columns}");
        }
        var averaged = new double[groups.Count][];
        for (int g = 0, row = 0; g < groups.Count; row += groups[g].Count, g++)
        {
            averaged[g] = AveragePrompts(embeddings, row, groups[g]);
        }

        var keep = new List<int>();
        var removed = new List<ClassSimilarityRemoval>();
        for (var c = 0; c < corpus.Count; c++)
        {
            var closest = Enumerable.Range(0, classPrompts.Count)
                .Select(k => (Class: k, Cosine: Vectors.Dot(averaged[c], averaged[corpus.Count + k])))
                .OrderByDescending(p => p.Cosine).ThenBy(p => p.Class).FirstOrDefault((Class: -1, Cosine: double.NegativeInfinity));
            if (closest.Class >= 0 && closest.Cosine >= options.ClassSimilarityThreshold)
            {
                removed.Add(new ClassSimilarityRemoval(corpus[c], options.ClassNames[closest.Class], closest.Cosine));
            }
            else
            {
                keep.Add(c);
            }
        }

        var vectors = new FloatMatrix(keep.Count, encoder.Dimension);
        for (var r = 0; r < keep.Count; r++)
        {
            Vectors.CopyTo(averaged[keep[r]], vectors.Row(r));
        }
        var description = $"template-averaged text embeddings ({templates.Count} templates)"
            + (classPrompts.Count == 0 ? "" : $"; {removed.Count} concepts with cosine ≥ {options.ClassSimilarityThreshold:R} to one of {classPrompts.Count} class names removed");
        var origin = new ConceptBankOrigin(ConceptBankKind.Text, encoder.ModelId, templates.Select(t => t.Text), description);
        var bank = ConceptBank.Create(keep.Select(c => corpus[c].Name).ToArray(), vectors, origin);
        return new TextBankResult(bank, removed);
    }

    /// <summary>
    /// Encodes each concept's exemplar images and turns them into one vector per concept, in the order the
    /// dictionary enumerates. Embeddings are L2-normalised first (the bank is compared by cosine).
    /// <see cref="ExemplarMethod.Prototype"/>: <c>normalise(mean(pos) − mean(neg))</c> (the negative term only with negatives and
    /// <see cref="ExemplarBankOptions.SubtractNegativeMean"/>). <see cref="ExemplarMethod.Cav"/>: the normalised weight vector of an
    /// L2-regularised, class-balanced logistic regression of positives against negatives, fitted by Newton's method in float64
    /// (deterministic). Each distinct <see cref="ImageSource"/> instance is encoded once, however many sets share it.
    /// </summary>
    /// <param name="exemplars">Concept name → its positive (and optionally negative) images.</param>
    /// <param name="encoder">The image encoder whose space the bank lives in.</param>
    /// <param name="method">Prototype (default) or CAV.</param>
    /// <param name="options">Negatives and solver settings; <see langword="null"/> for the defaults.</param>
    /// <param name="progress">Receives progress over all distinct sources together.</param>
    /// <param name="cancellationToken">Cancels between sources and the encoder's batches.</param>
    /// <returns>The bank (origin <see cref="ConceptBankKind.Exemplar"/> with the encoder's id), a fit report per concept, and the images that failed.</returns>
    /// <exception cref="ArgumentNullException">An argument or a set is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The dictionary is empty; a concept has no positive image that decoded; a CAV has no
    /// negatives (none given, and none from other concepts); names repeat by key; an option is invalid; <paramref name="method"/> is undefined;
    /// <see cref="ExemplarBankOptions.Instances"/> needs segments and the encoder is not an <see cref="IDenseImageEncoder"/>.</exception>
    /// <exception cref="ShapeMismatchException">The encoder returned rows of another width than its <see cref="IImageEncoder.Dimension"/>.</exception>
    /// <exception cref="NonFiniteValueException">An image's embedding holds NaN or ±∞ (the message names the image).</exception>
    public static Task<ExemplarBankResult> FromExemplarsAsync(IReadOnlyDictionary<string, ExemplarSet> exemplars, IImageEncoder encoder, ExemplarMethod method = ExemplarMethod.Prototype,
        ExemplarBankOptions? options = null, IProgress<ImageModelProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(exemplars);
        ArgumentNullException.ThrowIfNull(encoder);
        if (!Enum.IsDefined(method))
        {
            throw new ArgumentException($"Undefined exemplar method {method}.", nameof(method));
        }
        options = (options ?? ExemplarBankOptions.Default).Validate();
        return ExemplarBankBuilder.BuildAsync(exemplars, encoder, method, options, progress, cancellationToken);
    }

    /// <summary>Mean of the normalised embeddings of one concept's prompts, normalised, in float64.</summary>
    private static double[] AveragePrompts(FloatMatrix embeddings, int first, IReadOnlyList<string> prompts)
    {
        var mean = new double[embeddings.Columns];
        for (var p = 0; p < prompts.Count; p++)
        {
            var row = embeddings.Row(first + p);
            var unit = Vectors.Normalized(row, $"text embedding of prompt '{prompts[p]}'", first + p);
            for (var j = 0; j < mean.Length; j++)
            {
                mean[j] += unit[j];
            }
        }
        // Dividing by the count would not change the direction; normalising is enough.
        Vectors.NormalizeInPlace(mean);
        return mean;
    }
}
