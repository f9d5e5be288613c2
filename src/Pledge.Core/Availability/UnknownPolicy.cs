namespace Pledge.Availability;

/// <summary>What service time without monitoring data counts as (it is always reported as unknown).</summary>
public enum UnknownPolicy
{
    /// <summary>Unknown time leaves the measurement: it counts neither as up nor as down.</summary>
    Exclude,

    /// <summary>Unknown time counts as full downtime: no evidence of service, no credit.</summary>
    Down,
}
