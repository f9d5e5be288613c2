using System.Globalization;

namespace Pledge.Text;

/// <summary>
/// Business durations as the (possibly fractional) minutes that files and the CLI use, converted to and
/// from the engine's ticks (100 ns). Minutes round to the nearest tick; ticks print as the shortest
/// decimal that reads back to the same tick.
/// </summary>
public static class BusinessMinutes
{
    /// <summary>Ticks in one minute.</summary>
    public const long TicksPerMinute = 600_000_000;

    /// <summary>The largest magnitude accepted: about 1,900 years of round-the-clock business time.</summary>
    public const double MaxMinutes = 1_000_000_000;

    /// <summary>Converts minutes to ticks; false for NaN, infinities and magnitudes above <see cref="MaxMinutes"/>.</summary>
    public static bool TryToTicks(double minutes, out long ticks)
    {
        ticks = 0;
        if (!double.IsFinite(minutes) || Math.Abs(minutes) > MaxMinutes)
        {
            return false;
        }

        ticks = (long)Math.Round(minutes * TicksPerMinute, MidpointRounding.AwayFromZero);
        return true;
    }

    /// <summary>Ticks as minutes.</summary>
    public static double FromTicks(long ticks) => ticks / (double)TicksPerMinute;

    /// <summary>Writes ticks as minutes in invariant culture ("90", "0.5", "-60"); false if <paramref name="destination"/> is too small.</summary>
    public static bool TryFormat(long ticks, Span<byte> destination, out int written) =>
        FromTicks(ticks).TryFormat(destination, out written, "R", CultureInfo.InvariantCulture);

    /// <summary>Ticks as minutes text in invariant culture.</summary>
    public static string Format(long ticks) => FromTicks(ticks).ToString("R", CultureInfo.InvariantCulture);
}
