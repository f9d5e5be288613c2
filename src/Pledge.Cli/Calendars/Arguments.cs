using System.Globalization;
using NodaTime;
using NodaTime.Text;
using Pledge.Cli.Infrastructure;
using Pledge.Text;

namespace Pledge.Cli.Calendars;

/// <summary>Parses option values, failing with a message that names the option.</summary>
internal static class Arguments
{
    public const string InstantHint = "ISO-8601 with offset, e.g. 2026-03-02T09:00:00+01:00";

    public static long Instant(string? text, string option)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new CliException($"{option} is required: an instant ({InstantHint})", PledgeApp.UsageError);
        }

        return IsoInstant.TryParse(text.Trim(), out var ticks)
            ? ticks
            : throw new CliException($"{option}: \"{text}\" is not an instant ({InstantHint})");
    }

    public static long Minutes(string? text, string option)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new CliException($"{option} is required: a number of business minutes (may be fractional or negative)", PledgeApp.UsageError);
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var minutes) && BusinessMinutes.TryToTicks(minutes, out var ticks)
            ? ticks
            : throw new CliException($"{option}: \"{text}\" is not a number of minutes (such as 240, 0.5 or -60; at most {BusinessMinutes.MaxMinutes:0} in size)");
    }

    public static LocalDate Date(string? text, string option)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new CliException($"{option} is required: a date (YYYY-MM-DD)", PledgeApp.UsageError);
        }

        var parsed = LocalDatePattern.Iso.Parse(text.Trim());
        return parsed.Success ? parsed.Value : throw new CliException($"{option}: \"{text}\" is not a date (YYYY-MM-DD)");
    }

    /// <summary>An instant as wall-clock time in <paramref name="zone"/> with its offset.</summary>
    public static string Format(long unixTicks, DateTimeZone zone) =>
        IsoInstant.Format(unixTicks, zone.GetUtcOffset(NodaTime.Instant.FromUnixTimeTicks(unixTicks)).Ticks);
}
