using System.Globalization;
using Pledge.Agreements;
using YamlDotNet.RepresentationModel;

namespace Pledge.Server.Api.Definitions;

/// <summary>
/// The lifecycle of an agreement's versions as the server enforces it (docs/server.md, "Agreement lifecycle"):
/// which status may follow which, and that a version once agreed never changes in place.
/// </summary>
/// <remarks>
/// The statuses live in the agreement's file (<c>versions[].status</c>), so every rule is a comparison of the
/// stored file with the one a change would store. A version is <em>settled</em> once agreed (agreed, active,
/// under-review, expired, terminated): its content is immutable, it cannot be removed, and only its status (along
/// <see cref="Allowed"/>) and, through a transition, its <c>effective.until</c> may change.
/// </remarks>
internal static class AgreementLifecycle
{
    /// <summary>Every status, in lifecycle order, as the files spell them.</summary>
    public static readonly IReadOnlyList<string> Statuses = ["draft", "negotiating", "agreed", "active", "under-review", "expired", "terminated"];

    /// <summary>Which statuses may follow each one.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Allowed = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["draft"] = ["negotiating", "agreed"],
        ["negotiating"] = ["draft", "agreed"],
        ["agreed"] = ["active", "terminated"],
        ["active"] = ["under-review", "expired", "terminated"],
        ["under-review"] = ["active", "expired", "terminated"],
        ["expired"] = [],
        ["terminated"] = [],
    };

    /// <summary>Whether a version with <paramref name="status"/> is settled (immutable).</summary>
    public static bool IsSettled(string? status) => status is not (null or "draft" or "negotiating");

    /// <summary>Whether <paramref name="from"/> may become <paramref name="to"/>.</summary>
    public static bool CanMove(string from, string to) => Allowed.TryGetValue(from, out var next) && next.Contains(to, StringComparer.Ordinal);

    /// <summary>One version in a file: its number, status, node and lines.</summary>
    public sealed record VersionEntry(int Number, string? Status, YamlMappingNode Node, YamlEntries.Entry Entry);

    /// <summary>The versions of the agreement <paramref name="text"/>; null when it has no block list of versions.</summary>
    public static IReadOnlyList<VersionEntry>? Versions(string text)
    {
        if (YamlEntries.Child(YamlEntries.Root(text), "versions") is not YamlSequenceNode list || YamlEntries.Entries(text, list) is not { } entries)
        {
            return null;
        }

        return [.. entries
            .Where(e => e.Node is YamlMappingNode && YamlEntries.Integer(e.Node, "version") is not null)
            .Select(e => new VersionEntry(YamlEntries.Integer(e.Node, "version")!.Value, YamlEntries.Scalar(e.Node, "status"), (YamlMappingNode)e.Node, e))];
    }

    /// <summary>
    /// What the change from <paramref name="before"/> to <paramref name="after"/> (files by path) breaks in the
    /// lifecycle of agreements stored before: settled versions removed or changed, status moves not allowed, new
    /// versions added past negotiating, settled agreements deleted.
    /// </summary>
    /// <param name="before">The stored files.</param>
    /// <param name="after">The files the change would store.</param>
    /// <param name="transition">Whether the change is a transition, which may also set a settled version's <c>effective.until</c>.</param>
    public static IReadOnlyList<RepositoryProblem> Violations(IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> after, bool transition = false)
    {
        string[] mutable = transition ? ["status", "effective.until"] : ["status"];
        var problems = new List<RepositoryProblem>();
        foreach (var (path, oldText) in before)
        {
            if (RepositoryDocuments.KindOf(path) != "agreement" || Versions(oldText) is not { } oldVersions)
            {
                continue;
            }

            if (!after.TryGetValue(path, out var newText))
            {
                if (oldVersions.FirstOrDefault(v => IsSettled(v.Status)) is { } settled)
                {
                    problems.Add(new RepositoryProblem(path, 0, 0, string.Empty,
                        $"{path} has settled versions (version {settled.Number} is {settled.Status}): an agreement that was agreed is kept; terminate or expire it instead of deleting it"));
                }

                continue;
            }

            if (string.Equals(oldText, newText, StringComparison.Ordinal))
            {
                continue;
            }

            var newVersions = Versions(newText) ?? [];
            foreach (var old in oldVersions)
            {
                var now = newVersions.FirstOrDefault(v => v.Number == old.Number);
                var field = $"versions[{Index(newVersions, now)}]";
                if (now is null)
                {
                    if (IsSettled(old.Status))
                    {
                        problems.Add(new RepositoryProblem(path, 0, 0, "versions", $"version {old.Number} is {old.Status}: a settled version cannot be removed"));
                    }

                    continue;
                }

                var (line, column) = ((int)now.Node.Start.Line, (int)now.Node.Start.Column);
                if (!string.Equals(old.Status, now.Status, StringComparison.Ordinal) && old.Status is { } from && now.Status is { } to && !CanMove(from, to))
                {
                    problems.Add(new RepositoryProblem(path, line, column, $"{field}.status", $"version {old.Number} cannot go from {from} to {to}: {Next(from)}"));
                }

                if (IsSettled(old.Status) && YamlEntries.Canonical(old.Node, mutable) != YamlEntries.Canonical(now.Node, mutable))
                {
                    problems.Add(new RepositoryProblem(path, line, column, field,
                        $"version {old.Number} is {old.Status} and cannot change: put the change in a new draft version (PUT /api/v1/agreements/{{id}} makes one)"));
                }
            }

            foreach (var added in newVersions.Where(n => oldVersions.All(o => o.Number != n.Number)))
            {
                if (IsSettled(added.Status))
                {
                    problems.Add(new RepositoryProblem(path, (int)added.Node.Start.Line, (int)added.Node.Start.Column, $"versions[{Index(newVersions, added)}].status",
                        $"new version {added.Number} is {added.Status}: a new version starts as draft or negotiating and is agreed through a transition"));
                }
            }
        }

        return problems;
    }

    /// <summary>
    /// Turns an edit of a stored agreement into what the lifecycle allows: when it changes the content of one
    /// settled version, that version is kept as stored and the change becomes a new draft version (numbered after
    /// the highest, listed first). Returns the text to store and the version made, if any; or why it cannot.
    /// </summary>
    public static (string Text, int? NewVersion, string? Refusal) Reconcile(string stored, string edited)
    {
        var oldVersions = Versions(stored);
        var newVersions = Versions(edited);
        if (oldVersions is null || newVersions is null)
        {
            return (edited, null, null);
        }

        var changed = oldVersions
            .Where(o => IsSettled(o.Status) && newVersions.FirstOrDefault(n => n.Number == o.Number) is { } n
                && YamlEntries.Canonical(o.Node, "status") != YamlEntries.Canonical(n.Node, "status"))
            .ToList();
        if (changed.Count == 0)
        {
            return (edited, null, null);
        }

        if (changed.Count > 1)
        {
            return (edited, null, $"versions {string.Join(" and ", changed.Select(c => c.Number))} are settled: change one at a time (each change makes a new draft version)");
        }

        var old = changed[0];
        var number = Math.Max(newVersions.Max(v => v.Number), oldVersions.Max(v => v.Number)) + 1;
        var draft = YamlEntries.Text(edited, newVersions.First(n => n.Number == old.Number).Entry);
        draft = SetField(draft, "status", "draft");
        draft = SetField(draft, "version", number.ToString(CultureInfo.InvariantCulture));

        // The settled version goes back to its stored text; the change goes in front as the new draft.
        var text = YamlEntries.Replace(edited, newVersions.First(n => n.Number == old.Number).Entry, YamlEntries.Text(stored, old.Entry));
        var first = Versions(text)!.OrderBy(v => v.Entry.Start).First();
        return (YamlEntries.InsertBefore(text, first.Entry, draft), number, null);
    }

    /// <summary>
    /// The agreement <paramref name="text"/> with version <paramref name="number"/> moved to <paramref name="to"/>
    /// (and its <c>effective.until</c> set when given); or why not.
    /// </summary>
    public static (string? Text, string? From, string? Refusal, string Field) Transition(string text, int number, string to, string? until)
    {
        if (Versions(text)?.FirstOrDefault(v => v.Number == number) is not { } version)
        {
            return (null, null, $"the agreement has no version {number}", "version");
        }

        var from = version.Status ?? "draft";
        if (!Statuses.Contains(to, StringComparer.Ordinal))
        {
            return (null, from, $"\"{to}\" is not a status: {string.Join(", ", Statuses)}", "to");
        }

        if (!CanMove(from, to))
        {
            return (null, from, $"version {number} cannot go from {from} to {to}: {Next(from)}", "to");
        }

        // Edit the version's own text, then put it back in place: offsets inside it stay simple.
        var own = YamlEntries.Text(text, version.Entry);
        own = SetField(own, "status", to);
        if (until is not null)
        {
            if (YamlEntries.Child(YamlEntries.Root(own), "effective") is not YamlMappingNode effective || effective.Children.Count == 0)
            {
                return (null, from, $"version {number} has no effective period to end", "until");
            }

            own = YamlEntries.Set(own, effective, "until", until);
        }

        return (YamlEntries.Replace(text, version.Entry, own), from, null, string.Empty);
    }

    private static string SetField(string document, string key, string value) =>
        YamlEntries.Root(document) is { } root ? YamlEntries.Set(document, root, key, value) : document;

    private static string Next(string from) =>
        Allowed.TryGetValue(from, out var next) && next.Length > 0 ? $"from {from} it may go to {string.Join(" or ", next)}" : $"{from} is final";

    private static int Index(IReadOnlyList<VersionEntry> versions, VersionEntry? version) =>
        version is null ? 0 : versions.ToList().IndexOf(version);
}
