using System.Text.Json;
using NodaTime;
using NodaTime.Text;

namespace Pledge.Server.Api;

/// <summary>
/// A JSON request body read strictly: an object whose fields are all known, each of the type asked for. Every
/// problem is collected under the field's name (<c>due</c>, <c>links[1].ticket</c>) for one 400 answer.
/// </summary>
internal sealed class JsonFields
{
    private readonly JsonElement _root;

    private JsonFields(JsonElement root) => _root = root;

    /// <summary>Problems by field.</summary>
    public Dictionary<string, string[]> Errors { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Reads the body: a 413 problem when it is too large, a 400 one when it is not JSON or not an object; fields
    /// not in <paramref name="allowed"/> are collected as errors.
    /// </summary>
    public static async Task<(JsonFields? Fields, IResult? Problem)> ReadAsync(HttpRequest request, IReadOnlyCollection<string> allowed, CancellationToken cancellationToken)
    {
        if (await RequestBody.ReadAsync(request, cancellationToken) is not { } body)
        {
            return (null, RequestBody.TooLarge());
        }

        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 32 });
            root = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            return (null, Problem("Malformed JSON", $"the body is not JSON: {e.Message}", "body"));
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            return (null, Problem("Invalid request", $"the body is a JSON {Kind(root)}: it must be an object", "body"));
        }

        var fields = new JsonFields(root);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in root.EnumerateObject())
        {
            if (!allowed.Contains(property.Name))
            {
                fields.Fail(property.Name, $"unknown field \"{property.Name}\" (expected {string.Join(", ", allowed)})");
            }
            else if (!seen.Add(property.Name))
            {
                fields.Fail(property.Name, $"\"{property.Name}\" appears twice");
            }
        }

        return (fields, null);
    }

    /// <summary>Whether the body gives <paramref name="name"/> (null included).</summary>
    public bool Has(string name) => _root.TryGetProperty(name, out _);

    /// <summary>A text field: trimmed, non-empty, at most <paramref name="maxLength"/> characters; null when absent or JSON null.</summary>
    public string? Text(string name, bool required = false, int maxLength = 512) => Text(_root, name, name, required, maxLength);

    /// <summary>A date field (YYYY-MM-DD); null when absent or JSON null.</summary>
    public LocalDate? Date(string name)
    {
        if (Text(name, maxLength: 10) is not { } text)
        {
            return null;
        }

        var parsed = LocalDatePattern.Iso.Parse(text);
        if (!parsed.Success)
        {
            Fail(name, $"\"{text}\" is not a date (YYYY-MM-DD)");
            return null;
        }

        return parsed.Value;
    }

    /// <summary>The items of an array field (each an object with <paramref name="allowed"/> fields); empty when absent.</summary>
    public IReadOnlyList<(string Path, JsonElement Item)> Objects(string name, IReadOnlyCollection<string> allowed, int max)
    {
        if (!_root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            Fail(name, $"is a JSON {Kind(value)}: it must be a list");
            return [];
        }

        if (value.GetArrayLength() > max)
        {
            Fail(name, $"has {value.GetArrayLength()} items: at most {max}");
            return [];
        }

        var items = new List<(string, JsonElement)>();
        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            var path = $"{name}[{i++}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                Fail(path, $"is a JSON {Kind(item)}: it must be an object");
                continue;
            }

            foreach (var property in item.EnumerateObject().Where(p => !allowed.Contains(p.Name)))
            {
                Fail($"{path}.{property.Name}", $"unknown field \"{property.Name}\" (expected {string.Join(", ", allowed)})");
            }

            items.Add((path, item));
        }

        return items;
    }

    /// <summary>A text field of <paramref name="element"/>, named <paramref name="path"/> in problems.</summary>
    public string? Text(JsonElement element, string name, string path, bool required = false, int maxLength = 512)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                Fail(path, "is required");
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            Fail(path, $"is a JSON {Kind(value)}: it must be a string");
            return null;
        }

        var text = value.GetString()!.Trim();
        if (text.Length == 0)
        {
            Fail(path, "is empty");
            return null;
        }

        if (text.Length > maxLength)
        {
            Fail(path, $"is {text.Length} characters long: at most {maxLength}");
            return null;
        }

        if (!IsStorable(text))
        {
            Fail(path, "holds U+0000 or half a surrogate pair: it is not storable text");
            return null;
        }

        return text;
    }

    /// <summary>Records a problem with <paramref name="field"/>.</summary>
    public void Fail(string field, string message) =>
        Errors[field] = Errors.TryGetValue(field, out var earlier) ? [.. earlier, message] : [message];

    /// <summary>The collected problems as one 400 answer.</summary>
    public IResult Invalid(string title) => Invalid(title, Errors);

    /// <summary>Problems as one 400 answer naming each field.</summary>
    public static IResult Invalid(string title, Dictionary<string, string[]> errors)
    {
        var first = errors.First();
        return TypedResults.ValidationProblem(errors, title: title, detail: $"{errors.Count} invalid field(s), nothing was stored; first: {first.Key}: {first.Value[0]}");
    }

    /// <summary>One problem naming one field.</summary>
    public static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Problem(string title, string detail, string field, int status = StatusCodes.Status400BadRequest) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail,
            extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [field] = [detail] } });

    /// <summary>Whether both databases store <paramref name="text"/> unchanged: no U+0000, no half surrogate pair.</summary>
    private static bool IsStorable(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\0')
            {
                return false;
            }

            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static string Kind(JsonElement value) => value.ValueKind.ToString().ToLowerInvariant();
}
