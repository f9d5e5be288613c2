using System.Runtime.CompilerServices;

namespace Pledge.Text;

/// <summary>
/// Allocation-free ISO-8601 instants with a UTC offset, the form Pledge reads and writes everywhere:
/// <c>2026-03-30T10:00:00+02:00</c>, <c>2026-03-30T08:00Z</c>, <c>2026-03-30T10:00:00.25+02:00</c>.
/// </summary>
/// <remarks>
/// Reading accepts minutes-only times, seconds, fractions of up to 9 digits (',' or '.'; digits beyond the
/// tick are dropped), a <c>T</c> or a space between date and time, and offsets as <c>Z</c>, <c>±HH:MM</c>,
/// <c>±HHMM</c>, <c>±HH</c> or <c>±HH:MM:SS</c>. An offset is required: a wall-clock time alone is not an instant.
/// Writing always gives seconds, a fraction only when there is one (trailing zeros dropped), and a
/// numeric offset (<c>+00:00</c> for UTC; <c>±HH:MM:SS</c> for historic offsets with seconds).
/// Instants are Unix ticks (100 ns since 1970-01-01T00:00Z) throughout.
/// </remarks>
public static class IsoInstant
{
    /// <summary>The longest text <see cref="Format(long, long, Span{byte})"/> writes.</summary>
    public const int MaxLength = 38;

    private const long TicksPerSecond = 10_000_000;
    private const long TicksPerDay = 864_000_000_000;

    /// <summary>Parses UTF-8 text; false (and no exception) when it is not an instant with an offset.</summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out long unixTicks)
    {
        unixTicks = 0;
        // yyyy-MM-ddTHH:mm is the shortest acceptable prefix, then an offset of at least one byte.
        if (text.Length < 17 || text[4] != '-' || text[7] != '-' || (text[10] != 'T' && text[10] != 't' && text[10] != ' ') || text[13] != ':')
        {
            return false;
        }

        if (!Digits4(text, 0, out var year) || !Digits2(text, 5, out var month) || !Digits2(text, 8, out var day)
            || !Digits2(text, 11, out var hour) || !Digits2(text, 14, out var minute))
        {
            return false;
        }

        var position = 16;
        var second = 0;
        long fraction = 0;
        if (position < text.Length && text[position] == ':')
        {
            if (!Digits2(text, position + 1, out second))
            {
                return false;
            }

            position += 3;
            if (position < text.Length && (text[position] == '.' || text[position] == ','))
            {
                position++;
                var digits = 0;
                long scale = 1_000_000;
                while (position < text.Length && (uint)(text[position] - '0') <= 9)
                {
                    if (digits < 7)
                    {
                        fraction += (text[position] - '0') * scale;
                        scale /= 10;
                    }

                    digits++;
                    position++;
                }

                if (digits is 0 or > 9)
                {
                    return false;
                }
            }
        }

        if (month is < 1 or > 12 || day < 1 || day > DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        if (!TryParseOffset(text[position..], out var offsetTicks))
        {
            return false;
        }

        var local = (DaysFromCivil(year, month, day) * TicksPerDay)
            + (((hour * 3600L) + (minute * 60L) + second) * TicksPerSecond)
            + fraction;
        unixTicks = local - offsetTicks;
        return true;
    }

    /// <summary>Parses UTF-16 text; false (and no exception) when it is not an instant with an offset.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out long unixTicks)
    {
        unixTicks = 0;
        if (text.Length > 64)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[text.Length];
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] > 127)
            {
                return false;
            }

