namespace Pledge.Agreements;

/// <summary>Who the agreement is with.</summary>
public enum AgreementKind
{
    /// <summary>Service level agreement, with a customer (<c>sla</c>).</summary>
    Sla,

    /// <summary>Operational level agreement, with an internal team that supports an SLA (<c>ola</c>).</summary>
    Ola,

    /// <summary>Underpinning contract, with a supplier (<c>uc</c>).</summary>
    Uc,
}
