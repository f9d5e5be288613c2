using System.Globalization;

namespace Pledge.Storage;

/// <summary>
/// Checks text before it is stored, so both databases accept and refuse exactly the same values: PostgreSQL's
/// <c>text</c> cannot hold U+0000 nor half a surrogate pair (it is UTF-8), and its b-tree index entries are
/// limited to about 2,700 bytes, so keys are kept short.
/// </summary>
internal static class StoredText
{
    /// <summary>The longest key (event id, type and subject; document path and kind; audit names), in UTF-16 units.</summary>
    public const int MaxKeyLength = 512;

    /// <summary>A non-blank key of at most <see cref="MaxKeyLength"/> characters.</summary>
    /// <param name="value">The value.</param>
    /// <param name="field">Its name in messages: <c>events[3].id</c>.</param>
    /// <param name="parameter">The argument it came from.</param>
    public static void RequireKey(string? value, string field, string parameter)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"{field} is empty", parameter);
        }

        if (value.Length > MaxKeyLength)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"{field} is {value.Length} characters long; at most {MaxKeyLength} are stored"), parameter);
        }

        RequireStorable(value, field, parameter);
    }

    /// <summary>Any text, empty included, that both databases store unchanged.</summary>
    public static void RequireText(string? value, string field, string parameter)
    {
        if (value is null)
        {
            throw new ArgumentException($"{field} is missing", parameter);
        }

        RequireStorable(value, field, parameter);
    }

    /// <summary>Whether <see cref="RequireKey"/> would take <paramref name="value"/> (without naming it).</summary>
    public static bool IsKey(string? value) => !string.IsNullOrWhiteSpace(value) && value.Length <= MaxKeyLength && IsStorable(value);

    /// <summary>Whether <see cref="RequireText"/> would take <paramref name="value"/> (without naming it).</summary>
    public static bool IsText(string? value) => value is not null && IsStorable(value);

    private static bool IsStorable(string value)
    {
        var span = value.AsSpan();

        // Fast path: most text has no surrogates at all.
        return !span.Contains('\0') && (span.IndexOfAnyInRange('\uD800', '\uDFFF') < 0 || FirstUnpaired(span) < 0);
    }

    /// <summary>Where the first half of a surrogate pair stands alone, or -1.</summary>
    private static int FirstUnpaired(ReadOnlySpan<char> span)
    {
        for (var i = 0; i < span.Length; i++)
        {
            if (char.IsHighSurrogate(span[i]) && i + 1 < span.Length && char.IsLowSurrogate(span[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(span[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private static void RequireStorable(string value, string field, string parameter)
    {
        if (IsStorable(value))
        {
            return;
        }

        if (value.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException($"{field} contains the character U+0000, which PostgreSQL cannot store", parameter);
        }

        throw new ArgumentException(
            string.Create(CultureInfo.InvariantCulture, $"{field} holds half a surrogate pair at character {FirstUnpaired(value)}: it is not text"), parameter);
    }
}
