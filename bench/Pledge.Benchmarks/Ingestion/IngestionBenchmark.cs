using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace Pledge.Benchmarks.Ingestion;

/// <summary>
/// Issue 5's ingestion goals, measured in one run on one database: events per second through
/// <c>POST /api/v1/events</c> in batches against raw inserts of the same rows into the same kind of database, and
/// the latency of single events sent at a fixed rate.
/// </summary>
/// <remarks>
/// <para>The server runs as its own process (the Release build of src/Pledge.Server), as in production; the client
/// runs here. Each measurement gets a fresh database. The HTTP figures are timed from the first measured request:
/// the server's start and <see cref="WarmUp"/> of other events, sent the same way, are not part of them.</para>
/// <para>Raw inserts are the rows the store would write (id, type, subject, at, received_at, body), already
/// extracted, inserted in transactions of 10,000 with one prepared statement through Microsoft.Data.Sqlite (SQLite,
/// with the store's settings: WAL, synchronous FULL) or one multi-row statement per transaction (PostgreSQL). For
/// reference: PostgreSQL's binary COPY, and on SQLite the same statement through SQLite's C API, as the store
/// itself inserts.</para>
/// <para>Latency is measured open-loop: request i is due at start + i / rate, and its latency runs from that instant,
/// so a slow answer delays the measurement of the ones queued behind it instead of hiding them.</para>
/// </remarks>
internal static class IngestionBenchmark
{
    private const int Batch = 10_000;

    /// <summary>
    /// How long the server is sent other events, the same way, before the timed ones: the runtime compiles the hot
    /// code again, optimised, only once it has run a while, and until then the JIT takes most of a core (measured:
    /// 2.4 s of JIT time in the first 5 s at 500 single events a second, under 0.1 s in each 5 s after). A server that
    /// runs for days has long been past that.
    /// </summary>
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(5);
    private static readonly string[] SqliteParameters = ["$id", "$type", "$subject", "$at", "$received_at", "$body"];

    private const string AdminKey = "pk_bench_ingestion_0123456789abcdef0123456789abcdef";

    public static async Task<int> RunAsync(string database, string serverDll, int count, int rate, int seconds, int senders)
    {
        var (raw, copy, http) = await BatchesAsync(database, serverDll, count, senders);
        var latency = await WithFreshDatabaseAsync(database, target => SingleEventsAsync(target, serverDll, Generate(rate * seconds + 100), rate, seconds));

        Console.WriteLine();
        Console.WriteLine("| what | seconds | events per second | vs. raw inserts |");
        Console.WriteLine("|---|---:|---:|---:|");
        Console.WriteLine($"| raw inserts | {raw:F2} | {count / raw:N0} | 1.00 |");
        var reference = Kind(database) == "postgresql" ? "raw binary COPY (reference)" : "raw inserts through SQLite's C API, as the store does (reference)";
        Console.WriteLine($"| {reference} | {copy:F2} | {count / copy:N0} | {raw / copy:F2} |");

        Console.WriteLine($"| POST /api/v1/events, {senders} sender(s) | {http:F2} | {count / http:N0} | {raw / http:F2} ({copy / http:F2} of the reference) |");
        Console.WriteLine();
        Console.WriteLine($"single events at {rate}/s for {seconds} s: {latency}");
        return 0;
    }

    /// <summary>Raw inserts, the reference and HTTP batches, in seconds. A method of its own so that the events it
    /// generates (hundreds of megabytes with their rows and batches) are garbage once it returns.</summary>
    private static async Task<(double Raw, double Copy, double Http)> BatchesAsync(string database, string serverDll, int count, int senders)
    {
        var lines = Generate(count);
        var rows = lines.Select(Row.Parse).ToList();
        Console.WriteLine($"{lines.Count:N0} ticket events ({lines.Sum(l => l.Length + 1) / 1e6:F1} MB), batches of {Batch:N0}, {Environment.ProcessorCount} cores, database {Kind(database)}");

        var raw = await WithFreshDatabaseAsync(database, target => RawInsertAsync(target, rows, copy: false));
        // The reference: PostgreSQL's binary COPY, or SQLite's C API as the server's store uses it.
        var copy = await WithFreshDatabaseAsync(database, target => RawInsertAsync(target, rows, copy: true));
        var http = await WithFreshDatabaseAsync(database, target => HttpBatchesAsync(target, serverDll, lines, senders));
        return (raw, copy, http);
    }

