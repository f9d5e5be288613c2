using System.ComponentModel;
using NodaTime;
using Pledge.Cli.Calendars;
using Spectre.Console.Cli;

namespace Pledge.Cli.Repositories;

/// <summary>Options of the commands that read a service-level repository and evaluate it at an instant.</summary>
internal class RepositorySettings : CommandSettings
{
    [CommandOption("-r|--repo <DIR>")]
    [Description("The repository folder.")]
    public string? Repo { get; init; }

    [CommandOption("--at <INSTANT>")]
    [Description("Evaluate as of this instant (ISO-8601 with offset); default now.")]
    public string? At { get; init; }

    /// <summary>The instant of <c>--at</c>, or now.</summary>
    public Instant AtOrNow(IClock clock) =>
        At is null ? clock.GetCurrentInstant() : Instant.FromUnixTimeTicks(Arguments.Instant(At, "--at"));
}

/// <summary><see cref="RepositorySettings"/> with an events file.</summary>
internal class RepositoryEventsSettings : RepositorySettings
{
    [CommandOption("--events <FILE>")]
    [Description("Ticket events: JSON lines, or CSV when the name ends in .csv.")]
    public string? Events { get; init; }
}
