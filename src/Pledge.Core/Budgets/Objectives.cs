using System.Runtime.CompilerServices;

namespace Pledge.Budgets;

/// <summary>Checks objectives and gives their error share (1 - objective) as people write it.</summary>
internal static class Objectives
{
    /// <summary>
    /// 1 - <paramref name="objective"/>, computed in decimal: objectives are written in decimal (99.9%), and
    /// the conversion of a double to decimal keeps 15 significant digits, so 0.999 gives exactly 0.001 rather
    /// than the double subtraction's 0.0010000000000000009. That is what makes a 30-day budget 43.2 minutes
    /// and not 43.200000000000045.
    /// </summary>
    public static decimal ErrorShare(double objective, [CallerArgumentExpression(nameof(objective))] string? name = null)
    {
        if (!(objective >= 0 && objective <= 1))
        {
            throw new ArgumentOutOfRangeException(name, objective, "An objective is a share from 0 to 1 (99.9% is 0.999).");
        }

        return 1m - (decimal)objective;
    }
}
