using Pledge.Agreements;
using Pledge.Server.Api;
using Pledge.Storage;

namespace Pledge.Server;

/// <summary>The beverage-supplier sample (<c>samples/beverage-supplier</c>), loaded into an empty database by <c>--demo</c>.</summary>
internal static class DemoSample
{
    /// <summary>The sample's path inside the source tree.</summary>
    public const string RelativePath = "samples/beverage-supplier";

    /// <summary>Who the loaded documents and the audit entry name.</summary>
    public const string Actor = "demo";

    /// <summary>
    /// The sample folder: <paramref name="configured"/> when given, else the first <see cref="RelativePath"/> found
    /// in the content root or a folder above it (so that it works from the repository root and from src/Pledge.Server).
    /// </summary>
    public static string Find(string? configured, string contentRoot)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Directory.Exists(configured)
                ? Path.GetFullPath(configured)
                : throw new InvalidOperationException($"--demo-dir: \"{configured}\" is not a folder");
        }

        foreach (var start in new[] { contentRoot, AppContext.BaseDirectory })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                var candidate = Path.Combine(folder.FullName, RelativePath);
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new InvalidOperationException($"--demo: cannot find {RelativePath} above {contentRoot}; name it with --demo-dir");
    }

    /// <summary>Loads the sample when the store has no documents; null when it had some (nothing is loaded then).</summary>
    public static async Task<(int Documents, int Events)?> LoadIfEmptyAsync(PledgeStore store, string folder, CancellationToken cancellationToken = default)
    {
        if ((await store.Documents.ListAsync(null, cancellationToken)).Count > 0)
        {
            return null;
        }

        var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(folder, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(p => !p.StartsWith("events/", StringComparison.Ordinal) && RepositoryDocuments.IsRepositoryPath(p))
            .Order(StringComparer.Ordinal)
            .ToDictionary(p => p, p => File.ReadAllText(Path.Combine(folder, p)), StringComparer.Ordinal);
        var read = ServiceLevelRepositoryReader.Read(new InMemoryRepositorySource(files));
        if (!read.IsValid)
        {
            throw new InvalidOperationException($"the demo repository {folder} is not valid: {string.Join("; ", read.Problems.Where(p => !p.IsWarning))}");
        }

        await RepositoryDocuments.StoreAsync(store, files, Actor, cancellationToken);

        var inserted = 0;
        var events = Path.Combine(folder, "events");
        string[] eventFiles = Directory.Exists(events) ? [.. Directory.EnumerateFiles(events, "*.jsonl").Order(StringComparer.Ordinal)] : [];
        foreach (var file in eventFiles)
        {
            var lines = File.ReadLines(file).Where(l => !string.IsNullOrWhiteSpace(l)).ToList();
            var batch = EventBatch.Read(lines, i => $"{Path.GetFileName(file)}:{i + 1}");
            if (batch.Problems.Count > 0)
            {
                throw new InvalidOperationException($"the demo events are not valid: {string.Join("; ", batch.Problems.Take(5).Select(p => $"{p.Field}: {p.Message}"))}");
            }

            foreach (var chunk in batch.Events.Chunk(EventStore.MaxBatchSize))
            {
                inserted += (await store.Events.AppendAsync(chunk, cancellationToken)).Inserted;
            }
        }

        return (files.Count, inserted);
    }
}
