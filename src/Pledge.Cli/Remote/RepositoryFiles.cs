namespace Pledge.Cli.Remote;

/// <summary>Which files of a folder make up its service-level repository (docs/repository.md), as the server keys them.</summary>
internal static class RepositoryFiles
{
    /// <summary>
    /// The top-level YAML files, and those of calendars/ (with their .ics files) and agreements/, by '/'-separated
    /// path: what the reader reads. Events, docs and anything else in the folder stay out.
    /// </summary>
    public static Dictionary<string, string> Read(string folder)
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        void Add(string directory, SearchOption depth, params string[] extensions)
        {
            var full = Path.Combine(folder, directory);
            if (!Directory.Exists(full))
            {
                return;
            }

            foreach (var file in Directory.EnumerateFiles(full, "*", depth))
            {
                var path = Path.GetRelativePath(folder, file).Replace(Path.DirectorySeparatorChar, '/');
                if (extensions.Any(e => path.EndsWith(e, StringComparison.OrdinalIgnoreCase)) && !path.Split('/').Any(s => s.StartsWith('.')))
                {
                    files[path] = File.ReadAllText(file);
                }
            }
        }

        Add(".", SearchOption.TopDirectoryOnly, ".yaml", ".yml");
        Add("calendars", SearchOption.AllDirectories, ".yaml", ".yml", ".ics");
        Add("agreements", SearchOption.TopDirectoryOnly, ".yaml", ".yml");
        return files;
    }

    /// <summary>Whether a path from a server is safe to write under a folder: relative, '/'-separated, no '..'.</summary>
    public static bool IsSafe(string path) =>
        path.Length > 0 && !path.StartsWith('/') && !path.Contains('\\', StringComparison.Ordinal) && !path.Contains(':', StringComparison.Ordinal)
        && path.Split('/').All(s => s.Length > 0 && s != "." && s != "..");
}
