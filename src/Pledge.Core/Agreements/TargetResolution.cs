using System.Collections.Immutable;
using NodaTime;

namespace Pledge.Agreements;

/// <summary>A target in force for one (customer, service, priority, instant), where it came from, and what it overrode.</summary>
/// <param name="Kind">The kind resolved.</param>
/// <param name="Priority">The priority resolved for.</param>
/// <param name="Winner">The target that applies.</param>
/// <param name="Overridden">Targets of the same kind in more general agreements that it overrides, most specific first.</param>
/// <param name="Skipped">More specific targets of this kind that have no threshold for the priority, so did not win.</param>
public sealed record TargetResolution(
    TargetKind Kind,
    string Priority,
    TargetSource Winner,
    ImmutableArray<TargetSource> Overridden,
    ImmutableArray<TargetSource> Skipped)
{
    /// <summary>The winning threshold.</summary>
    public Duration Threshold => Winner.Target.Thresholds[Priority];
}

/// <summary>A target and the agreement version it belongs to.</summary>
public sealed record TargetSource(Agreement Agreement, AgreementVersion Version, Target Target)
{
    /// <summary><c>agreement-id/target-id</c>: how targets are named across the repository.</summary>
    public string QualifiedId => $"{Agreement.Id}/{Target.Id}";

    /// <summary>"customer SLA acme-gold v2".</summary>
    public string Describe() =>
        $"{LevelName(Agreement.Level)} {Agreement.Kind.ToString().ToUpperInvariant()} {Agreement.Id} v{Version.Number}";

    internal static string LevelName(AgreementLevel level) => level switch
    {
        AgreementLevel.CustomerService => "customer-service",
        _ => level.ToString().ToLowerInvariant(),
    };
}
