using System.Globalization;
using System.Security.Cryptography;
using InFiConD.Core;
using InFiConD.CrashChild;
using InFiConD.Editing;

// One line per event on stdout; the parent test reads them while it waits to kill this process.
//   save <session.infcd> <first round>  saves the session over and over: "ready", then "saving R" / "saved R <sha256>"
//   append <log.jsonl>                  appends entries: "ready N <bytes> <sha256>", then "committed N <bytes> <sha256>"
//   hold-log <log.jsonl>                opens the log, says "held", waits for a line on stdin, closes it
//   hold-write <file>                   starts an atomic write, says "writing", waits for a line on stdin, finishes it
var mode = args.Length >= 2 ? args[0] : "";
var path = args.Length >= 2 ? args[1] : "";
switch (mode)
{
    case "save":
        await SaveAsync(path, int.Parse(args[2], CultureInfo.InvariantCulture));
        return 0;
    case "append":
        await AppendAsync(path);
        return 0;
    case "hold-log":
        HoldLog(path);
        return 0;
    case "hold-write":
        AtomicFile.Write(path, stream =>
        {
            stream.Write("written by the child"u8);
            stream.Flush();
            Say("writing");
            Console.In.ReadLine();
        });
        Say("written");
        return 0;
    default:
        Console.Error.WriteLine("usage: InFiConD.CrashChild save|append|hold-log|hold-write <path> [first round]");
        return 2;
}

static async Task SaveAsync(string path, int firstRound)
{
    using var session = CrashData.Instance.NewSession();
    // One save elsewhere first, so that the kills land in saves at their steady pace rather than in the first one's JIT.
    await WarmUpAsync(scratch => SessionFile.SaveAsync(Path.Combine(scratch, "warm-up.infcd"), session));
    Say("ready");
    for (var round = firstRound; round < firstRound + 100_000; round++)
    {
        if (round % 4 == 0)
        {
            await session.EditAsync([CrashData.Edit(round)], EditRefit.FixedEpochs(2));
        }
        Say($"saving {round}");
        await SessionFile.SaveAsync(path, session, new Dictionary<string, string> { ["round"] = round.ToString(CultureInfo.InvariantCulture) });
        Say($"saved {round} {Hash(File.ReadAllBytes(path))}");
    }
}

static async Task AppendAsync(string path)
{
    await WarmUpAsync(async scratch =>
    {
        using var warm = CrashData.Instance.NewSession(ProvenanceLog.Create(Path.Combine(scratch, "warm-up.jsonl")));
        await warm.EditAsync([CrashData.Edit(0)], EditRefit.FixedEpochs(2));
    });
    var log = File.Exists(path) ? ProvenanceLog.Open(path).Log : ProvenanceLog.Create(path);
    using var session = CrashData.Instance.NewSession(log);
    Say($"ready {State(log, path)}");
    for (var i = log.Entries.Count; i < 100_000; i++)
    {
        await session.EditAsync([CrashData.Edit(i)], EditRefit.FixedEpochs(2));
        Say($"committed {State(log, path)}");
    }
}

static void HoldLog(string path)
{
    var log = File.Exists(path) ? ProvenanceLog.Open(path).Log : ProvenanceLog.Create(path);
    Say("held");
    Console.In.ReadLine();
    log.Dispose();
    Say("released");
}

static async Task WarmUpAsync(Func<string, Task> work)
{
    var scratch = Path.Combine(Path.GetTempPath(), $"infcd-crash-child-{Environment.ProcessId}");
    Directory.CreateDirectory(scratch);
    try
    {
        await work(scratch);
    }
    finally
    {
        Directory.Delete(scratch, recursive: true);
    }
}

static string State(ProvenanceLog log, string path)
{
    var bytes = File.ReadAllBytes(path);
    return string.Create(CultureInfo.InvariantCulture, $"{log.Entries.Count} {bytes.Length} {Hash(bytes)}");
}

static string Hash(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

static void Say(string line)
{
    Console.Out.WriteLine(line);
    Console.Out.Flush();
}
