namespace InFiConD.Core.Tests;

/// <summary>A read-only stream that cannot seek and returns at most a few bytes per read, like a pipe.</summary>
internal sealed class NonSeekableStream(byte[] content, int maxChunk = 7) : Stream
{
    private readonly MemoryStream _inner = new(content);

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, Math.Min(count, maxChunk));
    public override int Read(Span<byte> buffer) => _inner.Read(buffer[..Math.Min(buffer.Length, maxChunk)]);
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