            bytes[i] = (byte)text[i];
        }

        return TryParse(bytes, out unixTicks);
    }

    /// <summary>
    /// Writes <paramref name="unixTicks"/> as wall-clock time at <paramref name="offsetTicks"/> with that offset,
    /// into <paramref name="destination"/> (at least <see cref="MaxLength"/> bytes); returns the bytes written.
    /// </summary>
    public static int Format(long unixTicks, long offsetTicks, Span<byte> destination)
    {
        var local = unixTicks + offsetTicks;
        var days = FloorDiv(local, TicksPerDay);
        var ticksOfDay = local - (days * TicksPerDay);
        CivilFromDays(days, out var year, out var month, out var day);
        var secondOfDay = (int)(ticksOfDay / TicksPerSecond);
        var fraction = (int)(ticksOfDay % TicksPerSecond);

        Write4(destination, 0, year);
        destination[4] = (byte)'-';
        Write2(destination, 5, month);
        destination[7] = (byte)'-';
        Write2(destination, 8, day);
        destination[10] = (byte)'T';
        Write2(destination, 11, secondOfDay / 3600);
        destination[13] = (byte)':';
        Write2(destination, 14, secondOfDay / 60 % 60);
        destination[16] = (byte)':';
        Write2(destination, 17, secondOfDay % 60);
        var position = 19;
        if (fraction != 0)
        {
            destination[position++] = (byte)'.';
            var divisor = 1_000_000;
            while (fraction != 0)
            {
                destination[position++] = (byte)('0' + (fraction / divisor));
                fraction %= divisor;
                divisor /= 10;
            }
        }

        var offsetSeconds = offsetTicks / TicksPerSecond;
        destination[position++] = offsetSeconds < 0 ? (byte)'-' : (byte)'+';
        offsetSeconds = Math.Abs(offsetSeconds);
        Write2(destination, position, (int)(offsetSeconds / 3600));
        destination[position + 2] = (byte)':';
        Write2(destination, position + 3, (int)(offsetSeconds / 60 % 60));
        position += 5;
        if (offsetSeconds % 60 != 0)
        {
            destination[position] = (byte)':';
            Write2(destination, position + 1, (int)(offsetSeconds % 60));
            position += 3;
        }

        return position;
    }

    /// <summary>Formats to a string; see <see cref="Format(long, long, Span{byte})"/>.</summary>
    public static string Format(long unixTicks, long offsetTicks)
    {
        Span<byte> buffer = stackalloc byte[MaxLength];
        var length = Format(unixTicks, offsetTicks, buffer);
        return System.Text.Encoding.ASCII.GetString(buffer[..length]);
    }

    private static bool TryParseOffset(ReadOnlySpan<byte> text, out long offsetTicks)
    {
        offsetTicks = 0;
        if (text.Length == 1 && (text[0] == 'Z' || text[0] == 'z'))
        {
            return true;
        }

        if (text.Length < 3 || (text[0] != '+' && text[0] != '-'))
        {
            return false;
        }

        if (!Digits2(text, 1, out var hours))
        {
            return false;
        }

        int minutes = 0, seconds = 0;
        switch (text.Length)
        {
            case 3:
                break;
            case 5 when Digits2(text, 3, out minutes):
                break;
            case 6 when text[3] == ':' && Digits2(text, 4, out minutes):
                break;
            case 9 when text[3] == ':' && text[6] == ':' && Digits2(text, 4, out minutes) && Digits2(text, 7, out seconds):
                break;
            default:
                return false;
        }

        if (hours > 18 || minutes > 59 || seconds > 59)
        {
            return false;
        }

        offsetTicks = ((hours * 3600L) + (minutes * 60L) + seconds) * TicksPerSecond;
        if (text[0] == '-')
        {
            offsetTicks = -offsetTicks;
        }

        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Digits2(ReadOnlySpan<byte> text, int at, out int value)
    {
        value = 0;
        if (at + 2 > text.Length)
        {
            return false;
        }

        var a = (uint)(text[at] - '0');
        var b = (uint)(text[at + 1] - '0');
        if (a > 9 || b > 9)
        {
            return false;
        }

        value = (int)((a * 10) + b);
        return true;
    }

    private static bool Digits4(ReadOnlySpan<byte> text, int at, out int value)
    {
        value = 0;
        if (!Digits2(text, at, out var high) || !Digits2(text, at + 2, out var low))
        {
            return false;
        }

        value = (high * 100) + low;
        return true;
    }

    private static void Write2(Span<byte> destination, int at, int value)
    {
        destination[at] = (byte)('0' + (value / 10));
        destination[at + 1] = (byte)('0' + (value % 10));
    }

    private static void Write4(Span<byte> destination, int at, int value)
    {
        Write2(destination, at, value / 100);
        Write2(destination, at + 2, value % 100);
    }

    private static int DaysInMonth(int year, int month) => month switch
    {
        2 => (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28,
        4 or 6 or 9 or 11 => 30,
        _ => 31,
    };

    private static long FloorDiv(long value, long divisor)
    {
        var quotient = value / divisor;
        return (value % divisor) < 0 ? quotient - 1 : quotient;
    }

    // Days since 1970-01-01 of a proleptic Gregorian date, and back: the era-based civil algorithms
    // (400-year eras of 146,097 days), exact for every year 0-9999 with integer arithmetic only.
    private static long DaysFromCivil(int year, int month, int day)
    {
        var y = month <= 2 ? year - 1 : year;
        var era = (y >= 0 ? y : y - 399) / 400;
        var yearOfEra = y - (era * 400);
        var dayOfYear = ((153 * (month > 2 ? month - 3 : month + 9)) + 2) / 5 + day - 1;
        var dayOfEra = (yearOfEra * 365) + (yearOfEra / 4) - (yearOfEra / 100) + dayOfYear;
        return (era * 146_097L) + dayOfEra - 719_468;
    }

    private static void CivilFromDays(long days, out int year, out int month, out int day)
    {
        days += 719_468;
        var era = (days >= 0 ? days : days - 146_096) / 146_097;
        var dayOfEra = (int)(days - (era * 146_097));
        var yearOfEra = (dayOfEra - (dayOfEra / 1460) + (dayOfEra / 36_524) - (dayOfEra / 146_096)) / 365;
        var dayOfYear = dayOfEra - ((365 * yearOfEra) + (yearOfEra / 4) - (yearOfEra / 100));
        var mp = ((5 * dayOfYear) + 2) / 153;
        day = dayOfYear - (((153 * mp) + 2) / 5) + 1;
        month = mp < 10 ? mp + 3 : mp - 9;
        year = (int)(yearOfEra + (era * 400)) + (month <= 2 ? 1 : 0);
    }
}
