using System.Text;

namespace InFiConD.Core.Tests;

public class AtomicFileTests
{
    [Fact]
    public void WriteAllText_writes_utf8_without_a_byte_order_mark()
    {
        using var dir = new TempDirectory();
        var path = dir.File("a.txt");

        AtomicFile.WriteAllText(path, "héllo");

        Assert.Equal(Encoding.UTF8.GetBytes("héllo"), File.ReadAllBytes(path));
        Assert.Equal(["a.txt"], dir.ListFiles());
    }

    [Fact]
    public void WriteAllBytes_writes_exactly_the_bytes()
    {
        using var dir = new TempDirectory();
        var path = dir.File("b.bin");

        AtomicFile.WriteAllBytes(path, [0, 1, 2, 255]);

        Assert.Equal([0, 1, 2, 255], File.ReadAllBytes(path));
    }

    [Fact]
    public void Write_replaces_an_existing_file()
    {
        using var dir = new TempDirectory();
        var path = dir.File("c.txt");
        File.WriteAllText(path, "a much longer old content");

        AtomicFile.Write(path, s => s.Write("new"u8));

        Assert.Equal("new", File.ReadAllText(path));
        Assert.Equal(["c.txt"], dir.ListFiles());
    }

    [Fact]
    public void A_writer_that_throws_leaves_the_old_file_and_no_temp_file()
    {
        using var dir = new TempDirectory();
        var path = dir.File("d.txt");
        File.WriteAllText(path, "old");

        var error = Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, s =>
        {
            s.Write("partial new content"u8);
            throw new InvalidOperationException("writer failed");
        }));

        Assert.Equal("writer failed", error.Message);
        Assert.Equal("old", File.ReadAllText(path));
        Assert.Equal(["d.txt"], dir.ListFiles());
    }

    [Fact]
    public void A_writer_that_throws_creates_no_file_where_none_existed()
    {
        using var dir = new TempDirectory();

        Assert.Throws<IOException>(() => AtomicFile.Write(dir.File("e.txt"), _ => throw new IOException("disk full")));

        Assert.Empty(dir.ListFiles());
    }

    [Fact]
    public async Task WriteAsync_writes_the_content()
    {
        using var dir = new TempDirectory();
        var path = dir.File("f.txt");

        await AtomicFile.WriteAsync(path, (s, ct) => s.WriteAsync("async"u8.ToArray(), ct).AsTask());

        Assert.Equal("async", File.ReadAllText(path));
        Assert.Equal(["f.txt"], dir.ListFiles());
    }

    [Fact]
    public async Task Cancelling_WriteAsync_midway_leaves_the_old_file_and_no_temp_file()
    {
        using var dir = new TempDirectory();
        var path = dir.File("g.txt");
        File.WriteAllText(path, "old");
        using var cancellation = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => AtomicFile.WriteAsync(path, async (s, ct) =>
        {
            await s.WriteAsync("first half"u8.ToArray(), ct);
            await cancellation.CancelAsync();
            await s.WriteAsync("second half"u8.ToArray(), ct);
        }, cancellation.Token));

        Assert.Equal("old", File.ReadAllText(path));
        Assert.Equal(["g.txt"], dir.ListFiles());
    }

    [Fact]
    public async Task A_token_cancelled_while_a_writer_ignores_it_still_leaves_the_old_file()
    {
        using var dir = new TempDirectory();
        var path = dir.File("h.txt");
        File.WriteAllText(path, "old");
        using var cancellation = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => AtomicFile.WriteAsync(path, async (s, _) =>
        {
            await s.WriteAsync("ignored token"u8.ToArray());
            await cancellation.CancelAsync();
        }, cancellation.Token));

        Assert.Equal("old", File.ReadAllText(path));
        Assert.Equal(["h.txt"], dir.ListFiles());
    }

    [Fact]
    public void Missing_directories_are_created()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "x", "y", "z.txt");

        AtomicFile.WriteAllText(path, "deep");

        Assert.Equal("deep", File.ReadAllText(path));
    }

    [Fact]
    public void An_empty_path_is_an_argument_error()
    {
        Assert.Throws<ArgumentException>(() => AtomicFile.Write("", _ => { }));
    }
}
