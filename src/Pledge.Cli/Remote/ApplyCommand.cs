using System.ComponentModel;
using System.Globalization;
using Pledge.Cli.Infrastructure;
using Pledge.Cli.Repositories;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Pledge.Cli.Remote;

/// <summary>
/// <c>pledge apply DIR --server URL</c>: validates the folder, then sends it to the server as the whole repository in
/// one call (files the server has and the folder does not are deleted), and prints what changed per file.
/// </summary>
internal sealed class ApplyCommand(CliStreams streams, IAnsiConsole console) : AsyncCommand<ApplyCommand.Settings>
{
    internal sealed class Settings : ServerSettings
    {
        [CommandArgument(0, "<DIR>")]
        [Description("The repository folder (catalogue.yaml, customers.yaml, calendars/, agreements/).")]
        public string? Folder { get; init; }

        [CommandOption("--dry-run")]
        [Description("Validate here and on the server and print what would change; store nothing.")]
        public bool DryRun { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var client = new PledgeServerClient(settings);
        var local = RepositoryLoader.Read(settings.Folder, streams, printWarnings: false);
        if (!local.IsValid)
        {
            var errors = local.Problems.Count(p => !p.IsWarning);
            throw new CliException(string.Create(CultureInfo.InvariantCulture, $"{settings.Folder} is not a valid repository ({errors} problem{(errors == 1 ? string.Empty : "s")}); nothing was sent"));
        }

        var files = RepositoryFiles.Read(settings.Folder!);
        var answer = await client.PutRepositoryAsync(files, settings.DryRun, streams.Error, cancellationToken);

        var table = new Table().AddColumns("File", "Change", "Version");
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal) { ["created"] = 0, ["updated"] = 0, ["unchanged"] = 0, ["deleted"] = 0 };
        foreach (var result in answer.GetProperty("results").EnumerateArray())
        {
            var change = result.GetProperty("change").GetString()!;
            counts[change] = counts.GetValueOrDefault(change) + 1;
            var colour = change switch { "created" => "green", "updated" => "yellow", "deleted" => "red", _ => "grey" };
            table.AddRow(
                Markup.Escape(result.GetProperty("path").GetString()!),
                $"[{colour}]{change}[/]",
                result.GetProperty("version").GetInt32().ToString(CultureInfo.InvariantCulture));
        }

        console.Write(table);
        foreach (var warning in answer.GetProperty("warnings").EnumerateArray())
        {
            streams.Error.WriteLine($"warning: {warning.GetProperty("file").GetString()}: {warning.GetProperty("message").GetString()}");
        }

        var summary = string.Create(
            CultureInfo.InvariantCulture,
            $"{counts["created"]} created, {counts["updated"]} updated, {counts["unchanged"]} unchanged, {counts["deleted"]} deleted");
        console.MarkupLine(Markup.Escape(settings.DryRun ? $"Dry run, nothing stored: would be {summary}" : $"✓ Applied {settings.Folder} to {settings.Server}: {summary}"));
        return 0;
    }
}
