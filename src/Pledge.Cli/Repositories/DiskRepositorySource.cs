using Pledge.Agreements;

namespace Pledge.Cli.Repositories;

/// <summary>A service-level repository in a folder on disk.</summary>
internal sealed class DiskRepositorySource(string root) : IRepositorySource
{
    public string Root { get; } = Path.GetFullPath(root);

    public bool Exists(string path) => File.Exists(Full(path));

    public IReadOnlyList<string> YamlFiles(string folder)
    {
        var full = Full(folder);
        if (!Directory.Exists(full))
        {
            return [];
        }

        return [.. Directory.EnumerateFiles(full)
            .Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
            .Select(f => $"{folder}/{Path.GetFileName(f)}")
            .Order(StringComparer.Ordinal)];
    }

    public string Read(string path) => File.ReadAllText(Full(path));

    private string Full(string path) => Path.Combine(Root, path.Replace('/', Path.DirectorySeparatorChar));
}
