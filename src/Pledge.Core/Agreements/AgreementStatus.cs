namespace Pledge.Agreements;

/// <summary>
/// Where an agreement version is in its lifecycle: draft → negotiating → agreed → active → under review →
/// expired / terminated. Versions from agreed on have been in force (over their effective period).
/// </summary>
public enum AgreementStatus
{
    /// <summary><c>draft</c>: being written; never in force.</summary>
    Draft,

    /// <summary><c>negotiating</c>: with the other party; never in force.</summary>
    Negotiating,

    /// <summary><c>agreed</c>: signed; in force over its effective period.</summary>
    Agreed,

    /// <summary><c>active</c>: in force.</summary>
    Active,

    /// <summary><c>under-review</c>: in force while it is reviewed.</summary>
    UnderReview,

    /// <summary><c>expired</c>: was in force over its effective period.</summary>
    Expired,

    /// <summary><c>terminated</c>: ended early; in force until its effective end.</summary>
    Terminated,
}
