using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Pledge.Server.Api.Definitions;

/// <summary>
/// Writes a JSON value as block-style YAML, so a definition sent as JSON is stored in the same shape as the
/// files people write. Strings stay strings: only those that YAML would read as text anyway are left unquoted.
/// </summary>
internal static partial class JsonAsYaml
{
    /// <summary>The YAML text of <paramref name="value"/> (an object or an array), ending with a line break.</summary>
    public static string Write(JsonElement value)
    {
        var text = new StringBuilder();
        switch (value.ValueKind)
        {
            case JsonValueKind.Object when value.EnumerateObject().Any():
                WriteMapping(value, 0, text);
                break;
            case JsonValueKind.Array when value.GetArrayLength() > 0:
                WriteSequence(value, 0, text);
                break;
            default:
                text.Append(Inline(value)).Append('\n');
                break;
        }

        return text.ToString();
    }

    private static void WriteMapping(JsonElement mapping, int indent, StringBuilder text)
    {
        var first = true;
        foreach (var property in mapping.EnumerateObject())
        {
            // The first key of a mapping inside a list entry follows the dash on its line.
            text.Append(first && indent < 0 ? string.Empty : new string(' ', Math.Abs(indent)));
            first = false;
            text.Append(Key(property.Name)).Append(':');
            WriteValue(property.Value, Math.Abs(indent) + 2, text);
        }
    }

    private static void WriteSequence(JsonElement sequence, int indent, StringBuilder text)
    {
        foreach (var item in sequence.EnumerateArray())
        {
            text.Append(new string(' ', indent)).Append("- ");
            if (item.ValueKind == JsonValueKind.Object && item.EnumerateObject().Any())
            {
                WriteMapping(item, -(indent + 2), text);
            }
            else if (item.ValueKind == JsonValueKind.Array && item.GetArrayLength() > 0)
            {
                text.Append('\n');
                WriteSequence(item, indent + 2, text);
            }
            else
            {
                text.Append(Inline(item)).Append('\n');
            }
        }
    }

    private static void WriteValue(JsonElement value, int indent, StringBuilder text)
    {
        if (value.ValueKind == JsonValueKind.Object && value.EnumerateObject().Any())
        {
            text.Append('\n');
            WriteMapping(value, indent, text);
        }
        else if (value.ValueKind == JsonValueKind.Array && value.GetArrayLength() > 0)
        {
            text.Append('\n');
            WriteSequence(value, indent, text);
        }
        else
        {
            text.Append(' ').Append(Inline(value)).Append('\n');
        }
    }

    private static string Inline(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => Text(value.GetString()!),
        JsonValueKind.Object => "{}",
        JsonValueKind.Array => "[]",
        JsonValueKind.Null => "null",
        _ => value.GetRawText(),
    };

    private static string Key(string name) => Text(name);

    private static string Text(string value)
    {
        if (Plain().IsMatch(value) && !Reserved.Contains(value))
        {
            return value;
        }

        // A YAML double-quoted scalar takes JSON's escapes; write non-ASCII as itself for people to read.
        return JsonSerializer.Serialize(value, Options);
    }

    private static readonly JsonSerializerOptions Options = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // Words YAML 1.1 readers take for booleans or null.
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase) { "true", "false", "yes", "no", "on", "off", "y", "n", "null", "~" };

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_./@-]*( [A-Za-z0-9_./@()-]+)*$")]
    private static partial Regex Plain();
}
