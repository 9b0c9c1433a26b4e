using System.Security.Cryptography;
using InFiConD.Core;
using Microsoft.ML.OnnxRuntime;

namespace InFiConD.Embedding;

/// <summary>
/// CLIP from ONNX: images and texts into one joint space. Loads Hugging Face style exports — a vision model
/// (<c>pixel_values</c> → <c>image_embeds</c> [N, D]) and a text model (<c>input_ids</c>, <c>attention_mask</c>
/// → <c>text_embeds</c> [M, D]), or one combined model holding both — with CLIP's tokenizer
/// (<c>vocab.json</c>, <c>merges.txt</c>). Batch sizes are dynamic and inputs go in batches. When the vision
/// model also outputs patch embeddings in the joint space (<c>patch_embeds</c> [N, P, D]) the encoder is
/// dense: <see cref="EncodeSegmentsAsync"/> gives the P patches of each image as its segments.
/// </summary>
/// <remarks>
/// A combined model's graph takes both towers' inputs, and ONNX Runtime wants every graph input fed even
/// when the outputs read do not depend on it: images are run with a dummy one-text batch (the tokens of the
/// empty text) and texts with one black image; the dummy's outputs are not read. Owns its ONNX Runtime
/// sessions: dispose it. Safe for concurrent use.
/// </remarks>
public sealed class OnnxClipEncoder : IDenseImageEncoder, ITextEncoder, IDisposable
{
    private readonly ClipVisionModel _vision;
    private readonly ClipTextModel _text;

    private OnnxClipEncoder(ClipVisionModel vision, ClipTextModel text, ClipTokenizer tokenizer, OnnxClipOptions options, int dimension, string modelId)
    {
        _vision = vision;
        _text = text;
        Tokenizer = tokenizer;
        Options = options;
        Dimension = dimension;
        ModelId = modelId;
    }

    /// <summary>The vision (or combined) model file.</summary>
    public string VisionModelPath => _vision.Model.ModelPath;

    /// <summary>The text model file (the vision file for a combined model).</summary>
    public string TextModelPath => _text.Path;

    /// <summary>The tokenizer texts go through.</summary>
    public ClipTokenizer Tokenizer { get; }

    /// <summary>The settings it was loaded with.</summary>
    public OnnxClipOptions Options { get; }

    /// <summary>Whether the vision model gives patch embeddings, so <see cref="EncodeSegmentsAsync"/> works.</summary>
    public bool IsDense => _vision.Signature.PatchName is not null;

    /// <summary>
    /// <c>clip:</c> the SHA-256 of the vision and text files, the outputs read, the segment layout and
    /// normalisation, then the tokenizer's key (vocabulary hash and layout) and the preprocessing key.
    /// </summary>
    public string ModelId { get; }

    /// <summary>The joint-space width D.</summary>
    public int Dimension { get; }

