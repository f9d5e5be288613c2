namespace Pledge.Agreements;

/// <summary>
/// Where a repository's files come from: a folder on disk for the CLI, memory in tests, a database later.
/// Paths use '/' and are relative to the repository root.
/// </summary>
public interface IRepositorySource
{
    /// <summary>Whether the file exists.</summary>
    bool Exists(string path);

    /// <summary>The YAML files directly inside <paramref name="folder"/>, sorted, as paths from the root.</summary>
    IReadOnlyList<string> YamlFiles(string folder);

    /// <summary>The file's text.</summary>
    string Read(string path);
}
