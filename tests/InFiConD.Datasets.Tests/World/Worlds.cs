using System.Security.Cryptography;
using InFiConD.Embedding;

namespace InFiConD.Datasets.Tests;

/// <summary>Small worlds shared by the tests (creating a world is cheap; pixels are rendered on read).</summary>
internal static class Worlds
{
    public static ConceptWorld Small { get; } = ConceptWorld.Create(new ConceptWorldOptions { Seed = 11, ImagesPerClass = 8, ExemplarsPerConcept = 5 });

    public static ConceptWorld Tiny64 { get; } = ConceptWorld.Create(new ConceptWorldOptions { Seed = 3, ImagesPerClass = 6, ImageSize = 64, ExemplarsPerConcept = 3 });

    public static string Sha256(DecodedImage image) => Convert.ToHexStringLower(SHA256.HashData(image.Rgb));

    /// <summary>SHA-256 over the concatenated pixels of images 0 … count − 1.</summary>
    public static string Sha256(ConceptWorldSplit split, int count)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        for (var i = 0; i < count; i++)
        {
            hash.AppendData(split.RenderImage(i).Rgb);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
