namespace Pledge.Reports.Formats;

/// <summary>
/// The value axis of a chart: from <see cref="Min"/> to <see cref="Max"/>, with a grid line and a label every
/// <see cref="Step"/>.
/// </summary>
/// <param name="Min">The value at the bottom of the plot.</param>
/// <param name="Max">The value at the top of the plot; above <paramref name="Min"/>.</param>
/// <param name="Step">The distance between grid lines; positive.</param>
internal sealed record SvgAxis(double Min, double Max, double Step)
{
    /// <summary>
    /// The axis with "nice" steps (1, 2 or 5 times a power of ten), at most five of them, that holds
    /// [<paramref name="low"/>, <paramref name="high"/>]; its ends are multiples of the step.
    /// </summary>
    public static SvgAxis Nice(double low, double high)
    {
        if (!double.IsFinite(low) || !double.IsFinite(high))
        {
            return new SvgAxis(0, 1, 0.2);
        }

        if (high < low)
        {
            (low, high) = (high, low);
        }

        var span = high - low;
        if (span <= 0)
        {
            span = low == 0 ? 1 : Math.Abs(low) * 0.1;
            low -= span / 2;
            high += span / 2;
        }

        var raw = span / 5;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        // The tolerance keeps 0.0005 / 0.0001 = 5.000000000000001 on a step of 5, not 10.
        var normalised = (raw / magnitude) - 1e-9;
        var step = (normalised <= 1 ? 1 : normalised <= 2 ? 2 : normalised <= 5 ? 5 : 10) * magnitude;

        // Likewise 0.9975 / 0.0005 = 1994.9999… is 1995 steps, not 1994.
        var min = Math.Floor((low / step) + 1e-9) * step;
        var max = Math.Ceiling((high / step) - 1e-9) * step;
        return new SvgAxis(Math.Round(min, 12), Math.Round(max, 12), Math.Round(step, 12));
    }

    /// <summary>The grid values from <see cref="Min"/> to <see cref="Max"/>.</summary>
    public IEnumerable<double> Ticks()
    {
        var count = (int)Math.Round((Max - Min) / Step);
        for (var i = 0; i <= count; i++)
        {
            yield return Math.Round(Min + (i * Step), 12);
        }
    }
}
