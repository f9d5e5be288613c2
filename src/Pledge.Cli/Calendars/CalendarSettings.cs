using System.ComponentModel;
using Spectre.Console.Cli;

namespace Pledge.Cli.Calendars;

/// <summary>Options shared by the commands that compute on one calendar.</summary>
internal class CalendarSettings : CommandSettings
{
    [CommandOption("-c|--calendar <FILE>")]
    [Description("The calendar file (YAML).")]
    public string? Calendar { get; init; }
}
