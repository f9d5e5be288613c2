using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Pledge.Testing;

namespace Pledge.Server.Tests;

public sealed class OperationsTestsOnSqlite : OperationsTests<SqliteTestDatabase>;

public sealed class OperationsTestsOnPostgres : OperationsTests<PostgresTestDatabase>;

/// <summary>Metrics at /metrics, the request log, the log format and the graceful stop.</summary>
public abstract class OperationsTests<TDatabase> : ServerTest<TDatabase> where TDatabase : TestDatabase, new()
{
    private const string Created = """{"id":"e-1","ticket":"T-1","type":"created","at":"2026-11-02T09:00:00+01:00","customer":"acme","service":"coffee","priority":"P2","status":"new"}""";
    private const string Commented = """{"id":"e-2","ticket":"T-1","type":"commented","at":"2026-11-02T09:10:00+01:00","author":"agent","public":true}""";
    private const string Resolved = """{"id":"e-3","ticket":"T-1","type":"resolved","at":"2026-11-02T11:00:00+01:00"}""";

    [Fact]
    public async Task Metrics_count_inserted_and_duplicate_events_in_the_Prometheus_text_format()
    {
        var server = Start();
        await PostEventsAsync(server.Client, [Created, Commented]);
        await PostEventsAsync(server.Client, [Commented, Resolved]);

        var response = await server.Client.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", ContentType(response)?.MediaType);
        Assert.Contains(ContentType(response)!.Parameters, p => p.Name == "version" && p.Value == "0.0.4");
        Assert.Contains("# TYPE pledge_events_ingested_total counter\n", text, StringComparison.Ordinal);
        Assert.Contains("pledge_events_ingested_total{outcome=\"inserted\"} 3\n", text, StringComparison.Ordinal);
        Assert.Contains("pledge_events_ingested_total{outcome=\"duplicate\"} 1\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_include_request_durations_as_a_histogram_by_route()
    {
        var server = Start();
        await PostEventsAsync(server.Client, [Created]);

        var text = await server.Client.GetStringAsync("/metrics");

        Assert.Contains("# TYPE http_server_request_duration_seconds histogram\n", text, StringComparison.Ordinal);
        var events = text.Split('\n').Where(l => l.StartsWith("http_server_request_duration_seconds", StringComparison.Ordinal) && l.Contains("http_route=\"/api/v1/events/\"", StringComparison.Ordinal)).ToList();
        Assert.True(events.Count > 0, text);
        Assert.Contains(events, l => l.StartsWith("http_server_request_duration_seconds_count{", StringComparison.Ordinal) && l.EndsWith(" 1", StringComparison.Ordinal));
        Assert.Contains(events, l => l.Contains("le=\"+Inf\"", StringComparison.Ordinal) && l.EndsWith(" 1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Two_servers_in_one_process_export_only_their_own_counts()
    {
        var busy = Start();
        await PostEventsAsync(busy.Client, [Created, Commented]);
        var quietDatabase = new TDatabase();
        var quiet = PledgeTestServer.Start(await quietDatabase.CreateAsync());
        try
        {
            var text = await quiet.Client.GetStringAsync("/metrics");

            Assert.DoesNotContain("pledge_events_ingested_total{", text, StringComparison.Ordinal);
            Assert.Contains("pledge_events_ingested_total{outcome=\"inserted\"} 2\n", await busy.Client.GetStringAsync("/metrics"), StringComparison.Ordinal);
        }
        finally
        {
            await quiet.DisposeAsync();
            await quietDatabase.DropAsync();
        }
    }

    [Fact]
    public async Task Each_request_is_logged_once_with_method_path_status_and_duration_but_no_headers()
    {
        var logs = new CapturedLogs();
        await using var factory = Factory(logs);
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", PledgeTestServer.AdminKey);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/events?token=query-secret") { Content = Json(Created) };
        request.Headers.Add("X-Secret-Header", "header-secret");
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var lines = logs.Lines.Where(l => l.Category.StartsWith("Microsoft.AspNetCore.HttpLogging", StringComparison.Ordinal)).ToList();
        var line = Assert.Single(lines, l => l.Message.Contains("/api/v1/events", StringComparison.Ordinal));
        Assert.Contains("POST", line.Message, StringComparison.Ordinal);
        Assert.Contains("200", line.Message, StringComparison.Ordinal);
        Assert.Contains("Duration", line.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(logs.Lines, l => l.Message.Contains("header-secret", StringComparison.Ordinal) || l.Message.Contains("query-secret", StringComparison.Ordinal)
            || l.Message.Contains(PledgeTestServer.AdminKey, StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, l => l.Message.Contains("\"ticket\":\"T-1\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unknown_log_format_stops_the_server_with_a_message_naming_the_option()
    {
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("database", ConnectionString);
            builder.UseSetting("log-format", "xml");
        });

        var error = Assert.Throws<InvalidOperationException>(() => factory.CreateClient());
        Assert.Contains("--log-format is \"xml\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stopping_lets_a_request_in_flight_finish_and_store_its_events()
    {
        // A real socket: the in-memory test server has no connections to drain.
        var handling = new RequestsSeen();
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("database", ConnectionString);
            builder.UseSetting("urls", "http://127.0.0.1:0");
            builder.UseSetting("admin-key", PledgeTestServer.AdminKey);
            builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(handling));
        });
        factory.UseKestrel();
        factory.StartServer();
        var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        Assert.StartsWith("http://127.0.0.1:", address, StringComparison.Ordinal);
        using var client = new HttpClient { BaseAddress = new Uri(address) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", PledgeTestServer.AdminKey);
        var body = new SlowContent(Encoding.UTF8.GetBytes("[" + Created + "," + Commented + "]"));
        var posting = client.PostAsync("/api/v1/events", body);
        await body.Started.Task.WaitAsync(TimeSpan.FromSeconds(30));

        // In flight once the server handles it: the client having sent part of it does not mean the server has read
        // its headers yet (a stop before that closes the connection, and the test failed on a busy machine).
        await handling.First.Task.WaitAsync(TimeSpan.FromSeconds(30));

        var stopping = Task.Run(async () => await factory.DisposeAsync());
        await Task.Delay(300);
        Assert.False(stopping.IsCompleted, "the server stopped with a request in flight");
        body.Finish.SetResult();
        var response = await posting.WaitAsync(TimeSpan.FromSeconds(30));
        await stopping.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var store = await Pledge.Storage.PledgeStore.OpenAsync(ConnectionString, TimeProvider.System);
        Assert.Equal(2, (await store.Events.CountByTypeAsync()).Values.Sum());
    }

    private WebApplicationFactory<Program> Factory(CapturedLogs logs) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("database", ConnectionString);
            builder.UseSetting("admin-key", PledgeTestServer.AdminKey);
            builder.ConfigureLogging(logging => logging.AddProvider(logs));
        });

    /// <summary>Completes <see cref="First"/> when the server's pipeline starts handling a request.</summary>
    private sealed class RequestsSeen : IStartupFilter
    {
        public TaskCompletionSource First { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, handle) =>
            {
                First.TrySetResult();
                await handle(context);
            });
            next(app);
        };
    }

    /// <summary>A body sent in two parts: the first at once, the rest when the test says so.</summary>
    private sealed class SlowContent(byte[] bytes) : HttpContent
    {
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Finish { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync(bytes.AsMemory(0, 10));
            await stream.FlushAsync();
            Started.TrySetResult();
            await Finish.Task;
            await stream.WriteAsync(bytes.AsMemory(10));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = bytes.Length;
            return true;
        }
    }
}

/// <summary>Every log line of a host, formatted, with its category.</summary>
internal sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<(string Category, string Message)> _lines = new();

    public IReadOnlyList<(string Category, string Message)> Lines => [.. _lines];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<(string, string)> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue((category, formatter(state, exception) + (exception is null ? string.Empty : " " + exception)));
    }
}
