using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Pledge.Cli.Infrastructure;

namespace Pledge.Cli.Remote;

/// <summary>The repository endpoints of a Pledge server (<c>/api/v1/repository</c>, docs/server.md), for apply and export.</summary>
internal sealed class PledgeServerClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly Uri _server;

    public PledgeServerClient(ServerSettings settings)
    {
        if (string.IsNullOrWhiteSpace(settings.Server))
        {
            throw new CliException("--server is required: the Pledge server's URL, such as http://127.0.0.1:5080", PledgeApp.UsageError);
        }

        if (!Uri.TryCreate(settings.Server.TrimEnd('/') + "/", UriKind.Absolute, out var server) || server.Scheme is not ("http" or "https"))
        {
            throw new CliException($"--server \"{settings.Server}\" is not an http:// or https:// URL", PledgeApp.UsageError);
        }

        _server = server;
        _http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
        var key = string.IsNullOrWhiteSpace(settings.ApiKey) ? Environment.GetEnvironmentVariable(ServerSettings.ApiKeyVariable) : settings.ApiKey;
        if (!string.IsNullOrWhiteSpace(key))
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key.Trim());
        }
    }

    /// <summary>Sends the whole repository (<c>replace: true</c>); the server's answer, or a <see cref="CliException"/> naming every problem.</summary>
    public async Task<JsonElement> PutRepositoryAsync(IReadOnlyDictionary<string, string> files, bool dryRun, TextWriter error, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream();
        using (var writer = new Utf8JsonWriter(body))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("files");
            foreach (var (path, text) in files.OrderBy(f => f.Key, StringComparer.Ordinal))
            {
                writer.WriteString(path, text);
            }

            writer.WriteEndObject();
            writer.WriteBoolean("replace", true);
            writer.WriteEndObject();
        }

        using var request = new HttpRequestMessage(HttpMethod.Put, new Uri(_server, dryRun ? "api/v1/repository?dryRun=true" : "api/v1/repository"))
        {
            Content = new ByteArrayContent(body.ToArray()) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
        };
        return await SendAsync(request, error, cancellationToken);
    }

    /// <summary>The server's repository: every file's text by path.</summary>
    public async Task<IReadOnlyDictionary<string, string>> GetRepositoryAsync(TextWriter error, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_server, "api/v1/repository"));
        var answer = await SendAsync(request, error, cancellationToken);
        if (!answer.TryGetProperty("files", out var files) || files.ValueKind != JsonValueKind.Object)
        {
            throw new CliException($"{_server} answered without files: is it a Pledge server?");
        }

        return files.EnumerateObject().ToDictionary(f => f.Name, f => f.Value.GetString() ?? string.Empty, StringComparer.Ordinal);
    }

    public void Dispose() => _http.Dispose();

    private async Task<JsonElement> SendAsync(HttpRequestMessage request, TextWriter error, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new CliException($"cannot reach {_server}: {e.Message}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CliException($"{_server} did not answer within {_http.Timeout.TotalMinutes.ToString(CultureInfo.InvariantCulture)} minutes");
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            JsonElement answer;
            try
            {
                using var document = JsonDocument.Parse(text.Length == 0 ? "{}" : text);
                answer = document.RootElement.Clone();
            }
            catch (JsonException)
            {
                throw new CliException($"{_server} answered {(int)response.StatusCode} with something that is not JSON");
            }

            if (response.IsSuccessStatusCode)
            {
                return answer;
            }

            // Problem details: print what each problem names, then fail with the summary.
            if (answer.ValueKind == JsonValueKind.Object && answer.TryGetProperty("problems", out var problems) && problems.ValueKind == JsonValueKind.Array)
            {
                foreach (var problem in problems.EnumerateArray())
                {
                    error.WriteLine(Describe(problem));
                }
            }

            if (answer.ValueKind == JsonValueKind.Object && answer.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object)
            {
                foreach (var field in errors.EnumerateObject())
                {
                    error.WriteLine($"{field.Name}: {string.Join("; ", field.Value.EnumerateArray().Select(m => m.GetString()))}");
                }
            }

            var detail = answer.ValueKind == JsonValueKind.Object && answer.TryGetProperty("detail", out var d) ? d.GetString() : null;
            var title = answer.ValueKind == JsonValueKind.Object && answer.TryGetProperty("title", out var t) ? t.GetString() : response.ReasonPhrase;
            throw new CliException(string.Create(CultureInfo.InvariantCulture, $"the server refused ({(int)response.StatusCode} {title}){(detail is null ? string.Empty : ": " + detail)}"));
        }
    }

    private static string Describe(JsonElement problem)
    {
        string Text(string name) => problem.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : string.Empty;
        int Number(string name) => problem.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt32() : 0;
        var where = Number("line") > 0 ? string.Create(CultureInfo.InvariantCulture, $"{Text("file")}:{Number("line")}:{Number("column")}") : Text("file");
        var field = Text("field").Length > 0 ? Text("field") + ": " : string.Empty;
        var warning = Text("severity") == "warning" ? "warning: " : string.Empty;
        var line = new StringBuilder().Append(where).Append(": ").Append(warning).Append(field).Append(Text("message"));
        return line.ToString();
    }
}
