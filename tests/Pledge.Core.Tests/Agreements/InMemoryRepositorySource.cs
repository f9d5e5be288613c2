using Pledge.Agreements;

namespace Pledge.Tests.Agreements;

/// <summary>
/// A service-level repository held in memory: a dictionary of path → text, paths relative to the root with '/'.
/// <see cref="YamlFiles"/> lists the .yaml and .yml files directly inside a folder, sorted ordinally, as the disk source does.
/// </summary>
internal sealed class InMemoryRepositorySource : IRepositorySource
{
    private readonly Dictionary<string, string> _files = new(StringComparer.Ordinal);

    public InMemoryRepositorySource()
    {
    }

    public InMemoryRepositorySource(IEnumerable<KeyValuePair<string, string>> files)
    {
        foreach (var (path, text) in files)
        {
            _files[path] = text;
        }
    }

    /// <summary>The text of every file, by path.</summary>
    public IReadOnlyDictionary<string, string> Files => _files;

    /// <summary>Adds or replaces a file; returns the source for chaining.</summary>
    public InMemoryRepositorySource With(string path, string text)
    {
        _files[path] = text;
        return this;
    }

    /// <summary>Removes a file; returns the source for chaining.</summary>
    public InMemoryRepositorySource Without(string path)
    {
        Assert.True(_files.Remove(path), $"{path} is not in the repository");
        return this;
    }

    /// <summary>A copy, so that a test can change it without touching the original.</summary>
    public InMemoryRepositorySource Clone() => new(_files);

    public bool Exists(string path) => _files.ContainsKey(path);

    public IReadOnlyList<string> YamlFiles(string folder)
    {
        var prefix = folder.TrimEnd('/') + "/";
        return [.. _files.Keys
            .Where(p => p.StartsWith(prefix, StringComparison.Ordinal) && !p[prefix.Length..].Contains('/', StringComparison.Ordinal))
            .Where(p => p.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || p.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)];
    }

    public string Read(string path) =>
        _files.TryGetValue(path, out var text) ? text : throw new FileNotFoundException($"{path} is not in the in-memory repository", path);

    /// <summary>Every file under <paramref name="folder"/> on disk (recursively), as a repository.</summary>
    public static InMemoryRepositorySource FromDisk(string folder)
    {
        var source = new InMemoryRepositorySource();
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            source.With(Path.GetRelativePath(folder, file).Replace(Path.DirectorySeparatorChar, '/'), File.ReadAllText(file));
        }

        return source;
    }
}
