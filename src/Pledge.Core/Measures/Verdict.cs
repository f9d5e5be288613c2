namespace Pledge.Measures;

/// <summary>How a target fared in a period.</summary>
public enum Verdict
{
    /// <summary>The objective was reached.</summary>
    Met,

    /// <summary>The objective was not reached.</summary>
    Missed,

    /// <summary>Too few measurements to judge (a satisfaction period under its minimum response count): neither a pass nor a fail.</summary>
    NotEnoughData,
}
