using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using InFiConD.Concepts;
using InFiConD.Core;
using InFiConD.Embedding;
using InFiConD.Students;
using static InFiConD.Benchmarks.Measured;

namespace InFiConD.Benchmarks;

/// <summary>
/// <c>--session-size [--images 100000] [--concepts 584]</c>: what a session costs in memory and on disk, and what
/// <see cref="DistillationSession.Locate"/> costs per call, at a size where it matters. The run goes through the front door
/// with 16 × 16 synthetic images under a 2 × 2 grid plus the whole image (5 segments each), a cheap encoder of width 32,
/// random concepts and 10 classes, so the encoder's cost does not hide the session's. Memory is the managed heap after a
/// full collection over the process's baseline, with the session held (which keeps its image sources, here in memory);
/// the reload is measured in a fresh process; sizes are the saved file's compressed entries.
/// </summary>
internal static class SessionSizeReport
{
    private const int Side = 16;
    private const int Width = 32;
    private const int Classes = 10;

    internal static void Run(string[] args)
    {
        var images = int.Parse(Option(args, "--images") ?? "100000", CultureInfo.InvariantCulture);
        var concepts = int.Parse(Option(args, "--concepts") ?? "584", CultureInfo.InvariantCulture);
        var folder = Directory.CreateTempSubdirectory("infcd-session-size-").FullName;
        try
        {
            RunAsync(images, concepts, folder).GetAwaiter().GetResult();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task RunAsync(int images, int concepts, string folder)
    {
        var path = Path.Combine(folder, "session.infcd");
        // Heap over the process's own baseline, so buffers the run pooled count as the run's; the reload is measured in a
        // fresh process, where nothing of the first session can linger.
        var baseline = Heap();
        var built = await BuildAndSaveAsync(images, concepts, folder, path).ConfigureAwait(false);
        built = built with { Heap = built.Heap - baseline };
        var noCache = Path.Combine(folder, "moved");
        Directory.Move(Path.Combine(folder, "cache"), noCache);
        var loaded = LoadInChild(path, built.Ids[^7]);

        long n = images, c = concepts;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{images:N0} images × {concepts} concepts × {Classes} classes, built in {built.BuildSeconds:F0} s."));
        Console.WriteLine();
        Console.WriteLine("| what | measured |");
        Console.WriteLine("|---|---:|");
        Row("managed heap of the process holding the session after the run (the session keeps its in-memory images: 16 × 16 × 3 B each)", Mb(built.Heap));
        Row("managed heap held by the session after LoadAsync", Mb(loaded.Heap));
        Row("of which scores N × C float32 (exact)", Mb(n * c * 4));
        Row("of which best segments N × C int32 (exact)", Mb(n * c * 4));
        Row("of which segment boxes + content hashes (32 B per image, layouts shared)", Mb((n * 36) + 1024));
        Row("session file", Mb(new FileInfo(path).Length));
        using (var zip = ZipFile.OpenRead(path))
        {
            foreach (var entry in zip.Entries.OrderByDescending(e => e.CompressedLength).Take(6))
            {
                Row($"  entry {entry.FullName} (compressed; {Mb(entry.Length)} raw)", Mb(entry.CompressedLength));
            }
        }
        Row("embedding cache on disk (segments.bin)", Mb(new FileInfo(Path.Combine(noCache, "segments", EmbeddingCache.DataFileName)).Length));
        Row("save / load", string.Create(CultureInfo.InvariantCulture, $"{built.SaveSeconds:F1} s / {loaded.LoadSeconds:F1} s"));
        Row("first Locate with per-segment scores (indexes the cache's record headers once)", string.Create(CultureInfo.InvariantCulture, $"{built.FirstLocate:F0} ms"));
        Row("Locate with per-segment scores, median of 21 later calls", string.Create(CultureInfo.InvariantCulture, $"{built.Locate.Milliseconds:F2} ms, {built.Locate.Allocated / 1024.0:F1} KB allocated"));
        Row("Locate without a cache (boxes and best segments only), median of 21", string.Create(CultureInfo.InvariantCulture, $"{loaded.Locate.Milliseconds:F3} ms, {loaded.Locate.Allocated / 1024.0:F1} KB allocated"));
    }

    private static async Task<(long Heap, double BuildSeconds, double SaveSeconds, double FirstLocate, (double Milliseconds, long Allocated) Locate, string[] Ids)> BuildAndSaveAsync(int images, int concepts, string folder, string path)
    {
        var clock = Stopwatch.StartNew();
        var session = await Build(images, concepts, folder).ConfigureAwait(false);
        var buildSeconds = clock.Elapsed.TotalSeconds;
        clock.Restart();
        await session.SaveAsync(path).ConfigureAwait(false);
        var saveSeconds = clock.Elapsed.TotalSeconds;
        var ids = session.Scores.ImageIds.ToArray();
        var heap = Heap();
        clock.Restart();
        session.Locate(ids[^1]);
        var first = clock.Elapsed.TotalMilliseconds;
        var locate = TimeLocate(session, ids);
        session.Dispose();
        return (heap, buildSeconds, saveSeconds, first, locate, ids);
    }

    /// <summary><c>--session-size-load PATH ID</c>: loads a saved session in this (fresh) process and prints heap, load time and Locate's cost.</summary>
    internal static void RunLoad(string[] args)
    {
        var path = Option(args, "--session-size-load")!;
        var id = args[Array.IndexOf(args, "--session-size-load") + 2];
        var baseline = Heap();
        var clock = Stopwatch.StartNew();
        using var session = DistillationSession.LoadAsync(path).GetAwaiter().GetResult();
        var seconds = clock.Elapsed.TotalSeconds;
        var (milliseconds, allocated) = TimeLocate(session, [id]);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"LOADED {Heap() - baseline} {seconds:R} {milliseconds:R} {allocated}"));
    }

