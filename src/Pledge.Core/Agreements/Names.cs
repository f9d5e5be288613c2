namespace Pledge.Agreements;

/// <summary>Names of enum values as written in repository files.</summary>
internal static class Names
{
    public static string Of(TargetKind kind) => kind.ToString().ToLowerInvariant();
}
