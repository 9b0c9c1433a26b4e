using System.Security.Cryptography;
using System.Text;
using InFiConD.Embedding;

namespace InFiConD.Cli;

/// <summary>
/// A source of images named on the command line, with an id every node computes alike: the SHA-256 of its image ids in
/// order (first 16 hex digits). Shard manifests and teacher outputs carry it, so <c>merge</c> and <c>distill</c> can
/// tell which files belong to which source and refuse files from another.
/// </summary>
/// <param name="Text">The source as given (<c>conceptworld:test</c>, a folder, a manifest).</param>
/// <param name="Images">The images, in their deterministic order.</param>
internal sealed record ResolvedSource(string Text, ImageSource Images)
{
    private string? _id;

    /// <summary>The source's id: 16 hex digits of the SHA-256 of its ids, one per line, in order.</summary>
    public string Id => _id ??= ComputeId(Images);

    private static string ComputeId(ImageSource images)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var item in images)
        {
            sha.AppendData(Encoding.UTF8.GetBytes(item.Id));
            sha.AppendData("\n"u8);
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset())[..16];
    }
}
