using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Pledge.Server.Api.Definitions;

/// <summary>
/// A kind of definition the API edits one at a time (services, customers, calendars, agreements): where its
/// entries live in the repository's files and how a file changes when one is created, replaced or removed.
/// </summary>
internal abstract partial class DefinitionKind
{
    public static readonly DefinitionKind Services = new ListedKind("services", "service", "catalogue.yaml", "services", customerIsId: false);
    public static readonly DefinitionKind Customers = new ListedKind("customers", "customer", "customers.yaml", "customers", customerIsId: true);
    public static readonly DefinitionKind Calendars = new FileKind("calendars", "calendar", "calendars", "name");
    public static readonly DefinitionKind Agreements = new FileKind("agreements", "agreement", "agreements", "id");

    protected DefinitionKind(string plural, string singular, string idField)
    {
        Plural = plural;
        Singular = singular;
        IdField = idField;
    }

    /// <summary>The route segment: <c>customers</c>.</summary>
    public string Plural { get; }

    /// <summary>The name in messages and audit actions: <c>customer</c>.</summary>
    public string Singular { get; }

    /// <summary>The field that holds the id (<c>id</c>; <c>name</c> for calendars).</summary>
    public string IdField { get; }

    /// <summary>Every entry of this kind in <paramref name="files"/>, in file and list order.</summary>
    public abstract IReadOnlyList<DefinitionEntry> Entries(IReadOnlyDictionary<string, string> files);

    /// <summary>The entry with <paramref name="id"/>, or null.</summary>
    public DefinitionEntry? Find(IReadOnlyDictionary<string, string> files, string id) =>
        Entries(files).FirstOrDefault(e => string.Equals(e.Id, id, StringComparison.OrdinalIgnoreCase));

    /// <summary>The files after adding <paramref name="text"/> as a new entry; or why not.</summary>
    public abstract (string Path, string? Text, string? Refusal) Create(IReadOnlyDictionary<string, string> files, string id, string text);

    /// <summary>The file after replacing <paramref name="entry"/> by <paramref name="text"/>; or why not.</summary>
    public abstract (string Path, string? Text, string? Refusal) Replace(IReadOnlyDictionary<string, string> files, DefinitionEntry entry, string text);

    /// <summary>The file after removing <paramref name="entry"/>: its new text, or null when the file itself goes.</summary>
    public abstract (string Path, string? Text, string? Refusal) Remove(IReadOnlyDictionary<string, string> files, DefinitionEntry entry);

    /// <summary>The file whose history holds <paramref name="id"/>'s changes.</summary>
    public abstract string HistoryPath(IReadOnlyDictionary<string, string> files, string id);

    /// <summary>The entry <paramref name="id"/>'s text inside one version of the file at <paramref name="path"/>, or null when absent.</summary>
    public abstract string? TextIn(string path, string content, string id);

    /// <summary>The customer the entry <paramref name="id"/> with <paramref name="text"/> belongs to, or null for a shared one.</summary>
    public abstract string? CustomerOf(string id, string text);

    /// <summary>Whether <paramref name="id"/> can name a file: letters, digits, '.', '_' and '-'.</summary>
    public static bool IsFileId(string id) => SafeId().IsMatch(id) && !id.Contains("..", StringComparison.Ordinal);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")]
    private static partial Regex SafeId();

    /// <summary>An entry in a list of one file: services in catalogue.yaml, customers in customers.yaml.</summary>
    private sealed class ListedKind(string plural, string singular, string file, string key, bool customerIsId) : DefinitionKind(plural, singular, "id")
    {
        public override IReadOnlyList<DefinitionEntry> Entries(IReadOnlyDictionary<string, string> files) =>
            files.TryGetValue(file, out var text) ? Read(text) : [];

        public override (string Path, string? Text, string? Refusal) Create(IReadOnlyDictionary<string, string> files, string id, string text)
        {
            var current = files.GetValueOrDefault(file) ?? string.Empty;
            return YamlEntries.Append(current, key, text) is { } added
                ? (file, added, null)
                : (file, null, $"{file} writes {key} as a flow list ([…]): write it as a block list (one \"- \" entry per line) to edit it over the API");
        }

        public override (string Path, string? Text, string? Refusal) Replace(IReadOnlyDictionary<string, string> files, DefinitionEntry entry, string text)
        {
            var current = files[file];
            var found = Locate(current, entry.Id);
            return found is null ? (file, null, $"{entry.Id} is not in a block list of {file}") : (file, YamlEntries.Replace(current, found, text), null);
        }

