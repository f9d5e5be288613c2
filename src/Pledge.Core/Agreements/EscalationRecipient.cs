namespace Pledge.Agreements;

/// <summary>Who an escalation rule notifies.</summary>
public enum EscalationRecipientKind
{
    /// <summary>A channel defined on the server (<c>channel: ops-webhook</c>): a webhook or a list of addresses.</summary>
    Channel,

    /// <summary>The contacts of the alert's customer in customers.yaml (<c>contacts: customer</c>, or <c>customer/ROLE</c>).</summary>
    CustomerContacts,

    /// <summary>The contacts of the OLA's team in teams.yaml (<c>contacts: team</c>, or <c>team/ROLE</c>).</summary>
    TeamContacts,

    /// <summary>The contacts of the UC's supplier in suppliers.yaml (<c>contacts: supplier</c>, or <c>supplier/ROLE</c>).</summary>
    SupplierContacts,

    /// <summary>One e-mail address written in the rule (<c>email: duty-manager@provider.example</c>).</summary>
    Email,
}

/// <summary>One entry of an escalation rule's <c>notify:</c> list.</summary>
/// <param name="Kind">What kind of recipient it is.</param>
/// <param name="Value">The channel name or the e-mail address; empty for contacts.</param>
/// <param name="Role">For contacts: only those with this role (ignoring case); null: every contact with an e-mail address.</param>
public sealed record EscalationRecipient(EscalationRecipientKind Kind, string Value, string? Role = null);