    /// <summary>Only the latency of single events sent at <paramref name="rate"/> per second.</summary>
    public static async Task<int> RunLatencyAsync(string database, string serverDll, int rate, int seconds)
    {
        var latency = await WithFreshDatabaseAsync(database, target => SingleEventsAsync(target, serverDll, Generate(rate * seconds + 100), rate, seconds));
        Console.WriteLine($"single events at {rate}/s for {seconds} s, database {Kind(database)}: {latency}");
        return 0;
    }

    /// <summary>Only the batches over HTTP.</summary>
    public static async Task<int> RunBatchesAsync(string database, string serverDll, int count, int senders)
    {
        var seconds = await WithFreshDatabaseAsync(database, target => HttpBatchesAsync(target, serverDll, Generate(count), senders));
        Console.WriteLine($"{count:N0} events in batches of {Batch:N0} from {senders} sender(s), database {Kind(database)}: {seconds:F2} s, {count / seconds:N0} events/s");
        return 0;
    }

    private static List<string> Generate(int count)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        // About 6.5 events per ticket: enough tickets to have count events.
        TicketGenerator.Write(text, count / 5 + 10, "2026-11", 7);
        var lines = text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length < count)
        {
            throw new InvalidOperationException($"the generator wrote {lines.Length} events, fewer than {count}");
        }

        return [.. lines.Take(count)];
    }

    /// <summary>
    /// Runs <paramref name="run"/> on a database of its own, on a disk with nothing left to write from the previous
    /// measurement: the hundreds of megabytes a batch run leaves in the page cache (PostgreSQL's WAL) are otherwise
    /// written back 30 s later (the kernel's dirty_expire), in the middle of the next measurement. One 250 ms stall
    /// of PostgreSQL's latency run fell on that moment; stalls of 100-150 ms still happen in some runs after it.
    /// </summary>
    private static async Task<T> WithFreshDatabaseAsync<T>(string database, Func<string, Task<T>> run)
    {
        await FlushDisksAsync();
        if (Kind(database) == "sqlite")
        {
            var folder = Path.Combine(Path.GetTempPath(), "pledge-ingest-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            try
            {
                return await run(Path.Combine(folder, "pledge.db"));
            }
            finally
            {
                SqliteConnection.ClearAllPools();
                Directory.Delete(folder, recursive: true);
            }
        }

        var name = "pledge_ingest_" + Guid.NewGuid().ToString("N");
        await ExecuteAsync(database, $"CREATE DATABASE \"{name}\"");
        try
        {
            return await run(new NpgsqlConnectionStringBuilder(database) { Database = name }.ToString());
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(database, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        }
    }

    /// <summary>
    /// Collects this client's own garbage before a timed section rather than during it: the earlier measurements
    /// leave hundreds of megabytes, and their full collection paused the sender of the latency run for 150 ms, 6 s
    /// into it, in every run that followed the batches (p99 21-33 ms; 14-15 ms without it).
    /// </summary>
    private static void CollectOwnGarbage()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
    }

    private static async Task FlushDisksAsync()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        using var sync = Process.Start(new ProcessStartInfo("sync") { UseShellExecute = false }) ?? throw new InvalidOperationException("sync did not start");
        await sync.WaitForExitAsync();
    }

    private static string Kind(string database) => database.Contains("Host=", StringComparison.OrdinalIgnoreCase) ? "postgresql" : "sqlite";

    private static async Task ExecuteAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Seconds to insert the rows, timed from the first one: the schema comes from the store (so the table, its
    /// indexes and triggers are the real ones) and is created, and the connection opened, before the clock starts.
    /// </summary>
    private static async Task<double> RawInsertAsync(string database, List<Row> rows, bool copy)
    {
        await using (await Pledge.Storage.PledgeStore.OpenAsync(database, TimeProvider.System))
        {
        }

        var receivedAt = DateTime.UtcNow.Ticks;
        if (Kind(database) == "sqlite")
        {
            await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database }.ToString());
            await connection.OpenAsync();
            CollectOwnGarbage();
            var sqliteWatch = Stopwatch.StartNew();

            // The store's own settings, kept in the file or SQLite's defaults: write-ahead log, synchronous FULL.
            foreach (var chunk in rows.Chunk(Batch))
            {
                await using var transaction = await connection.BeginTransactionAsync();
                if (copy)
                {
                    InsertThroughCApi(connection, chunk, receivedAt);
                }
                else
                {
                    await using var command = connection.CreateCommand();
                    command.Transaction = (SqliteTransaction)transaction;
                    command.CommandText = "INSERT INTO events (id, type, subject, at, received_at, body) VALUES ($id, $type, $subject, $at, $received_at, $body) ON CONFLICT (id) DO NOTHING";
                    var parameters = SqliteParameters.Select(n => command.Parameters.Add(n, SqliteType.Text)).ToArray();
                    command.Prepare();
                    foreach (var row in chunk)
                    {
                        parameters[0].Value = row.Id;
                        parameters[1].Value = row.Type;
                        parameters[2].Value = row.Subject;
                        parameters[3].Value = row.At;
                        parameters[4].Value = receivedAt;
                        parameters[5].Value = row.Body;
                        await command.ExecuteNonQueryAsync();
                    }
                }

                await transaction.CommitAsync();
            }

            return sqliteWatch.Elapsed.TotalSeconds;
        }

        await using var pg = new NpgsqlConnection(database);
        await pg.OpenAsync();
        CollectOwnGarbage();
        var watch = Stopwatch.StartNew();
        foreach (var chunk in rows.Chunk(Batch))
        {
            await using var transaction = await pg.BeginTransactionAsync();
            if (copy)
            {
                await using var importer = await pg.BeginBinaryImportAsync("COPY events (id, type, subject, at, received_at, body) FROM STDIN (FORMAT BINARY)");
                foreach (var row in chunk)
                {
                    await importer.StartRowAsync();
                    await importer.WriteAsync(row.Id, NpgsqlDbType.Text);
                    await importer.WriteAsync(row.Type, NpgsqlDbType.Text);
                    await importer.WriteAsync(row.Subject, NpgsqlDbType.Text);
                    await importer.WriteAsync(row.At, NpgsqlDbType.Bigint);
                    await importer.WriteAsync(receivedAt, NpgsqlDbType.Bigint);
                    await importer.WriteAsync(row.Body, NpgsqlDbType.Text);
                }

                await importer.CompleteAsync();
            }
            else
            {
                await using var command = new NpgsqlCommand(
                    "INSERT INTO events (id, type, subject, at, received_at, body) SELECT * FROM unnest(@ids, @types, @subjects, @ats, @received, @bodies) ON CONFLICT (id) DO NOTHING",
                    pg,
                    transaction);
                command.Parameters.AddWithValue("ids", chunk.Select(r => r.Id).ToArray());
                command.Parameters.AddWithValue("types", chunk.Select(r => r.Type).ToArray());
                command.Parameters.AddWithValue("subjects", chunk.Select(r => r.Subject).ToArray());
                command.Parameters.AddWithValue("ats", chunk.Select(r => r.At).ToArray());
                command.Parameters.AddWithValue("received", Enumerable.Repeat(receivedAt, chunk.Length).ToArray());
                command.Parameters.AddWithValue("bodies", chunk.Select(r => r.Body).ToArray());
                await command.ExecuteNonQueryAsync();
            }

            await transaction.CommitAsync();
        }

        return watch.Elapsed.TotalSeconds;
    }

    /// <summary>The rows through SQLite's C API with positional binding: how the server's store inserts them.</summary>
    private static void InsertThroughCApi(SqliteConnection connection, Row[] rows, long receivedAt)
    {
        var db = connection.Handle!;
        static void Check(int result)
        {
            if (result is not (SQLitePCL.raw.SQLITE_OK or SQLitePCL.raw.SQLITE_DONE))
            {
                throw new InvalidOperationException($"SQLite error {result}");
            }
        }

        Check(SQLitePCL.raw.sqlite3_prepare_v2(db, "INSERT INTO events (id, type, subject, at, received_at, body) VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (id) DO NOTHING", out var statement));
        using (statement)
        {
            Check(SQLitePCL.raw.sqlite3_bind_int64(statement, 5, receivedAt));
            foreach (var row in rows)
            {
                Check(SQLitePCL.raw.sqlite3_bind_text(statement, 1, row.Id));
                Check(SQLitePCL.raw.sqlite3_bind_text(statement, 2, row.Type));
                Check(SQLitePCL.raw.sqlite3_bind_text(statement, 3, row.Subject));
                Check(SQLitePCL.raw.sqlite3_bind_int64(statement, 4, row.At));
                Check(SQLitePCL.raw.sqlite3_bind_text(statement, 6, row.Body));
                Check(SQLitePCL.raw.sqlite3_step(statement));
                Check(SQLitePCL.raw.sqlite3_reset(statement));
            }
        }
    }

    /// <summary>
    /// Seconds to send every batch, timed from the first request: the server process has started, opened the
    /// database and been sent batches of other events for <see cref="WarmUp"/> first.
    /// </summary>
    private static async Task<double> HttpBatchesAsync(string database, string serverDll, List<string> lines, int senders)
    {
        await using var server = await ServerProcess.StartAsync(serverDll, database, AdminKey);
        var batches = Batches(lines);
        var warmUpBatches = Batches(Generate(5 * Batch));
        var warming = Stopwatch.StartNew();
        for (var round = 0; warming.Elapsed < WarmUp; round++)
        {
            await SendAsync(server.Client, [.. warmUpBatches.Select(b => Others(b, round))], senders);
        }

        CollectOwnGarbage();
        var watch = Stopwatch.StartNew();
        await SendAsync(server.Client, batches, senders);
        return watch.Elapsed.TotalSeconds;
    }

    private static List<byte[]> Batches(List<string> lines) =>
        [.. lines.Chunk(Batch).Select(chunk => Encoding.UTF8.GetBytes("[" + string.Join(",", chunk) + "]"))];

    /// <summary>The same events with other ids, of other tickets: warm-up round <paramref name="round"/>'s.</summary>
    private static byte[] Others(byte[] batch, int round) => Encoding.UTF8.GetBytes(Others(Encoding.UTF8.GetString(batch), round));

    private static string Others(string events, int round) => events
        .Replace("\"id\":\"", $"\"id\":\"warm{round}-", StringComparison.Ordinal)
        .Replace("\"ticket\":\"", $"\"ticket\":\"warm{round}-", StringComparison.Ordinal);

    private static async Task SendAsync(HttpClient client, List<byte[]> batches, int senders)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, senders).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < batches.Count)
            {
                using var content = new ByteArrayContent(batches[i]);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                using var response = await client.PostAsync("/api/v1/events", content);
                if (!response.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException($"batch {i}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
            }
        }));
    }

    private static async Task<string> SingleEventsAsync(string database, string serverDll, List<string> lines, int rate, int seconds)
    {
        await using var server = await ServerProcess.StartAsync(serverDll, database, AdminKey);
        var warmUp = (int)(rate * WarmUp.TotalSeconds);
        await OpenLoopAsync(server.Client, [.. lines.Take(warmUp).Select(l => Others(l, 0))], rate);

        var total = rate * seconds;
        CollectOwnGarbage();
        var started = DateTime.UtcNow;
        var (latencies, achieved) = await OpenLoopAsync(server.Client, lines, rate, total);
        // When the slowest were due, to match with the server's and the database's logs.
        var slowest = Enumerable.Range(0, total).OrderByDescending(i => latencies[i]).Take(3)
            .Select(i => $"{latencies[i]:F0} ms at {started.AddSeconds((double)i / rate):HH:mm:ss.fff} ({(double)i / rate:F2} s in)");
        Console.Error.WriteLine($"slowest: {string.Join(", ", slowest)} (UTC)");
        Array.Sort(latencies);
        string P(double q) => latencies[Math.Min(total - 1, (int)Math.Ceiling(q * total) - 1)].ToString("F1", CultureInfo.InvariantCulture);
        return $"{total:N0} requests ({achieved:F0}/s achieved), latency p50 {P(0.50)} ms, p90 {P(0.90)} ms, p99 {P(0.99)} ms, max {latencies[^1]:F1} ms";
    }

    /// <summary>Sends the first <paramref name="count"/> (or all) of <paramref name="lines"/> one per request, request i
    /// due at start + i / <paramref name="rate"/>; returns each one's latency from its due instant in milliseconds.</summary>
    private static async Task<(double[] Latencies, double Achieved)> OpenLoopAsync(HttpClient client, List<string> lines, int rate, int? count = null)
    {
        var total = count ?? lines.Count;
        var latencies = new double[total];
        var watch = Stopwatch.StartNew();
        var requests = new List<Task>(total);
        for (var i = 0; i < total; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / rate);
            var wait = due - watch.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait);
            }

            var index = i;
            requests.Add(Task.Run(async () =>
            {
                await PostOneAsync(client, lines[index]);
                latencies[index] = (watch.Elapsed - due).TotalMilliseconds;
            }));
        }

        await Task.WhenAll(requests);
        return (latencies, total / watch.Elapsed.TotalSeconds);
    }

    private static async Task PostOneAsync(HttpClient client, string line)
    {
        using var content = new StringContent(line, Encoding.UTF8, "application/json");
        using var response = await client.PostAsync("/api/v1/events", content);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    private sealed record Row(string Id, string Type, string Subject, long At, string Body)
    {
        public static Row Parse(string line)
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            var at = DateTimeOffset.Parse(root.GetProperty("at").GetString()!, CultureInfo.InvariantCulture);
            return new Row(root.GetProperty("id").GetString()!, root.GetProperty("type").GetString()!, root.GetProperty("ticket").GetString()!, at.UtcTicks - DateTime.UnixEpoch.Ticks, line);
        }
    }

    /// <summary>The Release server in a process of its own, on a free loopback port, stopped (and waited for) on dispose.</summary>
    private sealed class ServerProcess : IAsyncDisposable
    {
        private readonly Process _process;

        private ServerProcess(Process process, HttpClient client)
        {
            _process = process;
            Client = client;
        }

        public HttpClient Client { get; }

        public static async Task<ServerProcess> StartAsync(string serverDll, string database, string adminKey)
        {
            var port = FreePort();
            var start = new ProcessStartInfo("dotnet")
            {
                ArgumentList = { serverDll, "--urls", $"http://127.0.0.1:{port}", "--database", database, "--admin-key", adminKey },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = Path.GetTempPath(),
            };
            start.Environment["Logging__LogLevel__Default"] = "Warning";
            var process = Process.Start(start) ?? throw new InvalidOperationException("the server did not start");
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { Console.Error.WriteLine("server: " + e.Data); } };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(5) };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", adminKey);
            var server = new ServerProcess(process, client);
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    using var health = await client.GetAsync("/health");
                    if (health.IsSuccessStatusCode)
                    {
                        return server;
                    }
                }
                catch (HttpRequestException) when (attempt < 300 && !process.HasExited)
                {
                }

                if (process.HasExited || attempt >= 300)
                {
                    await server.DisposeAsync();
                    throw new InvalidOperationException("the server did not answer /health");
                }

                await Task.Delay(100);
            }
        }

        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            await _process.WaitForExitAsync();
            _process.Dispose();
        }

        private static int FreePort()
        {
            using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
            listener.Start();
            return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        }
    }
}
