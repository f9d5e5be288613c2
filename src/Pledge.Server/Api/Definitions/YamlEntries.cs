using System.Globalization;
using System.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Pledge.Server.Api.Definitions;

/// <summary>
/// Edits the text of a repository file in place: the entries of a block list (<c>customers:</c>, <c>services:</c>,
/// <c>versions:</c>) and single scalars, leaving every other line (comments included) as it was written.
/// </summary>
/// <remarks>
/// An entry is the lines from its dash to its last content line; comment and blank lines after it belong to what
/// follows. Only block lists are edited: a list written in flow style (<c>[a, b]</c>) is refused by the callers.
/// </remarks>
internal static class YamlEntries
{
    /// <summary>One entry of a block list: its node and the span of its lines in the text.</summary>
    /// <param name="Node">The entry's node.</param>
    /// <param name="Start">Where its dash line starts.</param>
    /// <param name="End">Just after its last content line (its line break included, when there is one).</param>
    /// <param name="DashColumn">The dash's column, from 0.</param>
    public sealed record Entry(YamlNode Node, int Start, int End, int DashColumn);

    /// <summary>The root mapping of <paramref name="text"/>, or null when it is empty, not YAML or not a mapping.</summary>
    public static YamlMappingNode? Root(string text)
    {
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            return stream.Documents.Count > 0 ? stream.Documents[0].RootNode as YamlMappingNode : null;
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>The value of <paramref name="key"/> in <paramref name="mapping"/>, or null.</summary>
    public static YamlNode? Child(YamlMappingNode? mapping, string key) =>
        mapping is not null && mapping.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : null;

    /// <summary>The plain text of <paramref name="key"/>'s scalar value in <paramref name="node"/>, or null.</summary>
    public static string? Scalar(YamlNode? node, string key) =>
        Child(node as YamlMappingNode, key) is YamlScalarNode { Value: { Length: > 0 } value } ? value : null;

    /// <summary>The entries of the block list <paramref name="list"/>; null when it is written in flow style.</summary>
    public static IReadOnlyList<Entry>? Entries(string text, YamlSequenceNode list)
    {
        if (list.Style == YamlDotNet.Core.Events.SequenceStyle.Flow)
        {
            return list.Children.Count == 0 ? [] : null;
        }

        var entries = new List<Entry>(list.Children.Count);
        foreach (var node in list.Children)
        {
            var dash = (int)node.Start.Index - 1;
            while (dash >= 0 && char.IsWhiteSpace(text[dash]))
            {
                dash--;
            }

            if (dash < 0 || text[dash] != '-')
            {
                return null;
            }

            var start = text.LastIndexOf('\n', Math.Max(dash - 1, 0)) + 1;
            if (dash == 0)
            {
                start = 0;
            }

            var column = dash - start;
            var end = LineEnd(text, dash);
            for (var line = end; line < text.Length; line = LineEnd(text, line))
            {
                var content = FirstContent(text, line);
                if (content < 0)
                {
                    continue;
                }

                if (content - line <= column)
                {
                    break;
                }

                end = LineEnd(text, line);
            }

            entries.Add(new Entry(node, start, end, column));
        }

        return entries;
    }

    /// <summary>An entry's own text, as a document of its own: without its dash, de-indented, without the final line break.</summary>
    public static string Text(string text, Entry entry)
    {
        var from = (int)entry.Node.Start.Index;
        var indent = (int)entry.Node.Start.Column - 1;
        var lines = text[from..entry.End].TrimEnd('\r', '\n').Split('\n');
        for (var i = 1; i < lines.Length; i++)
        {
            var spaces = 0;
            while (spaces < indent && spaces < lines[i].Length && lines[i][spaces] == ' ')
            {
                spaces++;
            }

            lines[i] = lines[i][spaces..];
        }

        return string.Join('\n', lines);
    }

    /// <summary><paramref name="text"/> without <paramref name="entry"/>'s lines.</summary>
    public static string Remove(string text, Entry entry) => text[..entry.Start] + text[entry.End..];

    /// <summary><paramref name="text"/> with <paramref name="entry"/>'s lines replaced by <paramref name="item"/>, at the same indentation.</summary>
    public static string Replace(string text, Entry entry, string item) =>
        text[..entry.Start] + Item(item, entry.DashColumn, entry.End < text.Length || text.EndsWith('\n')) + text[entry.End..];

    /// <summary><paramref name="text"/> with <paramref name="item"/> inserted before <paramref name="entry"/>, at its indentation.</summary>
    public static string InsertBefore(string text, Entry entry, string item) =>
        text[..entry.Start] + Item(item, entry.DashColumn, lineBreak: true) + text[entry.Start..];

    /// <summary>
    /// <paramref name="text"/> with <paramref name="item"/> added at the end of the list under the top-level
    /// <paramref name="key"/>: the list (and the file) made when missing. Null when the list is in flow style.
    /// </summary>
    public static string? Append(string text, string key, string item)
    {
        var root = Root(text);
        if (root is null)
        {
            return string.IsNullOrWhiteSpace(text) || text.TrimStart().StartsWith('#')
                ? $"{text}{(text.Length == 0 || text.EndsWith('\n') ? string.Empty : "\n")}{key}:\n{Item(item, 2, lineBreak: true)}"
                : null;
        }

        var keyNode = root.Children.Keys.OfType<YamlScalarNode>().FirstOrDefault(k => k.Value == key);
        if (keyNode is null)
        {
            return $"{text}{(text.Length == 0 || text.EndsWith('\n') ? string.Empty : "\n")}{key}:\n{Item(item, 2, lineBreak: true)}";
        }

        var value = root.Children[keyNode];
        if (value is YamlSequenceNode list && Entries(text, list) is { Count: > 0 } entries)
        {
            var last = entries[^1];
            var before = text[..last.End];
            return before + (before.EndsWith('\n') ? string.Empty : "\n") + Item(item, last.DashColumn, lineBreak: true) + text[last.End..];
        }

        if (value is YamlScalarNode { Value: null or "" or "~" or "null" } || value is YamlSequenceNode { Children.Count: 0 })
        {
            // "customers:" or "customers: []": the key's line becomes the head of a block list.
            var lineStart = text.LastIndexOf('\n', Math.Max((int)keyNode.Start.Index - 1, 0)) + 1;
            if (keyNode.Start.Index == 0)
            {
                lineStart = 0;
            }

            var lineEnd = LineEnd(text, (int)keyNode.Start.Index);
            var indent = (int)keyNode.Start.Column - 1;
            return text[..lineStart] + new string(' ', indent) + key + ":\n" + Item(item, indent + 2, lineBreak: true) + text[lineEnd..];
        }

        return null;
    }

    /// <summary><paramref name="text"/> with the scalar <paramref name="node"/> replaced by <paramref name="value"/> (written plain).</summary>
    public static string ReplaceScalar(string text, YamlScalarNode node, string value) =>
        text[..(int)node.Start.Index] + value + text[(int)node.End.Index..];

    /// <summary>
    /// Sets <paramref name="key"/> to <paramref name="value"/> in <paramref name="mapping"/>: its scalar replaced when
    /// present, else added after the mapping's last field (inside the braces of a flow mapping).
    /// </summary>
    public static string Set(string text, YamlMappingNode mapping, string key, string value)
    {
        if (Child(mapping, key) is YamlScalarNode existing)
        {
            return ReplaceScalar(text, existing, value);
        }

        var last = mapping.Children.Last();
        if (mapping.Style == YamlDotNet.Core.Events.MappingStyle.Flow)
        {
            var close = text.IndexOf('}', (int)last.Value.End.Index);
            return text[..close].TrimEnd() + $", {key}: {value} " + text[close..];
        }

        var lineEnd = LineEnd(text, (int)last.Key.Start.Index);
        var prefix = lineEnd > 0 && text[lineEnd - 1] == '\n' ? string.Empty : "\n";
        return text[..lineEnd] + prefix + new string(' ', (int)last.Key.Start.Column - 1) + $"{key}: {value}\n" + text[lineEnd..];
    }

    /// <summary>
    /// A document's text as a list entry at <paramref name="column"/>: "- " before its first line, its other lines
    /// indented under it.
    /// </summary>
    public static string Item(string document, int column, bool lineBreak)
    {
        var lines = document.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n', ' ').Split('\n').ToList();
        while (lines.Count > 0 && (lines[0].Trim().Length == 0 || lines[0].Trim() == "---"))
        {
            lines.RemoveAt(0);
        }

        var indent = lines.Where(l => l.Trim().Length > 0).Select(l => l.Length - l.TrimStart(' ').Length).DefaultIfEmpty(0).Min();
        var pad = new string(' ', column);
        var item = new StringBuilder();
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i].Length >= indent ? lines[i][indent..] : lines[i].TrimStart(' ');
            item.Append(i == 0 ? pad + "- " + line : line.Length == 0 ? string.Empty : pad + "  " + line);
            if (i < lines.Count - 1 || lineBreak)
            {
                item.Append('\n');
            }
        }

