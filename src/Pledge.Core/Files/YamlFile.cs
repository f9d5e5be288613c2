using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Pledge.Files;

/// <summary>
/// Reading one YAML file of a repository with every problem located: parses it, walks mappings with
/// known fields, and collects problems (field path, line, column) instead of throwing.
/// </summary>
internal sealed class YamlFile(string file, Action<string, int, int, string, string, bool> report)
{
    public string File { get; } = file;

    /// <summary>Parses <paramref name="text"/>; the root mapping, or null (with a problem) when there is none.</summary>
    /// <param name="text">The file's text.</param>
    /// <param name="expected">The fields a mapping would have, named in the message for an empty file.</param>
    public YamlMappingNode? Parse(string text, string? expected = null)
    {
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            if (stream.Documents.Count > 0 && stream.Documents[0].RootNode is YamlMappingNode root)
            {
                return root;
            }

            Error(string.Empty, null, expected is null ? "the file is empty or is not a YAML mapping" : $"the file is empty or is not a YAML mapping (expected {expected})");
            return null;
        }
        catch (YamlException e)
        {
            // A "while parsing …" message wraps the one that says what is wrong.
            var cause = e.InnerException is { } inner && e.Message.Contains("while", StringComparison.Ordinal) ? inner : e;
            report(File, (int)e.Start.Line, (int)e.Start.Column, string.Empty, $"not valid YAML: {cause.Message}", false);
            return null;
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet's scanner reports unclosed flow collections this way, without a position.
            var (line, column) = LastReadablePosition(text);
            report(File, line, column, string.Empty, "not valid YAML: a list or mapping opened near here ([ or {) is not closed", false);
            return null;
        }
    }

    /// <summary>The position of the last event the parser could read: where a document it cannot read breaks.</summary>
    public static (int Line, int Column) LastReadablePosition(string yaml)
    {
        var parser = new Parser(new StringReader(yaml));
        var line = 1;
        var column = 1;
        try
        {
            while (parser.MoveNext())
            {
                if (parser.Current is { } current)
                {
                    (line, column) = ((int)current.Start.Line, (int)current.Start.Column);
                }
            }
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException or ArgumentException)
        {
            // The parser fails again where the document breaks; the position reached is the answer.
        }

        return (line, column);
    }

    /// <summary>The fields of a mapping by name; unknown names are reported with the ones allowed.</summary>
    public Dictionary<string, YamlNode> Fields(YamlNode node, string path, params string[] allowed)
    {
        var fields = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        if (node is not YamlMappingNode mapping)
        {
            Error(path, node, $"must be a mapping with {string.Join(", ", allowed)}");
            return fields;
        }

        foreach (var (keyNode, value) in mapping.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? string.Empty;
            if (Array.IndexOf(allowed, key) < 0)
            {
                Error(Join(path, key), keyNode, $"unknown field \"{key}\" (expected {string.Join(", ", allowed)})");
                continue;
            }

            fields[key] = value;
        }

        return fields;
    }

    /// <summary>The items of a list field; null (reported) when it is not a list.</summary>
    public IReadOnlyList<YamlNode>? List(YamlNode node, string path, string what)
    {
        if (IsNull(node))
        {
            return [];
        }

        if (node is YamlSequenceNode sequence)
        {
            return [.. sequence.Children];
        }

        Error(path, node, $"must be a list of {what}");
        return null;
    }

    /// <summary>A required text field.</summary>
    public string? Required(Dictionary<string, YamlNode> fields, string name, string path, YamlNode parent, string hint)
    {
        if (!fields.TryGetValue(name, out var node))
        {
            Error(Join(path, name), parent, $"is required: {hint}");
            return null;
        }

        return Text(node, Join(path, name));
    }

    /// <summary>An optional text field (null when absent).</summary>
    public string? Optional(Dictionary<string, YamlNode> fields, string name, string path) =>
        fields.TryGetValue(name, out var node) && !IsNull(node) ? Text(node, Join(path, name)) : null;

    /// <summary>A scalar's non-empty text; null (reported) otherwise.</summary>
    public string? Text(YamlNode node, string path)
    {
        if (node is YamlScalarNode { Value: { } value } && !string.IsNullOrWhiteSpace(value))
        {
            return value.Trim();
        }

        Error(path, node, "must be a non-empty text");
        return null;
    }

    public void Error(string path, YamlNode? node, string message) =>
        report(File, Line(node), Column(node), path, message, false);

    public void Warning(string path, YamlNode? node, string message) =>
        report(File, Line(node), Column(node), path, message, true);

    public static string Join(string path, string name) => string.IsNullOrEmpty(path) ? name : $"{path}.{name}";

    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain, Value: null or "" or "~" or "null" };

    private static int Line(YamlNode? node) => node is null ? 0 : (int)node.Start.Line;

    private static int Column(YamlNode? node) => node is null ? 0 : (int)node.Start.Column;
}
