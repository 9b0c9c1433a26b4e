namespace InFiConD.Embedding;

/// <summary>
/// The files of a CLIP export, found from a folder or a vision model path. Hugging Face layouts:
/// transformers.js-style exports keep <c>vision_model.onnx</c> and <c>text_model.onnx</c> (often under
/// <c>onnx/</c>) with the tokenizer files at the top; <c>optimum-cli export onnx</c> writes one combined
/// <c>model.onnx</c> beside <c>vocab.json</c> and <c>merges.txt</c>.
/// </summary>
internal sealed record ClipModelFiles(string VisionPath, string TextPath, string TokenizerDirectory)
{
    public const string VisionFileName = "vision_model.onnx";
    public const string TextFileName = "text_model.onnx";
    public const string CombinedFileName = "model.onnx";
    private const string OnnxFolder = "onnx";

    /// <summary>Whether one graph holds both towers.</summary>
    public bool Combined => string.Equals(VisionPath, TextPath, StringComparison.Ordinal);

    public static ClipModelFiles Resolve(string directoryOrVisionPath, OnnxClipOptions options)
    {
        string root;
        string vision;
        if (Directory.Exists(directoryOrVisionPath))
        {
            root = Path.GetFullPath(directoryOrVisionPath);
            vision = options.VisionModelPath is { } given
                ? Existing(Path.Combine(root, given), "vision model (OnnxClipOptions.VisionModelPath)")
                : FirstExisting(root, [VisionFileName, Path.Combine(OnnxFolder, VisionFileName), CombinedFileName, Path.Combine(OnnxFolder, CombinedFileName)], "vision or combined model");
        }
        else
        {
            if (options.VisionModelPath is not null)
            {
                throw new ArgumentException($"'{directoryOrVisionPath}' names the vision model already; set OnnxClipOptions.VisionModelPath only when loading from a folder.", nameof(options));
            }
            vision = Path.GetFullPath(Existing(directoryOrVisionPath, "vision model"));
            root = Path.GetDirectoryName(vision)!;
        }

        var beside = Path.GetDirectoryName(vision)!;
        var text = options.TextModelPath is { } textGiven
            ? Path.GetFullPath(Existing(Path.Combine(root, textGiven), "text model (OnnxClipOptions.TextModelPath)"))
            : new[] { Path.Combine(beside, TextFileName), Path.Combine(root, TextFileName), Path.Combine(root, OnnxFolder, TextFileName) }
                .FirstOrDefault(File.Exists) is { } found ? Path.GetFullPath(found) : vision; // no text file: a combined model

        var tokenizer = options.TokenizerDirectory is { } tokenizerGiven
            ? Path.GetFullPath(Path.Combine(root, tokenizerGiven))
            : TokenizerFolder(root);
        return new ClipModelFiles(vision, text, tokenizer);
    }

    /// <summary>The model folder, or the folder above it when the models sit in an <c>onnx/</c> folder without the tokenizer.</summary>
    private static string TokenizerFolder(string root)
    {
        if (File.Exists(Path.Combine(root, ClipTokenizer.VocabularyFileName)))
        {
            return root;
        }
        var parent = Path.GetDirectoryName(root);
        return string.Equals(Path.GetFileName(root), OnnxFolder, StringComparison.OrdinalIgnoreCase) && parent is not null
            && File.Exists(Path.Combine(parent, ClipTokenizer.VocabularyFileName)) ? parent : root;
    }

    private static string Existing(string path, string what) =>
        File.Exists(path) ? path : throw new FileNotFoundException($"The CLIP {what} '{path}' does not exist.", path);

    private static string FirstExisting(string root, string[] candidates, string what)
    {
        foreach (var candidate in candidates)
        {
            var path = Path.Combine(root, candidate);
            if (File.Exists(path))
            {
                return path;
            }
        }
        throw new FileNotFoundException(
            $"No CLIP {what} in '{root}': looked for {string.Join(", ", candidates)}. Name the files with OnnxClipOptions.VisionModelPath and TextModelPath.",
            Path.Combine(root, candidates[0]));
    }
}
