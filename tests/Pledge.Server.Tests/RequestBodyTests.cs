using System.Text;
using Microsoft.AspNetCore.Http;
using Pledge.Server.Api;

namespace Pledge.Server.Tests;

/// <summary>The body limit of every API call holds whether or not the client says how long the body is.</summary>
public sealed class RequestBodyTests
{
    [Fact]
    public async Task A_body_without_a_length_is_refused_once_it_passes_16_MB()
    {
        var context = new DefaultHttpContext();
        context.Request.Body = new UnseekableStream(new MemoryStream(Encoding.UTF8.GetBytes(new string(' ', (int)RequestBody.MaxBytes + 1))));

        Assert.Null(context.Request.ContentLength);
        Assert.Null(await RequestBody.ReadAsync(context.Request, CancellationToken.None));
    }

    [Fact]
    public async Task A_body_of_exactly_16_MB_without_a_length_is_read_whole()
    {
        var context = new DefaultHttpContext();
        context.Request.Body = new UnseekableStream(new MemoryStream(new byte[RequestBody.MaxBytes]));

        var body = await RequestBody.ReadAsync(context.Request, CancellationToken.None);

        Assert.Equal((int)RequestBody.MaxBytes, body?.Length);
    }

    [Fact]
    public async Task A_declared_length_over_16_MB_is_refused_before_reading()
    {
        var context = new DefaultHttpContext();
        context.Request.ContentLength = RequestBody.MaxBytes + 1;
        context.Request.Body = new UnseekableStream(new MemoryStream([]));

        Assert.Null(await RequestBody.ReadAsync(context.Request, CancellationToken.None));
    }

    /// <summary>A stream whose length is unknown, as a chunked request body is.</summary>
    private sealed class UnseekableStream(Stream inner) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => inner.ReadAsync(buffer, cancellationToken);

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