    /// <summary>
    /// Loads a CLIP export. From a folder it takes <c>vision_model.onnx</c> and <c>text_model.onnx</c>
    /// (in the folder or its <c>onnx/</c> folder), else the combined <c>model.onnx</c>; from a file it takes that
    /// file as the vision model, with <c>text_model.onnx</c> beside it or, failing that, the same file as a
    /// combined model. <see cref="OnnxClipOptions"/> names other files and tensors. The tokenizer files are
    /// read from the folder (or the folder above <c>onnx/</c>) unless <see cref="OnnxClipOptions.TokenizerDirectory"/> says otherwise.
    /// </summary>
    /// <param name="directoryOrVisionPath">The export's folder, or its vision (or combined) model file.</param>
    /// <param name="options">Files, tensor names, batching, preprocessing; <see langword="null"/> for the defaults.</param>
    /// <returns>The encoder.</returns>
    /// <exception cref="ArgumentException">The path is empty, or an option breaks a rule.</exception>
    /// <exception cref="FileNotFoundException">A model or tokenizer file is missing; the message says where it looked.</exception>
    /// <exception cref="InvalidFileException">A model cannot be loaded, or its inputs or outputs do not match (the message lists
    /// the expected and actual names, element types and shapes), or a tokenizer file is malformed.</exception>
    public static OnnxClipEncoder Load(string directoryOrVisionPath, OnnxClipOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(directoryOrVisionPath);
        options = (options ?? OnnxClipOptions.Default).Validate();
        var files = ClipModelFiles.Resolve(directoryOrVisionPath, options);
        var tokenizer = ClipTokenizer.Load(files.TokenizerDirectory, null, options.Tokenizer);

        ClipVisionModel? vision = null;
        InferenceSession? textSession = null;
        var visionSession = OpenSession(files.VisionPath, options);
        try
        {
            var visionSignature = ClipGraphCheck.Vision(visionSession, files.VisionPath, options, tokenizer.ContextLength);
            var imageModel = OnnxImageModel.FromSession(visionSession, files.VisionPath, options.Preprocessing, new OnnxImageModelOptions
            {
                InputName = options.PixelValuesName,
                OutputName = options.ImageEmbedsName,
                BatchSize = options.BatchSize,
                Decode = options.Decode,
                DecodeParallelism = options.DecodeParallelism,
                IntraOpThreads = options.IntraOpThreads,
                FailFast = options.FailFast,
                LogLevel = options.LogLevel,
            });
            vision = new ClipVisionModel(imageModel, visionSignature, options, tokenizer.Encode(""));
            textSession = files.Combined ? visionSession : OpenSession(files.TextPath, options);
            var textSignature = ClipGraphCheck.Text(textSession, files.TextPath, options, tokenizer.ContextLength);
            var text = new ClipTextModel(textSession, !files.Combined, files.TextPath, textSignature, options);
            if (visionSignature.Dimension > 0 && textSignature.Dimension > 0 && visionSignature.Dimension != textSignature.Dimension)
            {
                throw new InvalidFileException(files.TextPath, options.TextEmbedsName, null,
                    $"The text embeddings are {textSignature.Dimension} wide but the image embeddings ({files.VisionPath}) are {visionSignature.Dimension}: not one joint space.");
            }
            // A graph that leaves D dynamic tells it by running: one empty text is cheap.
            var dimension = visionSignature.Dimension > 0 ? visionSignature.Dimension
                : textSignature.Dimension > 0 ? textSignature.Dimension
                : text.Run(tokenizer.EncodeBatch([""]), -1).Columns;
            var textHash = files.Combined ? imageModel.FileHash : HashFile(files.TextPath);
            var modelId = $"clip:{imageModel.FileHash}:{textHash}:{options.ImageEmbedsName}|{options.TextEmbedsName}|{visionSignature.PatchName ?? "-"}"
                + $":global={(options.IncludeGlobal ? 1 : 0)}:norm={(options.NormalizeEmbeddings ? 1 : 0)}:{tokenizer.Key}:{options.Preprocessing.Key}";
            return new OnnxClipEncoder(vision, text, tokenizer, options, dimension, modelId);
        }
        catch
        {
            if (textSession is not null && !ReferenceEquals(textSession, visionSession))
            {
                textSession.Dispose();
            }
            if (vision is not null)
            {
                vision.Dispose();
            }
            else
            {
                visionSession.Dispose();
            }
            throw;
        }
    }

