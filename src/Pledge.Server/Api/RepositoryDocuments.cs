using Pledge.Storage;

namespace Pledge.Server.Api;

/// <summary>The service-level repository kept as documents in the store: one document per file, keyed by its path.</summary>
internal static class RepositoryDocuments
{
    /// <summary>Whether <paramref name="path"/> is a file a repository may hold: relative, '/'-separated, no '..'.</summary>
    public static bool IsRepositoryPath(string path) =>
        !string.IsNullOrWhiteSpace(path) && path.Length <= 400 && !path.StartsWith('/') && !path.Contains('\\', StringComparison.Ordinal)
        && !path.Contains('\0', StringComparison.Ordinal)
        && path.Split('/').All(s => s.Length > 0 && s != "." && s != "..")
        && (path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase)
            || path.EndsWith(".ics", StringComparison.OrdinalIgnoreCase));

    /// <summary>The document kind of a file: catalogue, customers, teams, suppliers, calendar, agreement, or file.</summary>
    public static string KindOf(string path) => path switch
    {
        "catalogue.yaml" => "catalogue",
        "customers.yaml" => "customers",
        "teams.yaml" => "teams",
        "suppliers.yaml" => "suppliers",
        _ when path.StartsWith("calendars/", StringComparison.Ordinal) && !path.EndsWith(".ics", StringComparison.OrdinalIgnoreCase) => "calendar",
        _ when path.StartsWith("agreements/", StringComparison.Ordinal) => "agreement",
        _ => "file",
    };

    /// <summary>The stored repository: every document's current content by path.</summary>
    public static async Task<Dictionary<string, string>> LoadAsync(PledgeStore store, CancellationToken cancellationToken)
    {
        var documents = await store.Documents.ListAsync(null, cancellationToken);
        return documents.ToDictionary(d => d.Path, d => d.Content, StringComparer.Ordinal);
    }

    /// <summary>Stores the files in one batch (a new version for each that changed) with one audit entry; returns the paths that changed.</summary>
    public static async Task<List<string>> StoreAsync(PledgeStore store, IReadOnlyDictionary<string, string> files, string actor, CancellationToken cancellationToken)
    {
        var outcomes = await store.Documents.PutManyAsync(
            new DocumentBatch([.. files.Select(f => new DocumentWrite(f.Key, KindOf(f.Key), f.Value))], [], new DocumentAudit("repository.put", "repository")),
            actor,
            cancellationToken);
        return [.. outcomes.Where(o => o.Changed).Select(o => $"{o.Path} v{o.Version}")];
    }
}
