namespace Pledge.Server.Api.Definitions;

/// <summary>A line diff of two texts: the longest common subsequence of their lines, the rest removed or added.</summary>
/// <remarks>Quadratic in lines, which definitions keep small; past <see cref="MaxCells"/> pairs the diff is the old
/// text removed and the new one added, still correct if not minimal.</remarks>
internal static class LineDiff
{
    /// <summary>The largest table (old lines × new lines) worked out exactly.</summary>
    public const long MaxCells = 4_000_000;

    /// <summary>One line of a diff: <c>" "</c> kept, <c>"-"</c> removed, <c>"+"</c> added.</summary>
    public sealed record Line(string Op, string Text);

    public static IReadOnlyList<Line> Compute(string? before, string? after)
    {
        var a = Lines(before);
        var b = Lines(after);
        if ((long)a.Length * b.Length > MaxCells)
        {
            return [.. a.Select(l => new Line("-", l)), .. b.Select(l => new Line("+", l))];
        }

        // common[i, j]: the longest common subsequence of a[i..] and b[j..].
        var common = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                common[i, j] = string.Equals(a[i], b[j], StringComparison.Ordinal) ? common[i + 1, j + 1] + 1 : Math.Max(common[i + 1, j], common[i, j + 1]);
            }
        }

        var lines = new List<Line>(a.Length + b.Length);
        int x = 0, y = 0;
        while (x < a.Length && y < b.Length)
        {
            if (string.Equals(a[x], b[y], StringComparison.Ordinal))
            {
                lines.Add(new Line(" ", a[x++]));
                y++;
            }
            else if (common[x + 1, y] >= common[x, y + 1])
            {
                lines.Add(new Line("-", a[x++]));
            }
            else
            {
                lines.Add(new Line("+", b[y++]));
            }
        }

        lines.AddRange(a[x..].Select(l => new Line("-", l)));
        lines.AddRange(b[y..].Select(l => new Line("+", l)));
        return lines;
    }

    /// <summary>The diff as text, one line each with its mark in front (<c>"+ "</c>, <c>"- "</c>, <c>"  "</c>).</summary>
    public static string Unified(IReadOnlyList<Line> lines) =>
        string.Concat(lines.Select(l => (l.Op == " " ? "  " : l.Op + " ") + l.Text + "\n"));

    private static string[] Lines(string? text) =>
        string.IsNullOrEmpty(text) ? [] : text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n');
}
