namespace InFiConD.Embedding.Tests;

/// <summary>Records progress reports as they happen (Progress&lt;T&gt; would post them later); thread-safe. <paramref name="after"/> runs after each.</summary>
internal sealed class SynchronousProgress(List<ImageModelProgress> reports, Action<ImageModelProgress>? after = null) : IProgress<ImageModelProgress>
{
    public void Report(ImageModelProgress value)
    {
        lock (reports)
        {
            reports.Add(value);
        }
        after?.Invoke(value);
    }
}
