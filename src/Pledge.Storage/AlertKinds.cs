namespace Pledge.Storage;

/// <summary>The kinds of <see cref="AlertRecord"/>, as stored.</summary>
public static class AlertKinds
{
    /// <summary>A clock passed a warning threshold (a share of its time, or a time before its deadline): at risk.</summary>
    public const string Warning = "warning";

    /// <summary>A clock ran past its threshold.</summary>
    public const string Breach = "breach";

    /// <summary>An ongoing outage would use up a share of a period's error budget.</summary>
    public const string Budget = "budget";

    /// <summary>Every kind.</summary>
    public static IReadOnlyList<string> All { get; } = [Warning, Breach, Budget];
}
