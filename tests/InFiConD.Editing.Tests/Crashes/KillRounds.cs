using System.Globalization;
using System.Security.Cryptography;

namespace InFiConD.Editing.Tests.Crashes;

/// <summary>
/// How many times the kill tests kill their child: 20 by default (CI), more with <c>INFICOND_KILL_ROUNDS</c>;
/// the random moments come from <c>INFICOND_KILL_SEED</c> when set (a failure names the seed it used).
/// </summary>
internal static class KillRounds
{
    public static int Count { get; } =
        int.TryParse(Environment.GetEnvironmentVariable("INFICOND_KILL_ROUNDS"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 20;

    public static int Seed { get; } =
        int.TryParse(Environment.GetEnvironmentVariable("INFICOND_KILL_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) ? s : Random.Shared.Next();

    public static string Hash(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>Files an <see cref="Core.AtomicFile"/> temp would have (<c>.name.pid.guid.tmp</c>), or any other <c>.tmp</c>.</summary>
    public static string[] Temps(string directory) =>
        Directory.GetFiles(directory).Select(Path.GetFileName).Where(n => n!.EndsWith(".tmp", StringComparison.Ordinal)).ToArray()!;
}
