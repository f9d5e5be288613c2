using System.Text;
using System.Text.Json;
using YamlDotNet.RepresentationModel;

namespace Pledge.Server.Api.Definitions;

/// <summary>Reads a definition sent in a request: YAML as in the files, or the same as a JSON object.</summary>
internal static class DefinitionBody
{
    /// <summary>The media types read as YAML (also a body without a content type).</summary>
    public static readonly string[] YamlTypes = ["application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml", "text/plain"];

    /// <summary>The body's YAML text and its root mapping, or the problem to answer (400, 413, 415).</summary>
    public static async Task<(string? Text, YamlMappingNode? Root, IResult? Problem)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (await RequestBody.ReadAsync(request, cancellationToken) is not { } bytes)
        {
            return (null, null, RequestBody.TooLarge());
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(bytes.Span);
        }
        catch (DecoderFallbackException)
        {
            return (null, null, Problems.BadRequest("the body is not UTF-8 text", "body"));
        }

        var mediaType = request.ContentType is { } contentType && Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var parsed)
            ? parsed.MediaType.Value ?? string.Empty
            : string.Empty;
        if (mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                using var json = JsonDocument.Parse(text);
                if (json.RootElement.ValueKind != JsonValueKind.Object)
                {
                    return (null, null, Problems.BadRequest($"the body is a JSON {json.RootElement.ValueKind.ToString().ToLowerInvariant()}: a definition is an object", "body"));
                }

                text = JsonAsYaml.Write(json.RootElement);
            }
            catch (JsonException e)
            {
                return (null, null, Problems.BadRequest($"the body is not JSON: {e.Message}", "body"));
            }
        }
        else if (mediaType.Length > 0 && !YamlTypes.Contains(mediaType, StringComparer.OrdinalIgnoreCase))
        {
            return (null, null, TypedResults.Problem(
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Unsupported media type",
                detail: $"send the definition as application/yaml (as in the files) or application/json, not {mediaType}"));
        }

        if (text.Contains('\0', StringComparison.Ordinal))
        {
            return (null, null, Problems.BadRequest("the body contains U+0000", "body"));
        }

        var (line, column, message) = ParseProblem(text);
        if (message is not null)
        {
            return (null, null, TypedResults.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "Invalid request",
                detail: $"line {line}, column {column}: {message}",
                extensions: new Dictionary<string, object?>
                {
                    ["errors"] = new Dictionary<string, string[]> { ["body"] = [message] },
                    ["line"] = line,
                    ["column"] = column,
                }));
        }

        return (text, YamlEntries.Root(text), null);
    }

    private static (int Line, int Column, string? Message) ParseProblem(string text)
    {
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode)
            {
                return (1, 1, stream.Documents.Count > 1 ? "the body holds several YAML documents: send one definition" : "the body is not a YAML mapping (fields such as id: …)");
            }

            return (0, 0, null);
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            return ((int)e.Start.Line, (int)e.Start.Column, $"not valid YAML: {(e.InnerException ?? e).Message}");
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            return (1, 1, "not valid YAML: a list or mapping ([ or {) is not closed");
        }
    }
}
