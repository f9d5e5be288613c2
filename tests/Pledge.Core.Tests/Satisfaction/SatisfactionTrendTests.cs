using Pledge.Satisfaction;

namespace Pledge.Tests.Satisfaction;

/// <summary>The watermelon warning: satisfaction falling three periods in a row.</summary>
public sealed class SatisfactionTrendTests
{
    public static TheoryData<double?[], bool> Cases => new()
    {
        { [0.9, 0.8, 0.7], true },
        { [0.95, 0.9, 0.8, 0.7], true },
        { [0.7, 0.8, 0.9], false },
        { [0.9, 0.8, 0.8], false },
        { [0.9, 0.8], false },
        { [], false },
        { [0.6, 0.9, 0.8, 0.7], true },
        { [0.9, 0.8, 0.7, 0.75], false },
        // Unknown periods (not enough data) are skipped, not breaks.
        { [0.9, null, 0.8, null, 0.7, null], true },
        { [null, null, 0.9, 0.8], false },
        { [0.9, 0.8, double.NaN, 0.7], true },
        // Below zero, as NPS can be.
        { [10, -5, -20], true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Satisfaction_is_falling_when_the_last_three_known_values_strictly_decrease(double?[] values, bool falling)
    {
        Assert.Equal(falling, SatisfactionTrend.IsFalling(values));
    }
}
