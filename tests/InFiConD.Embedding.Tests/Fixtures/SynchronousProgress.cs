namespace InFiConD.Embedding.Tests;

/// <summary>Records progress reports as they happen (Progress&lt;T&gt; would post them later); thread-safe.</summary>
internal sealed class SynchronousProgress(List<ImageModelProgress> reports) : IProgress<ImageModelProgress>
{
    public void Report(ImageModelProgress value)
    {
        lock (reports)
        {
            reports.Add(value);
        }
    }
}