    private static (long Heap, double LoadSeconds, (double Milliseconds, long Allocated) Locate) LoadInChild(string path, string id)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
        {
            start.ArgumentList.Add(typeof(SessionSizeReport).Assembly.Location);
        }
        foreach (var arg in new[] { "--session-size-load", path, id })
        {
            start.ArgumentList.Add(arg);
        }
        using var child = Process.Start(start)!;
        var line = child.StandardOutput.ReadToEnd().Split('\n').Single(l => l.StartsWith("LOADED ", StringComparison.Ordinal)).Split(' ');
        child.WaitForExit();
        var parse = (int i) => double.Parse(line[i], CultureInfo.InvariantCulture);
        return ((long)parse(1), parse(2), (parse(3), (long)parse(4)));
    }

    private static async Task<DistillationSession> Build(int images, int concepts, string folder)
    {
        var random = new Random(7);
        var items = new List<ImageItem>(images);
        for (var i = 0; i < images; i++)
        {
            var rgb = new byte[Side * Side * 3];
            random.NextBytes(rgb);
            items.Add(ImageItem.FromDecoded(string.Create(CultureInfo.InvariantCulture, $"img{i:D6}"), new DecodedImage(Side, Side, rgb)));
        }
        var vectors = new FloatMatrix(concepts, Width);
        foreach (ref var v in vectors.AsSpan())
        {
            v = (float)((random.NextDouble() * 2) - 1);
        }
        var bank = ConceptBank.Create([.. Enumerable.Range(0, concepts).Select(j => $"concept {j}")], vectors, new ConceptBankOrigin(ConceptBankKind.Imported, description: "random"));
        var classes = Enumerable.Range(0, Classes).Select(k => $"class {k}").ToArray();
        var teacher = DelegateTeacher.Create(classes, "mean-channel/v1", image =>
        {
            var logits = new float[Classes];
            for (var p = 0; p < image.Rgb.Length; p++)
            {
                logits[p % Classes] += image.Rgb[p] / 2550f;
            }
            return logits;
        }, TeacherOutputKind.Logits);
        return await InFiConD.Distillation.On(ImageSource.FromItems(items, "synthetic"))
            .WithConcepts(bank)
            .WithEncoder(new ProjectionEncoder(), Segmentation.Grid(2))
            .WithTeacher(teacher)
            .WithStudents(s => s.L1(0.01) with { Options = s.Options with { Solver = s.Options.Solver with { MaxIterations = 50 } } })
            .WithCache(Path.Combine(folder, "cache"))
            .RunAsync().ConfigureAwait(false);
    }

    private static (double Milliseconds, long Allocated) TimeLocate(DistillationSession session, IReadOnlyList<string> ids)
    {
        var times = new List<double>();
        long allocated = 0;
        for (var i = 0; i < 22; i++)
        {
            var id = ids[(i * 7919) % ids.Count];
            var before = GC.GetAllocatedBytesForCurrentThread();
            var clock = Stopwatch.StartNew();
            session.Locate(id);
            if (i > 0)
            {
                times.Add(clock.Elapsed.TotalMilliseconds);
                allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            }
        }
        times.Sort();
        return (times[times.Count / 2], allocated);
    }

    private static long Heap()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static string Mb(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:F1} MB");

    private static void Row(string what, string value) => Console.WriteLine($"| {what} | {value} |");

    /// <summary>A cheap encoder: each crop's mean colour and channel spread through a fixed random projection to width 32.</summary>
    private sealed class ProjectionEncoder : IImageEncoder
    {
        private readonly float[] _projection = [.. Enumerable.Range(0, 6 * Width).Select(i => MathF.Sin(i * 12.9898f) * 0.5f)];

        public string ModelId => "projection/v1";

        public int Dimension => Width;

        public Task<ImageEmbeddings> EncodeAsync(ImageSource images, IProgress<ImageModelProgress>? progress = null, CancellationToken cancellationToken = default)
        {
            var rows = new FloatMatrix(images.Count, Width);
            var ids = new List<string>(images.Count);
            Span<float> stats = stackalloc float[6];
            for (var i = 0; i < images.Count; i++)
            {
                var image = images[i].Decoded!;
                stats.Clear();
                var pixels = image.Width * image.Height;
                for (var p = 0; p < pixels; p++)
                {
                    for (var ch = 0; ch < 3; ch++)
                    {
                        var value = image.Rgb[(p * 3) + ch] / 255f;
                        stats[ch] += value / pixels;
                        stats[3 + ch] += value * value / pixels;
                    }
                }
                var row = rows.Row(i);
                for (var d = 0; d < Width; d++)
                {
                    for (var s = 0; s < 6; s++)
                    {
                        row[d] += stats[s] * _projection[(s * Width) + d];
                    }
                }
                ids.Add(images[i].Id);
            }
            return Task.FromResult(new ImageEmbeddings(rows, ids, []));
        }
    }
}
