using System.Buffers;

namespace Pledge.Server.Api;

/// <summary>Reads a request body whole, refusing one larger than a limit (whatever the server's own limit).</summary>
internal static class RequestBody
{
    /// <summary>The largest body the API takes: 16 MB, room for 10,000 events of about 1.6 KB each.</summary>
    public const long MaxBytes = 16L * 1024 * 1024;

    /// <summary>The body's bytes, or null when it is larger than <see cref="MaxBytes"/>.</summary>
    public static async Task<ReadOnlyMemory<byte>?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBytes)
        {
            return null;
        }

        if (request.ContentLength is { } length)
        {
            // Kestrel ends the body at Content-Length (and fails the read if it comes short): one exact buffer, no growing.
            var bytes = new byte[length];
            var filled = 0;
            while (filled < bytes.Length && await request.Body.ReadAsync(bytes.AsMemory(filled), cancellationToken) is var read and > 0)
            {
                filled += read;
            }

            return bytes.AsMemory(0, filled);
        }

        var buffer = new ArrayBufferWriter<byte>(4096);
        while (true)
        {
            var memory = buffer.GetMemory(81920);
            var read = await request.Body.ReadAsync(memory, cancellationToken);
            if (read == 0)
            {
                return buffer.WrittenMemory;
            }

            buffer.Advance(read);
            if (buffer.WrittenCount > MaxBytes)
            {
                return null;
            }
        }
    }

    /// <summary>413 as problem details.</summary>
    public static IResult TooLarge() => TypedResults.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "Request body too large",
        detail: $"the body is larger than {MaxBytes / (1024 * 1024)} MB: send fewer events per call");
}