        public override (string Path, string? Text, string? Refusal) Remove(IReadOnlyDictionary<string, string> files, DefinitionEntry entry)
        {
            var current = files[file];
            var found = Locate(current, entry.Id);
            return found is null ? (file, null, $"{entry.Id} is not in a block list of {file}") : (file, YamlEntries.Remove(current, found), null);
        }

        public override string HistoryPath(IReadOnlyDictionary<string, string> files, string id) => file;

        public override string? CustomerOf(string id, string text) => customerIsId ? id : null;

        public override string? TextIn(string path, string content, string id) =>
            Read(content).FirstOrDefault(e => string.Equals(e.Id, id, StringComparison.OrdinalIgnoreCase))?.Text;

        private YamlEntries.Entry? Locate(string text, string id) =>
            YamlEntries.Child(YamlEntries.Root(text), key) is YamlSequenceNode list && YamlEntries.Entries(text, list) is { } entries
                ? entries.FirstOrDefault(e => string.Equals(YamlEntries.Scalar(e.Node, "id"), id, StringComparison.OrdinalIgnoreCase))
                : null;

        private List<DefinitionEntry> Read(string text)
        {
            if (YamlEntries.Child(YamlEntries.Root(text), key) is not YamlSequenceNode list)
            {
                return [];
            }

            if (YamlEntries.Entries(text, list) is { } entries)
            {
                return [.. entries
                    .Where(e => YamlEntries.Scalar(e.Node, "id") is not null)
                    .Select(e =>
                    {
                        var id = YamlEntries.Scalar(e.Node, "id")!;
                        return new DefinitionEntry(id, file, YamlEntries.Text(text, e), YamlEntries.Scalar(e.Node, "name"), customerIsId ? id : null);
                    })];
            }

            // A flow list can be read, though not edited in place.
            return [.. list.Children.Where(n => YamlEntries.Scalar(n, "id") is not null).Select(n =>
            {
                var id = YamlEntries.Scalar(n, "id")!;
                return new DefinitionEntry(id, file, text[(int)n.Start.Index..(int)n.End.Index], YamlEntries.Scalar(n, "name"), customerIsId ? id : null);
            })];
        }
    }

    /// <summary>A file of its own: a calendar in calendars/, an agreement in agreements/.</summary>
    private sealed class FileKind(string plural, string singular, string folder, string idField) : DefinitionKind(plural, singular, idField)
    {
        public override IReadOnlyList<DefinitionEntry> Entries(IReadOnlyDictionary<string, string> files) =>
            [.. files.Where(f => InFolder(f.Key)).OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => Read(f.Key, f.Value)).OfType<DefinitionEntry>()];

        public override (string Path, string? Text, string? Refusal) Create(IReadOnlyDictionary<string, string> files, string id, string text)
        {
            if (!IsFileId(id))
            {
                return (string.Empty, null, $"\"{id}\" cannot name a file: use letters, digits, '.', '_' and '-'");
            }

            var path = $"{folder}/{id}.yaml";
            return files.ContainsKey(path) ? (path, null, $"{path} already exists") : (path, Normalise(text), null);
        }

        public override (string Path, string? Text, string? Refusal) Replace(IReadOnlyDictionary<string, string> files, DefinitionEntry entry, string text) =>
            (entry.Path, Normalise(text), null);

        public override (string Path, string? Text, string? Refusal) Remove(IReadOnlyDictionary<string, string> files, DefinitionEntry entry) =>
            (entry.Path, null, null);

        public override string HistoryPath(IReadOnlyDictionary<string, string> files, string id) =>
            Find(files, id)?.Path ?? $"{folder}/{id}.yaml";

        public override string? TextIn(string path, string content, string id) => content;

        public override string? CustomerOf(string id, string text) => YamlEntries.Scalar(YamlEntries.Child(YamlEntries.Root(text), "parties"), "customer");

        private bool InFolder(string path) =>
            path.StartsWith(folder + "/", StringComparison.Ordinal) && path.IndexOf('/', folder.Length + 1) < 0
            && (path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase));

        private DefinitionEntry? Read(string path, string text)
        {
            var root = YamlEntries.Root(text);
            var stem = Path.GetFileNameWithoutExtension(path);

            // A calendar without a name is named after its file (docs/calendars.md).
            var id = YamlEntries.Scalar(root, IdField) ?? (IdField == "name" ? stem : null);
            return id is null
                ? null
                : new DefinitionEntry(id, path, text, YamlEntries.Scalar(root, "name"), YamlEntries.Scalar(YamlEntries.Child(root, "parties"), "customer"));
        }

        private static string Normalise(string text) => text.EndsWith('\n') ? text : text + "\n";
    }
}
