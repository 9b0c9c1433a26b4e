using System.Globalization;
using InFiConD.Embedding;

namespace InFiConD.Cli;

/// <summary>
/// The image encoder and segmentation named by <c>--encoder</c> and <c>--segmentation</c>: <c>resnet18</c> (the packaged
/// ImageNet ResNet-18, one pass per crop, the default), <c>resnet18-map</c> (one pass per image, segments pooled from its
/// last convolutional map, on <c>--provider</c>) or <c>clip:DIR</c> (a CLIP ONNX export, see docs/embedding.md);
/// <c>whole</c> or <c>grid:N</c> (N × N segments, plus the whole image unless <c>--no-whole</c>). Every node of a fleet
/// must pass the same values: the cache header records them and <c>merge</c> refuses caches that differ.
/// </summary>
/// <param name="Encoder">The <c>--encoder</c> text.</param>
/// <param name="Segmentation">The <c>--segmentation</c> text.</param>
/// <param name="IncludeWhole">Whether a grid also encodes the whole image.</param>
/// <param name="Provider">The <c>--provider</c> text.</param>
/// <param name="RequireProvider">Whether an unusable provider fails the run instead of falling back to the CPU.</param>
internal sealed record EncoderSpec(string Encoder, string Segmentation, bool IncludeWhole, string Provider = "cpu", bool RequireProvider = false)
{
    private const string Map = "resnet18-map";

    /// <summary>Checks the texts without loading anything.</summary>
    /// <exception cref="CliException">An unknown encoder or segmentation (exit 2).</exception>
    public EncoderSpec Validate()
    {
        _ = ParseSegmentation();
        if (Encoder is not ("resnet18" or Map) && !Encoder.StartsWith("clip:", StringComparison.Ordinal))
        {
            throw CliException.Usage($"--encoder needs resnet18, {Map} or clip:DIR; got '{Encoder}'.");
        }
        if (ParseProvider().Kind != ExecutionProviderKind.Cpu && Encoder != Map)
        {
            throw CliException.Usage($"--provider {Provider} needs --encoder {Map}; the {Encoder} encoder runs on the CPU.");
        }
        return this;
    }

    /// <summary>Loads the encoder: the image model and the dense encoder over it.</summary>
    /// <returns>The dense encoder, the model to dispose with it, and why it runs on the CPU when another provider was asked for.</returns>
    /// <exception cref="CliException">A CLIP folder that does not exist (exit 3).</exception>
    /// <exception cref="ExecutionProviderUnavailableException">The provider cannot be used and <c>--require-provider</c> was given (exit 6).</exception>
    public (IDenseImageEncoder Dense, IDisposable Owner, string? ProviderMessage) Load()
    {
        var segmentation = ParseSegmentation();
        if (Encoder == Map)
        {
            var map = ResNet18FeatureMap.Load(null, ResNet18FeatureMapOptions.Default with
            {
                ExecutionProvider = ParseProvider(),
                ProviderFallback = RequireProvider ? ProviderFallback.Throw : ProviderFallback.Cpu,
            });
            var pooled = RegionPooledSegmentEncoder.Create(map, segmentation, segmentation is not WholeImageSegmentation && IncludeWhole);
            return (pooled, map, map.ExecutionProvider.Message);
        }
        IImageEncoder model;
        IDisposable owner;
        if (Encoder == "resnet18")
        {
            var backbone = ResNet18Backbone.Load();
            (model, owner) = (backbone, backbone);
        }
        else
        {
            var directory = Encoder["clip:".Length..];
            if (!Directory.Exists(directory) && !File.Exists(directory))
            {
                throw CliException.Input("EncoderNotFound", $"--encoder {Encoder}: '{directory}' does not exist.");
            }
            var clip = OnnxClipEncoder.Load(directory);
            (model, owner) = (clip, clip);
        }
        var whole = segmentation is not WholeImageSegmentation && IncludeWhole;
        return (CroppedSegmentEncoder.Create(model, segmentation, CroppedSegmentOptions.Default with { IncludeWhole = whole }), owner, null);
    }

    private ExecutionProvider ParseProvider()
    {
        try
        {
            return ExecutionProvider.Parse(Provider);
        }
        catch (FormatException e)
        {
            throw CliException.Usage($"--provider: {e.Message}");
        }
    }

    private Embedding.Segmentation ParseSegmentation()
    {
        if (Segmentation == "whole")
        {
            return Embedding.Segmentation.Whole;
        }
        if (Segmentation.StartsWith("grid:", StringComparison.Ordinal)
            && int.TryParse(Segmentation["grid:".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var size) && size is >= 1 and <= 16)
        {
            return Embedding.Segmentation.Grid(size);
        }
        throw CliException.Usage($"--segmentation needs whole or grid:N (1 ≤ N ≤ 16); got '{Segmentation}'.");
    }
}
