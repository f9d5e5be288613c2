namespace Pledge.Server.Monitoring;

/// <summary>What wakes the monitor's loop.</summary>
internal class Signal
{
    /// <summary>The timer fired (or a round must run again at once).</summary>
    public static Signal Wake { get; } = new();

    /// <summary>The repository changed: rebuild everything.</summary>
    public static Signal Rebuild { get; } = new();
}
