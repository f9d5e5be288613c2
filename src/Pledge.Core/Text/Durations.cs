using System.Globalization;
using System.Text;
using NodaTime;

namespace Pledge;

/// <summary>Business durations as people write them in agreements: <c>4h</c>, <c>30m</c>, <c>1h30m</c>, <c>2d</c> (a day is 24 hours of business time, not a working day).</summary>
public static class Durations
{
    /// <summary>Parses "4h", "90m", "1h30m", "45s", "2d"; false for anything else, zero and negative values included.</summary>
    public static bool TryParse(string? text, out Duration duration)
    {
        duration = Duration.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var span = text.AsSpan().Trim();
        var total = Duration.Zero;
        var any = false;
        while (!span.IsEmpty)
        {
            var digits = 0;
            while (digits < span.Length && (char.IsAsciiDigit(span[digits]) || span[digits] == '.'))
            {
                digits++;
            }

            if (digits == 0 || digits == span.Length
                || !double.TryParse(span[..digits], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            {
                return false;
            }

            var unit = span[digits];
            total += unit switch
            {
                'd' => Duration.FromDays(value),
                'h' => Duration.FromHours(value),
                'm' => Duration.FromMinutes(value),
                's' => Duration.FromSeconds(value),
                _ => Duration.MinValue,
            };
            if (unit is not ('d' or 'h' or 'm' or 's'))
            {
                return false;
            }

            any = true;
            span = span[(digits + 1)..].TrimStart();
        }

        duration = total;
        return any && total > Duration.Zero;
    }

    /// <summary>Formats as "1h30m", "45s", "0s"; negative durations get a leading minus.</summary>
    public static string Format(Duration duration)
    {
        if (duration == Duration.Zero)
        {
            return "0s";
        }

        var text = new StringBuilder();
        if (duration < Duration.Zero)
        {
            text.Append('-');
            duration = -duration;
        }

        var hours = (long)Math.Floor(duration.TotalHours);
        var rest = duration - Duration.FromHours(hours);
        if (hours > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{hours}h");
        }

        if (rest.Minutes > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{rest.Minutes}m");
        }

        var seconds = rest.TotalSeconds - (rest.Minutes * 60);
        if (seconds > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{seconds:0.###}s");
        }

        return text.ToString();
    }
}
