using System.Globalization;

namespace Pledge.Series;

/// <summary>Reads, writes and applies threshold comparisons as agreements write them: "&lt;= 8", "&gt; 99.5".</summary>
public static class Comparisons
{
    // Two-character operators come before the one-character ones they start with: "<=" must not read as "<" and "= 8".
    private static readonly (string Sign, Comparison Comparison)[] Signs =
    [
        ("<=", Comparison.AtMost),
        (">=", Comparison.AtLeast),
        ("≤", Comparison.AtMost),
        ("≥", Comparison.AtLeast),
        ("<", Comparison.Below),
        (">", Comparison.Above),
    ];

    /// <summary>Whether <paramref name="value"/> compares with <paramref name="threshold"/> as <paramref name="comparison"/> says (NaN never does).</summary>
    public static bool Holds(Comparison comparison, double value, double threshold) => comparison switch
    {
        Comparison.AtMost => value <= threshold,
        Comparison.AtLeast => value >= threshold,
        Comparison.Below => value < threshold,
        Comparison.Above => value > threshold,
        _ => throw new ArgumentOutOfRangeException(nameof(comparison), comparison, "Unknown comparison."),
    };

    /// <summary>The operator as written: "&lt;=", "&gt;=", "&lt;" or "&gt;".</summary>
    public static string Symbol(Comparison comparison) => comparison switch
    {
        Comparison.AtMost => "<=",
        Comparison.AtLeast => ">=",
        Comparison.Below => "<",
        Comparison.Above => ">",
        _ => throw new ArgumentOutOfRangeException(nameof(comparison), comparison, "Unknown comparison."),
    };

    /// <summary>A comparison with its threshold as written: "&lt;= 8", "&gt; 99.5" (invariant culture, shortest form that reads back exactly).</summary>
    public static string Format(Comparison comparison, double threshold) =>
        Symbol(comparison) + " " + threshold.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>
    /// Reads an operator (&lt;=, &gt;=, &lt;, &gt;, or ≤ and ≥) followed by a finite number in invariant culture, spaces
    /// allowed around both: "&lt;= 8", "&gt;=99.5", "&lt; -3", "&lt;= 1e3".
    /// </summary>
    /// <returns>False, with the outputs at their defaults, when the text is not such a comparison.</returns>
    public static bool TryParse(string? text, out Comparison comparison, out double threshold)
    {
        comparison = Comparison.AtMost;
        threshold = 0;
        var rest = text.AsSpan().Trim();
        Comparison? found = null;
        foreach (var (sign, candidate) in Signs)
        {
            if (rest.StartsWith(sign, StringComparison.Ordinal))
            {
                found = candidate;
                rest = rest[sign.Length..].Trim();
                break;
            }
        }

        if (found is null || rest.IsEmpty || char.IsWhiteSpace(rest[0])
            || !double.TryParse(rest, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            || !double.IsFinite(number))
        {
            return false;
        }

        (comparison, threshold) = (found.Value, number);
        return true;
    }
}
