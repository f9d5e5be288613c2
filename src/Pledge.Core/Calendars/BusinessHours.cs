using System.Globalization;
using NodaTime;

namespace Pledge.Calendars;

/// <summary>
/// One opening window of a day, as wall-clock times in the calendar's zone: "09:00-17:00",
/// "22:00-06:00" (crosses midnight and belongs to the day it starts) or "00:00-24:00".
/// </summary>
/// <remarks>
/// The window is half-open: it covers every wall-clock time t with <see cref="Start"/> ≤ t &lt; end.
/// When <see cref="EndsNextDay"/> is true the end is <see cref="End"/> on the following day
/// ("24:00" is midnight of the following day).
/// </remarks>
public readonly record struct BusinessHours
{
    /// <summary>Creates a window; an end at or before the start means the window ends the next day.</summary>
    /// <param name="start">Opening wall-clock time.</param>
    /// <param name="end">Closing wall-clock time; <see cref="LocalTime.Midnight"/> with <paramref name="endsNextDay"/> for "24:00".</param>
    /// <param name="endsNextDay">Whether the closing time is on the day after the opening.</param>
    public BusinessHours(LocalTime start, LocalTime end, bool endsNextDay)
    {
        if (!endsNextDay && end <= start)
        {
            throw new ArgumentException($"A window that ends on its own day must end after it starts ({start:HH:mm}-{end:HH:mm}).", nameof(end));
        }

        if (endsNextDay && end > start)
        {
            throw new ArgumentException($"A window longer than 24 hours is not allowed ({start:HH:mm}-{end:HH:mm} next day).", nameof(end));
        }

        Start = start;
        End = end;
        EndsNextDay = endsNextDay;
    }

    /// <summary>Opening wall-clock time.</summary>
    public LocalTime Start { get; }

    /// <summary>Closing wall-clock time (on the next day when <see cref="EndsNextDay"/>).</summary>
    public LocalTime End { get; }

    /// <summary>Whether the window closes on the day after it opens (overnight windows and "24:00").</summary>
    public bool EndsNextDay { get; }

    /// <summary>The nominal length on a day without a UTC offset change.</summary>
    public Duration NominalLength =>
        Duration.FromNanoseconds((EndsNextDay ? NanosecondsPerDay : 0) + End.NanosecondOfDay - Start.NanosecondOfDay);

    private const long NanosecondsPerDay = 86_400_000_000_000L;

    /// <summary>
    /// Parses "HH:MM-HH:MM" (seconds allowed: "HH:MM:SS"). "24:00" is accepted as an end only.
    /// An end at or before the start is read as a window that crosses midnight; equal times are rejected.
    /// </summary>
    public static bool TryParse(string? text, out BusinessHours hours)
    {
        hours = default;
        if (text is null)
        {
            return false;
        }

        var dash = text.IndexOf('-', StringComparison.Ordinal);
        if (dash < 0)
        {
            return false;
        }

        var startText = text.AsSpan(0, dash).Trim();
        var endText = text.AsSpan(dash + 1).Trim();
        if (!TryParseTime(startText, allowEndOfDay: false, out var start, out _)
            || !TryParseTime(endText, allowEndOfDay: true, out var end, out var endIsEndOfDay))
        {
            return false;
        }

        if (endIsEndOfDay)
        {
            // "24:00" is midnight of the next day; "00:00-24:00" is the whole day.
            hours = new BusinessHours(start, LocalTime.Midnight, endsNextDay: true);
            return true;
        }

        if (end == start)
        {
            return false;
        }

        hours = new BusinessHours(start, end, endsNextDay: end < start);
        return true;
    }

    private static bool TryParseTime(ReadOnlySpan<char> text, bool allowEndOfDay, out LocalTime time, out bool endOfDay)
    {
        time = default;
        endOfDay = false;
        if (text.Length != 5 && text.Length != 8)
        {
            return false;
        }

        if (text[2] != ':' || (text.Length == 8 && text[5] != ':'))
        {
            return false;
        }

        if (!TwoDigits(text[..2], out var hour) || !TwoDigits(text.Slice(3, 2), out var minute))
        {
            return false;
        }

        var second = 0;
        if (text.Length == 8 && !TwoDigits(text.Slice(6, 2), out second))
        {
            return false;
        }

        if (hour == 24 && minute == 0 && second == 0 && allowEndOfDay)
        {
            endOfDay = true;
            return true;
        }

        if (hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        time = new LocalTime(hour, minute, second);
        return true;
    }

    private static bool TwoDigits(ReadOnlySpan<char> text, out int value)
    {
        value = 0;
        if (!char.IsAsciiDigit(text[0]) || !char.IsAsciiDigit(text[1]))
        {
            return false;
        }

        value = ((text[0] - '0') * 10) + (text[1] - '0');
        return true;
    }

    /// <summary>The window as written in calendar files: "09:00-17:00", "22:00-06:00", "00:00-24:00".</summary>
    public override string ToString()
    {
        var end = EndsNextDay && End == LocalTime.Midnight ? "24:00" : Format(End);
        return $"{Format(Start)}-{end}";
    }

    private static string Format(LocalTime time) =>
        time.Second == 0
            ? time.ToString("HH:mm", CultureInfo.InvariantCulture)
            : time.ToString("HH:mm:ss", CultureInfo.InvariantCulture);
}
