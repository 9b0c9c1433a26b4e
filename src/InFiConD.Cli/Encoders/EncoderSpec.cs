using System.Globalization;
using InFiConD.Embedding;

namespace InFiConD.Cli;

/// <summary>
/// The image encoder and segmentation named by <c>--encoder</c> and <c>--segmentation</c>: <c>resnet18</c> (the packaged
/// ImageNet ResNet-18, the default) or <c>clip:DIR</c> (a CLIP ONNX export, see docs/embedding.md); <c>whole</c> or
/// <c>grid:N</c> (N × N crops, plus the whole image unless <c>--no-whole</c>). Every node of a fleet must pass the
/// same values: the cache header records them and <c>merge</c> refuses caches that differ.
/// </summary>
/// <param name="Encoder">The <c>--encoder</c> text.</param>
/// <param name="Segmentation">The <c>--segmentation</c> text.</param>
/// <param name="IncludeWhole">Whether a grid also encodes the whole image.</param>
internal sealed record EncoderSpec(string Encoder, string Segmentation, bool IncludeWhole)
{
    /// <summary>Checks the texts without loading anything.</summary>
    /// <exception cref="CliException">An unknown encoder or segmentation (exit 2).</exception>
    public EncoderSpec Validate()
    {
        _ = ParseSegmentation();
        if (Encoder != "resnet18" && !Encoder.StartsWith("clip:", StringComparison.Ordinal))
        {
            throw CliException.Usage($"--encoder needs resnet18 or clip:DIR; got '{Encoder}'.");
        }
        return this;
    }

    /// <summary>Loads the encoder: the image model and the dense encoder over it.</summary>
    /// <returns>The dense encoder and the model to dispose with it.</returns>
    /// <exception cref="CliException">A CLIP folder that does not exist (exit 3).</exception>
    public (IDenseImageEncoder Dense, IDisposable Owner) Load()
    {
        var segmentation = ParseSegmentation();
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
        return (CroppedSegmentEncoder.Create(model, segmentation, CroppedSegmentOptions.Default with { IncludeWhole = whole }), owner);
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
