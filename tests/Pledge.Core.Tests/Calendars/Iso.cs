using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace Pledge.Tests.Calendars;

/// <summary>Reads and writes the ISO-8601 instants the test tables are written in.</summary>
internal static class Iso
{
    // Seconds and fractions optional on input ("2026-03-02T09:00+01:00", "…T09:00:29.5+01:00"); "Z" or an offset.
    private static readonly OffsetDateTimePattern[] Patterns =
    [
        OffsetDateTimePattern.ExtendedIso,
        OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mmo<G>"),
    ];

    private static readonly OffsetDateTimePattern Output = OffsetDateTimePattern.ExtendedIso;

    /// <summary>Parses an ISO instant written with its offset.</summary>
    public static Instant Instant(string text)
    {
        foreach (var pattern in Patterns)
        {
            var result = pattern.Parse(text);
            if (result.Success)
            {
                return result.Value.ToInstant();
            }
        }

        throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"'{text}' is not an ISO instant with an offset"));
    }

    /// <summary>An instant as an ISO string in <paramref name="zone"/>, with that zone's offset: what failures print.</summary>
    public static string InZone(Instant instant, DateTimeZone zone) =>
        Output.Format(instant.InZone(zone).ToOffsetDateTime());

    /// <summary>Normalises an ISO text to the same form <see cref="InZone"/> gives, so two spellings of one instant compare equal.</summary>
    public static string Normalise(string text, DateTimeZone zone) => InZone(Instant(text), zone);

    /// <summary>Minutes (possibly fractional) as an exact duration; 0.5 is 30 s.</summary>
    public static Duration Minutes(double minutes) =>
        Duration.FromTicks(checked((long)Math.Round(minutes * NodaConstants.TicksPerMinute, MidpointRounding.AwayFromZero)));
}