    /// <summary>Encodes every image of a source into its global embedding (<c>image_embeds</c>), normalised unless turned off.</summary>
    /// <param name="images">The images.</param>
    /// <param name="progress">Receives progress after each batch.</param>
    /// <param name="cancellationToken">Cancels between batches.</param>
    /// <returns>N × D embeddings of the decoded images, their ids and the failures.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="images"/> is <see langword="null"/>.</exception>
    /// <exception cref="ImageDecodeException">An image failed and <see cref="OnnxClipOptions.FailFast"/> is set.</exception>
    /// <exception cref="ShapeMismatchException">The preprocessed images do not fit the model's fixed input size, or the model returned another shape than [N, D].</exception>
    /// <exception cref="InvalidEmbeddingException">The model gave an image an embedding holding NaN or ±∞, or all zeros (checked before
    /// normalisation; the model file, the image id and the first bad index named).</exception>
    /// <exception cref="ModelRunException">ONNX Runtime failed on a batch (the model file, the inputs and their shapes named).</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    public async Task<ImageEmbeddings> EncodeAsync(ImageSource images, IProgress<ImageModelProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(images);
        var run = await _vision.RunAsync(images, false, Dimension, progress, cancellationToken).ConfigureAwait(false);
        var embeddings = new FloatMatrix(run.Rows.Count, Dimension);
        for (var i = 0; i < run.Rows.Count; i++)
        {
            EmbeddingCheck.Require(run.Rows[i].Global, VisionModelPath, "image", run.ImageIds[i]);
            run.Rows[i].Global.CopyTo(embeddings.Row(i));
        }
        Normalize(embeddings);
        return new ImageEmbeddings(embeddings, run.ImageIds, run.Failures);
    }

    /// <summary>
    /// Encodes every image into its patch embeddings (dense mode): image n's segments are its P patches row by
    /// row from the top-left, preceded by its global embedding when <see cref="OnnxClipOptions.IncludeGlobal"/>
    /// is set. Boxes are the √P × √P grid over the centre crop the model saw, mapped back to source pixels
    /// (approximately: rounded to whole pixels; the global segment's box is the crop).
    /// </summary>
    /// <param name="images">The images.</param>
    /// <param name="progress">Receives progress after each batch.</param>
    /// <param name="cancellationToken">Cancels between batches.</param>
    /// <returns>Σ P_n × D segment embeddings, normalised unless turned off, with offsets, boxes, ids and failures.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="images"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException">The vision model has no patch output (<see cref="IsDense"/> is false).</exception>
    /// <exception cref="ImageDecodeException">An image failed and <see cref="OnnxClipOptions.FailFast"/> is set.</exception>
    /// <exception cref="ShapeMismatchException">The preprocessed images do not fit the model, or it returned other shapes than [N, D] and [N, P, D].</exception>
    /// <exception cref="InvalidFileException">The model gave a patch count that is not a square number.</exception>
    /// <exception cref="InvalidEmbeddingException">A segment's embedding holds NaN or ±∞, or is all zeros (the model file, the image id
    /// and the segment named).</exception>
    /// <exception cref="ModelRunException">ONNX Runtime failed on a batch (the model file, the inputs and their shapes named).</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    public async Task<SegmentEmbeddings> EncodeSegmentsAsync(ImageSource images, IProgress<ImageModelProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (!IsDense)
        {
            throw new InvalidOperationException(
                $"{VisionModelPath} has no output '{Options.PatchEmbedsName ?? "(dense mode turned off)"}' of patch embeddings [N, P, D]: this CLIP encoder gives one embedding per image. " +
                "Export the patch tokens projected into the joint space, or wrap the encoder in a CroppedSegmentEncoder.");
        }
        var run = await _vision.RunAsync(images, true, Dimension, progress, cancellationToken).ConfigureAwait(false);
        var offsets = new List<int>(run.Rows.Count + 1) { 0 };
        var boxes = new List<IReadOnlyList<SegmentBox>>(run.Rows.Count);
        foreach (var (row, (width, height)) in run.Rows.Zip(run.SourceSizes))
        {
            var grid = PatchGrid.Boxes(Options.Preprocessing, width, height, row.PatchCount);
            boxes.Add(Options.IncludeGlobal ? [PatchGrid.Crop(Options.Preprocessing, width, height), .. grid] : grid);
            offsets.Add(offsets[^1] + boxes[^1].Count);
        }
        var segments = new FloatMatrix(offsets[^1], Dimension);
        for (var i = 0; i < run.Rows.Count; i++)
        {
            var destination = segments.RowBlock(offsets[i], offsets[i + 1] - offsets[i]);
            if (Options.IncludeGlobal)
            {
                EmbeddingCheck.Require(run.Rows[i].Global, VisionModelPath, "image", run.ImageIds[i], 0);
                run.Rows[i].Global.CopyTo(destination);
                destination = destination[Dimension..];
            }
            EmbeddingCheck.RequireSegments(run.Rows[i].Patches!, Dimension, VisionModelPath, run.ImageIds[i], Options.IncludeGlobal ? 1 : 0);
            run.Rows[i].Patches!.CopyTo(destination);
        }
        Normalize(segments);
        return new SegmentEmbeddings(segments, offsets, run.ImageIds, boxes, run.Failures);
    }

    /// <summary>Encodes texts (tokenised by <see cref="Tokenizer"/>) into <c>text_embeds</c>, normalised unless turned off, in batches of <see cref="OnnxClipOptions.BatchSize"/>.</summary>
    /// <param name="texts">The texts.</param>
    /// <param name="cancellationToken">Cancels between batches.</param>
    /// <returns>M × D embeddings, one row per text, in order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="texts"/> or one of its texts is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A text is too long and <see cref="ClipTokenizerOptions.Truncate"/> is off.</exception>
    /// <exception cref="ShapeMismatchException">The model returned another shape than [M, D].</exception>
    /// <exception cref="InvalidEmbeddingException">The model gave a text an embedding holding NaN or ±∞, or all zeros (the model file and
    /// the text named).</exception>
    /// <exception cref="ModelRunException">ONNX Runtime failed on a batch (the model file, the token inputs and their shapes named).</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    public FloatMatrix EncodeText(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var embeddings = new FloatMatrix(texts.Count, Dimension);
        for (var start = 0; start < texts.Count; start += Options.BatchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var count = Math.Min(Options.BatchSize, texts.Count - start);
            var batch = Tokenizer.EncodeBatch(Enumerable.Range(start, count).Select(i => texts[i]).ToArray());
            var rows = _text.Run(batch, Dimension);
            for (var r = 0; r < count; r++)
            {
                EmbeddingCheck.Require(rows.Row(r), TextModelPath, "text", texts[start + r]);
            }
            rows.AsSpan().CopyTo(embeddings.RowBlock(start, count));
        }
        Normalize(embeddings);
        return embeddings;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _text.Dispose(); // disposes nothing for a combined model: the vision side owns the session
        _vision.Dispose();
    }

    /// <inheritdoc />
    public override string ToString() => $"OnnxClipEncoder ({VisionModelPath}{(TextModelPath == VisionModelPath ? ", combined" : $" + {TextModelPath}")}, D = {Dimension}{(IsDense ? ", dense" : "")})";

    private void Normalize(FloatMatrix embeddings)
    {
        if (Options.NormalizeEmbeddings)
        {
            Kernels.NormalizeRows(embeddings);
        }
    }

    private static InferenceSession OpenSession(string path, OnnxClipOptions options)
    {
        using var sessionOptions = OnnxRun.SessionOptions(options.IntraOpThreads, options.LogLevel);
        return OnnxRun.Open(path, sessionOptions);
    }

    private static string HashFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