        return item.ToString();
    }

    /// <summary>A node written out ignoring style and comments, to compare two versions of it for content.</summary>
    /// <param name="node">The node.</param>
    /// <param name="skip">Keys to leave out, as paths from the node: <c>status</c>, <c>effective.until</c>.</param>
    public static string Canonical(YamlNode node, params string[] skip)
    {
        var text = new StringBuilder();
        Write(node, skip, text);
        return text.ToString();

        static void Write(YamlNode node, string[] skip, StringBuilder text)
        {
            switch (node)
            {
                case YamlScalarNode scalar:
                    text.Append('"').Append(scalar.Value?.Replace("\"", "\\\"", StringComparison.Ordinal)).Append('"');
                    break;
                case YamlSequenceNode sequence:
                    text.Append('[');
                    foreach (var child in sequence.Children)
                    {
                        Write(child, [], text);
                        text.Append(',');
                    }

                    text.Append(']');
                    break;
                case YamlMappingNode mapping:
                    text.Append('{');
                    foreach (var (key, value) in mapping.Children)
                    {
                        var name = (key as YamlScalarNode)?.Value ?? string.Empty;
                        if (skip.Contains(name, StringComparer.Ordinal))
                        {
                            continue;
                        }

                        Write(key, [], text);
                        text.Append(':');
                        Write(value, [.. skip.Where(s => s.StartsWith(name + ".", StringComparison.Ordinal)).Select(s => s[(name.Length + 1)..])], text);
                        text.Append(',');
                    }

                    text.Append('}');
                    break;
                default:
                    text.Append(node.ToString());
                    break;
            }
        }
    }

    /// <summary>An integer scalar, or null.</summary>
    public static int? Integer(YamlNode? node, string key) =>
        int.TryParse(Scalar(node, key), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static int LineEnd(string text, int from)
    {
        var end = text.IndexOf('\n', from);
        return end < 0 ? text.Length : end + 1;
    }

    /// <summary>The first character of the line at <paramref name="lineStart"/> that is not a space; -1 when the line is blank or only a comment.</summary>
    private static int FirstContent(string text, int lineStart)
    {
        var i = lineStart;
        while (i < text.Length && (text[i] == ' ' || text[i] == '\t'))
        {
            i++;
        }

        return i >= text.Length || text[i] is '\n' or '\r' or '#' ? -1 : i;
    }
}
