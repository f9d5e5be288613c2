namespace Pledge.Agreements;

/// <summary>Target kinds as repository files, reports and explanations write them: <c>response</c>, <c>update</c>, <c>resolution</c>.</summary>
public static class TargetKindNames
{
    /// <summary>The written name of <paramref name="kind"/>.</summary>
    public static string Of(TargetKind kind) => kind switch
    {
        TargetKind.Response => "response",
        TargetKind.Update => "update",
        _ => "resolution",
    };
}
