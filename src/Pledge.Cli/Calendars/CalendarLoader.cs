using System.Globalization;
using Pledge.Calendars;
using Pledge.Cli.Infrastructure;

namespace Pledge.Cli.Calendars;

/// <summary>Reads a calendar file from disk; iCalendar files it names are read relative to it.</summary>
internal static class CalendarLoader
{
    /// <summary>Reads and validates <paramref name="path"/>; prints every problem to stderr and fails when it is not valid.</summary>
    public static CalendarFileResult Read(string? path, CliStreams streams, string option = "--calendar")
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new CliException($"{option} is required: the path of a calendar file (YAML)", PledgeApp.UsageError);
        }

        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new CliException($"{option}: cannot read \"{path}\": {e.Message}");
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        var result = CalendarFile.Read(text, path, relative => File.ReadAllText(Path.Combine(folder, relative)));
        foreach (var warning in result.Warnings)
        {
            streams.Error.WriteLine($"{path}: {warning}");
        }

        if (!result.IsValid)
        {
            var errors = result.Errors.ToList();
            foreach (var problem in errors)
            {
                streams.Error.WriteLine($"{path}: {problem}");
            }

            throw new CliException(string.Create(CultureInfo.InvariantCulture, $"{path} is not a valid calendar ({errors.Count} problem{(errors.Count == 1 ? string.Empty : "s")})"));
        }

        return result;
    }

    public static BusinessCalendar Load(string? path, CliStreams streams) => Read(path, streams).Calendar!;
}
