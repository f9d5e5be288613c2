using System.ComponentModel;
using System.Globalization;
using Pledge.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Pledge.Cli.Remote;

/// <summary><c>pledge export --server URL OUT_DIR</c>: writes the server's repository as files, the shape <c>pledge apply</c> sends.</summary>
internal sealed class ExportCommand(CliStreams streams, IAnsiConsole console) : AsyncCommand<ExportCommand.Settings>
{
    internal sealed class Settings : ServerSettings
    {
        [CommandArgument(0, "<OUT_DIR>")]
        [Description("The folder to write the files into (created when missing; files of the same path are overwritten).")]
        public string? Folder { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(settings.Folder))
        {
            throw new CliException("OUT_DIR is required: the folder to write the repository into", PledgeApp.UsageError);
        }

        using var client = new PledgeServerClient(settings);
        var files = await client.GetRepositoryAsync(streams.Error, cancellationToken);
        if (files.Keys.FirstOrDefault(p => !RepositoryFiles.IsSafe(p)) is { } unsafePath)
        {
            throw new CliException($"the server sent the path \"{unsafePath}\", which would land outside {settings.Folder}: nothing was written");
        }

        var table = new Table().AddColumns("File", "Bytes");
        try
        {
            foreach (var (path, text) in files.OrderBy(f => f.Key, StringComparer.Ordinal))
            {
                var full = Path.Combine(settings.Folder, path.Replace('/', Path.DirectorySeparatorChar));
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                await File.WriteAllTextAsync(full, text, cancellationToken);
                table.AddRow(Markup.Escape(path), new FileInfo(full).Length.ToString(CultureInfo.InvariantCulture));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"cannot write into \"{settings.Folder}\": {e.Message}");
        }

        console.Write(table);
        console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"✓ Exported {files.Count} files from {settings.Server} to {settings.Folder}")));
        return 0;
    }
}
