namespace Pledge.Agreements;

/// <summary>Target kinds as repository files, reports and explanations write them: <c>response</c>, <c>availability</c>, ….</summary>
public static class TargetKindNames
{
    /// <summary>Every kind with its written name, in the order reports list them.</summary>
    public static IReadOnlyList<(string Name, TargetKind Kind)> All { get; } =
    [
        ("availability", TargetKind.Availability),
        ("response", TargetKind.Response),
        ("update", TargetKind.Update),
        ("resolution", TargetKind.Resolution),
        ("delivery", TargetKind.Delivery),
        ("satisfaction", TargetKind.Satisfaction),
        ("compliance", TargetKind.Compliance),
        ("custom", TargetKind.Custom),
    ];

    /// <summary>The written name of <paramref name="kind"/>.</summary>
    public static string Of(TargetKind kind) => kind switch
    {
        TargetKind.Response => "response",
        TargetKind.Update => "update",
        TargetKind.Resolution => "resolution",
        TargetKind.Availability => "availability",
        TargetKind.Delivery => "delivery",
        TargetKind.Satisfaction => "satisfaction",
        TargetKind.Compliance => "compliance",
        _ => "custom",
    };

    /// <summary>Whether <paramref name="kind"/> is measured by a clock on each ticket (rather than over a period).</summary>
    public static bool IsClock(TargetKind kind) => kind is TargetKind.Response or TargetKind.Update or TargetKind.Resolution;
}
