using Pledge.Agreements;

namespace Pledge.Server;

/// <summary>A service-level repository whose files are texts in memory (from a request, or from the store's documents).</summary>
internal sealed class InMemoryRepositorySource(IReadOnlyDictionary<string, string> files) : IRepositorySource
{
    public bool Exists(string path) => files.ContainsKey(path);

    public IReadOnlyList<string> YamlFiles(string folder)
    {
        var prefix = folder.TrimEnd('/') + "/";
        return [.. files.Keys
            .Where(p => p.StartsWith(prefix, StringComparison.Ordinal) && p.IndexOf('/', prefix.Length) < 0
                && (p.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || p.EndsWith(".yml", StringComparison.OrdinalIgnoreCase)))
            .Order(StringComparer.Ordinal)];
    }

    public string Read(string path) =>
        files.TryGetValue(path, out var text) ? text : throw new FileNotFoundException($"{path} is not in the repository", path);
}
