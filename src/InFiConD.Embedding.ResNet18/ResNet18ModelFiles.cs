using System.Security.Cryptography;

namespace InFiConD.Embedding;

/// <summary>Finds the two ONNX files of the <c>Microsoft.ML.DnnImageFeaturizer.ResNet18</c> package and hashes them.</summary>
/// <param name="Directory">The <c>DnnImageModels</c> folder used.</param>
/// <param name="PreprocessPath">The preprocessing model.</param>
/// <param name="NetworkPath">The network.</param>
internal sealed record ResNet18ModelFiles(string Directory, string PreprocessPath, string NetworkPath)
{
    internal const string PackageId = "Microsoft.ML.DnnImageFeaturizer.ResNet18";
    internal const string PackageVersion = "0.23.1";
    internal const string FolderName = "DnnImageModels";

    internal static readonly string PreprocessRelative = Path.Combine("ResNetPrepOnnx", "ResNetPreprocess.onnx");
    internal static readonly string NetworkRelative = Path.Combine("ResNet18Onnx", "ResNet18.onnx");

    /// <summary>
    /// The first candidate folder holding both files. A given folder is tried as the <c>DnnImageModels</c>
    /// folder itself and as its parent; with none given, the app's folder (where the package's build props
    /// copy the files) and then the NuGet global packages folder (for notebooks and scripts, which get no
    /// copy) are tried.
    /// </summary>
    /// <exception cref="FileNotFoundException">No candidate holds both files; the message lists every folder tried and what it lacked, and names the package to reference.</exception>
    internal static ResNet18ModelFiles Locate(string? modelsDirectory)
    {
        var candidates = Candidates(modelsDirectory);
        var misses = new List<string>();
        foreach (var candidate in candidates)
        {
            var prep = Path.Combine(candidate, PreprocessRelative);
            var network = Path.Combine(candidate, NetworkRelative);
            var missing = new[] { prep, network }.Where(p => !File.Exists(p)).Select(p => Path.GetRelativePath(candidate, p)).ToList();
            if (missing.Count == 0)
            {
                return new ResNet18ModelFiles(candidate, prep, network);
            }
            misses.Add($"{candidate} (no {string.Join(" and no ", missing)})");
        }
        var first = Path.Combine(candidates[0], PreprocessRelative);
        throw new FileNotFoundException(
            $"The ResNet-18 model files were not found. Looked in: {string.Join("; ", misses)}. " +
            $"Reference the NuGet package {PackageId} {PackageVersion} from the application project " +
            $"(<PackageReference Include=\"{PackageId}\" Version=\"{PackageVersion}\" ExcludeAssets=\"compile;runtime;native\" />), " +
            $"whose build props copy a {FolderName} folder next to the application, or pass that folder to ResNet18Backbone.Load.",
            first);
    }

    /// <summary>A stable hash of both files' contents (SHA-256 of the two SHA-256 digests).</summary>
    internal string ContentHash()
    {
        using var combined = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var path in new[] { PreprocessPath, NetworkPath })
        {
            using var stream = File.OpenRead(path);
            combined.AppendData(SHA256.HashData(stream));
        }
        return Convert.ToHexStringLower(combined.GetHashAndReset());
    }

    private static List<string> Candidates(string? modelsDirectory)
    {
        if (modelsDirectory is not null)
        {
            var full = Path.GetFullPath(modelsDirectory);
            return [full, Path.Combine(full, FolderName)];
        }
        var list = new List<string> { Path.Combine(AppContext.BaseDirectory, FolderName) };
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES");
        if (string.IsNullOrEmpty(packages))
        {
            var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            packages = string.IsNullOrEmpty(home) ? null : Path.Combine(home, ".nuget", "packages");
        }
        if (packages is not null)
        {
            list.Add(Path.Combine(packages, PackageId.ToLowerInvariant(), PackageVersion, "tools", FolderName));
        }
        return list;
    }
}
