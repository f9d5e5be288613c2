using System.ComponentModel;
using System.Globalization;
using Pledge.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Pledge.Cli.Repositories;

/// <summary><c>pledge validate DIR</c>: checks a whole repository, every problem with file, line and field.</summary>
internal sealed class ValidateCommand(CliStreams streams, IAnsiConsole console) : Command<ValidateCommand.Settings>
{
    internal sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<DIR>")]
        [Description("The repository folder (catalogue.yaml, customers.yaml, calendars/, agreements/).")]
        public string? Folder { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var result = RepositoryLoader.Read(settings.Folder, streams);
        var errors = result.Problems.Count(p => !p.IsWarning);
        var warnings = result.Problems.Length - errors;
        if (!result.IsValid)
        {
            throw new CliException(string.Create(CultureInfo.InvariantCulture, $"{settings.Folder} is not valid: {errors} error(s), {warnings} warning(s)"));
        }

        var repository = result.Repository;
        console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"✓ {settings.Folder} is valid: {repository.Services.Count} services, {repository.Customers.Count} customers, {repository.Calendars.Count} calendars, {repository.Agreements.Count} agreements, {warnings} warning(s)")));
        return 0;
    }
}
