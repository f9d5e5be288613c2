using YamlDotNet.RepresentationModel;

namespace Pledge.Server.Api.Definitions;

/// <summary>
/// Which fields differ between two versions of a definition, named as the reader names them
/// (<c>versions[0].targets[1].thresholds.P1</c>, indexes those of the newer version).
/// </summary>
/// <remarks>
/// List entries are matched by their <c>id</c> (or <c>version</c>, <c>name</c>, <c>slot</c>) when every entry on both
/// sides has one, so inserting a version in front does not read as every version changing; otherwise by position.
/// </remarks>
internal static class FieldDiff
{
    /// <summary>One field that differs: <c>added</c>, <c>removed</c> or <c>changed</c>, with its scalar values when it has them.</summary>
    public sealed record Field(string Path, string Change, string? Before, string? After);

    private static readonly string[] Identities = ["id", "version", "name", "slot"];

    public static IReadOnlyList<Field> Compute(string? before, string? after)
    {
        var fields = new List<Field>();
        Compare(string.Empty, Parse(before), Parse(after), fields);
        return fields;
    }

    private static YamlMappingNode? Parse(string? text) => string.IsNullOrEmpty(text) ? null : YamlEntries.Root(text);

    private static void Compare(string path, YamlNode? before, YamlNode? after, List<Field> fields)
    {
        switch (before, after)
        {
            case (null, null):
                return;
            case (null, _):
                fields.Add(new Field(Named(path), "added", null, Scalar(after)));
                return;
            case (_, null):
                fields.Add(new Field(Named(path), "removed", Scalar(before), null));
                return;
            case (YamlMappingNode a, YamlMappingNode b):
                var keys = a.Children.Keys.Concat(b.Children.Keys).OfType<YamlScalarNode>().Select(k => k.Value ?? string.Empty).Distinct(StringComparer.Ordinal);
                foreach (var key in keys)
                {
                    Compare(path.Length == 0 ? key : $"{path}.{key}", YamlEntries.Child(a, key), YamlEntries.Child(b, key), fields);
                }

                return;
            case (YamlSequenceNode a, YamlSequenceNode b):
                CompareLists(path, a, b, fields);
                return;
            case (YamlScalarNode a, YamlScalarNode b):
                if (!string.Equals(a.Value, b.Value, StringComparison.Ordinal))
                {
                    fields.Add(new Field(Named(path), "changed", a.Value, b.Value));
                }

                return;
            default:
                fields.Add(new Field(Named(path), "changed", Scalar(before), Scalar(after)));
                return;
        }
    }

    private static void CompareLists(string path, YamlSequenceNode a, YamlSequenceNode b, List<Field> fields)
    {
        var identity = Identities.FirstOrDefault(key => a.Children.Concat(b.Children).All(n => YamlEntries.Scalar(n, key) is not null));
        if (identity is null)
        {
            for (var i = 0; i < Math.Max(a.Children.Count, b.Children.Count); i++)
            {
                Compare($"{path}[{i}]", i < a.Children.Count ? a.Children[i] : null, i < b.Children.Count ? b.Children[i] : null, fields);
            }

            return;
        }

        var old = a.Children.ToDictionary(n => YamlEntries.Scalar(n, identity)!, StringComparer.Ordinal);
        for (var i = 0; i < b.Children.Count; i++)
        {
            var key = YamlEntries.Scalar(b.Children[i], identity)!;
            Compare($"{path}[{i}]", old.GetValueOrDefault(key), b.Children[i], fields);
            old.Remove(key);
        }

        foreach (var (key, gone) in old)
        {
            fields.Add(new Field($"{path}[{identity}={key}]", "removed", Scalar(gone), null));
        }
    }

    private static string Named(string path) => path.Length == 0 ? "(whole)" : path;

    private static string? Scalar(YamlNode? node) => node is YamlScalarNode scalar ? scalar.Value : null;
}
