using System.Collections.Immutable;
using System.Text.RegularExpressions;

namespace Pledge.Agreements;

/// <summary>
/// Resolves the escalation rules of an agreement version for one alert: which rules it sets off, and the channels
/// and e-mail addresses their recipients stand for in the repository. Pure: the server turns the answer into
/// outbox rows.
/// </summary>
public static partial class Escalations
{
    /// <summary>Whether <paramref name="name"/> can name a channel: a letter or digit, then up to 63 letters, digits, '.', '_' or '-'.</summary>
    public static bool IsChannelName(string? name) => name is not null && ChannelName().IsMatch(name);

    /// <summary>Whether <paramref name="address"/> looks like one e-mail address (local@domain, no spaces, no display name).</summary>
    public static bool IsEmailAddress(string? address) => address is not null && address.Length <= 254 && EmailAddress().IsMatch(address);

    /// <summary>
    /// The addresses to notify for an alert of <paramref name="alertEvent"/> at <paramref name="share"/> on
    /// <paramref name="targetId"/> of <paramref name="version"/>, for a ticket or target of <paramref name="customer"/>:
    /// every matching rule's recipients, in rule order, each channel or address once.
    /// </summary>
    /// <remarks>Contacts without an e-mail address are skipped; an unknown customer, team or supplier yields no contacts.</remarks>
    public static ImmutableArray<EscalationAddress> Resolve(
        ServiceLevelRepository repository,
        Agreement agreement,
        AgreementVersion version,
        EscalationEvent alertEvent,
        double? share,
        string targetId,
        string? customer)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(agreement);
        ArgumentNullException.ThrowIfNull(version);
        var addresses = ImmutableArray.CreateBuilder<EscalationAddress>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rule in version.Escalations)
        {
            if (!rule.Matches(alertEvent, share, targetId))
            {
                continue;
            }

            foreach (var recipient in rule.Notify)
            {
                var reason = $"{rule.When} → {Describe(recipient)}";
                foreach (var address in AddressesOf(repository, agreement, recipient, customer, reason))
                {
                    if (seen.Add(address.Key))
                    {
                        addresses.Add(address);
                    }
                }
            }
        }

        return addresses.ToImmutable();
    }

    /// <summary>The recipient as the YAML writes it: <c>channel: ops</c>, <c>contacts: customer/facilities</c>.</summary>
    public static string Describe(EscalationRecipient recipient)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        var party = recipient.Kind switch
        {
            EscalationRecipientKind.CustomerContacts => "customer",
            EscalationRecipientKind.TeamContacts => "team",
            EscalationRecipientKind.SupplierContacts => "supplier",
            _ => null,
        };
        return recipient.Kind switch
        {
            EscalationRecipientKind.Channel => "channel: " + recipient.Value,
            EscalationRecipientKind.Email => "email: " + recipient.Value,
            _ => "contacts: " + party + (recipient.Role is null ? string.Empty : "/" + recipient.Role),
        };
    }

    private static IEnumerable<EscalationAddress> AddressesOf(ServiceLevelRepository repository, Agreement agreement, EscalationRecipient recipient, string? customer, string reason)
    {
        ImmutableArray<Contact> contacts;
        switch (recipient.Kind)
        {
            case EscalationRecipientKind.Channel:
                return [new EscalationAddress(recipient.Value, null, reason)];
            case EscalationRecipientKind.Email:
                return [new EscalationAddress(null, recipient.Value, reason)];
            case EscalationRecipientKind.CustomerContacts:
                // The alert's customer: a corporate or service SLA covers many, and the alert says whose ticket it is.
                var customerId = customer ?? agreement.Customer;
                contacts = customerId is not null && repository.Customers.TryGetValue(customerId, out var c) ? c.Contacts : [];
                break;
            case EscalationRecipientKind.TeamContacts:
                contacts = agreement.Team is not null && repository.TeamContacts.TryGetValue(agreement.Team, out var t) ? t : [];
                break;
            default:
                contacts = agreement.Supplier is not null && repository.SupplierContacts.TryGetValue(agreement.Supplier, out var s) ? s : [];
                break;
        }

        return contacts
            .Where(contact => contact.Email is not null && (recipient.Role is null || string.Equals(contact.Role, recipient.Role, StringComparison.OrdinalIgnoreCase)))
            .Select(contact => new EscalationAddress(null, contact.Email, reason));
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex ChannelName();

    [GeneratedRegex(@"^[^@\s<>,;""]+@[^@\s<>,;""]+\.[^@\s<>,;""]+$", RegexOptions.CultureInvariant)]
    private static partial Regex EmailAddress();
}
