using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Pledge.Server.Tests.Notifications;

/// <summary>
/// A webhook receiver on 127.0.0.1 at a port of its own, as a user would write one: it checks each request's
/// signature with the shared secret (its own HMAC code, not the server's), records what came, and answers with the
/// statuses queued (then 200). It can be stopped and started again on the same port.
/// </summary>
internal sealed class WebhookReceiver(string secret) : IAsyncDisposable
{
    private readonly ConcurrentQueue<int> _answers = new();
    private WebApplication? _app;

    public int Port { get; } = FreePort();

    public string Url => $"http://127.0.0.1:{Port}/hooks/pledge";

    /// <summary>Every request received, in order.</summary>
    public ConcurrentQueue<ReceivedWebhook> Received { get; } = new();

    /// <summary>Answers the next requests with these statuses, then 200.</summary>
    public void AnswerNext(params int[] statuses)
    {
        foreach (var status in statuses)
        {
            _answers.Enqueue(status);
        }
    }

    /// <summary>How long the receiver waits before it answers.</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>When set, the status every request is answered with.</summary>
    public int? Always { get; set; }

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(Url.Replace("/hooks/pledge", string.Empty, StringComparison.Ordinal));
        _app = builder.Build();
        _app.MapPost("/hooks/pledge", async (HttpContext context) =>
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer);
            var body = buffer.ToArray();
            var headers = context.Request.Headers;
            var timestamp = headers["X-Pledge-Timestamp"].ToString();
            var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(timestamp + ".").Concat(body).ToArray()));
            var signed = CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(headers["X-Pledge-Signature"].ToString()));
            Received.Enqueue(new ReceivedWebhook(
                Encoding.UTF8.GetString(body),
                headers["X-Pledge-Delivery"].ToString(),
                timestamp,
                headers["X-Pledge-Attempt"].ToString(),
                context.Request.ContentType ?? string.Empty,
                signed));
            await Task.Delay(Delay);
            context.Response.StatusCode = !signed ? 401 : Always ?? (_answers.TryDequeue(out var status) ? status : 200);
            await context.Response.WriteAsync(context.Response.StatusCode == 200 ? "thanks" : "not now");
        });
        await _app.StartAsync();
    }

    public async Task StopAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            _app = null;
        }
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>One request the receiver got, and whether its signature was right.</summary>
internal sealed record ReceivedWebhook(string Body, string Delivery, string Timestamp, string Attempt, string ContentType, bool SignatureValid);
