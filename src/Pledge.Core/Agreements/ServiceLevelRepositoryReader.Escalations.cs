using System.Collections.Immutable;
using Pledge.Files;
using YamlDotNet.RepresentationModel;

namespace Pledge.Agreements;

public static partial class ServiceLevelRepositoryReader
{
    private sealed partial class Reading
    {
        private const string Triggers = "breach, warning, warning 75%, budget or budget 50%";

        /// <summary>A version's <c>escalations:</c>: each rule's <c>when</c>, optional <c>targets</c> and <c>notify</c> list.</summary>
        private static ImmutableArray<Escalation> ReadEscalations(YamlFile yaml, Dictionary<string, YamlNode> version, string path, AgreementKind kind, ImmutableArray<Target> targets)
        {
            if (!version.TryGetValue("escalations", out var node) || yaml.List(node, $"{path}.escalations", "escalation rules ({ when: breach, notify: [...] })") is not { } items)
            {
                return [];
            }

            var rules = ImmutableArray.CreateBuilder<Escalation>();
            for (var i = 0; i < items.Count; i++)
            {
                var rulePath = $"{path}.escalations[{i}]";
                var fields = yaml.Fields(items[i], rulePath, "when", "targets", "notify");
                if (items[i] is not YamlMappingNode)
                {
                    continue;
                }

                EscalationTrigger? trigger = null;
                if (yaml.Required(fields, "when", rulePath, items[i], Triggers) is { } when && !EscalationTrigger.TryParse(when, out trigger))
                {
                    yaml.Error($"{rulePath}.when", fields["when"], $"\"{when}\" is not an alert ({Triggers})");
                }

                var targetIds = ReadEscalationTargets(yaml, fields, rulePath, targets);
                var recipients = ReadRecipients(yaml, fields, rulePath, items[i], kind);
                if (trigger is not null && targetIds is { } ids && recipients is { IsEmpty: false } notify)
                {
                    rules.Add(new Escalation(trigger, ids, notify));
                }
            }

            return rules.ToImmutable();
        }

        private static ImmutableArray<string>? ReadEscalationTargets(YamlFile yaml, Dictionary<string, YamlNode> fields, string rulePath, ImmutableArray<Target> targets)
        {
            if (!fields.TryGetValue("targets", out var node))
            {
                return [];
            }

            if (yaml.List(node, $"{rulePath}.targets", "target ids of this version") is not { } items)
            {
                return null;
            }

            var ids = ImmutableArray.CreateBuilder<string>();
            var ok = true;
            for (var j = 0; j < items.Count; j++)
            {
                if (yaml.Text(items[j], $"{rulePath}.targets[{j}]") is not { } id)
                {
                    ok = false;
                    continue;
                }

                if (!targets.Any(t => string.Equals(t.Id, id, StringComparison.OrdinalIgnoreCase)))
                {
                    yaml.Error($"{rulePath}.targets[{j}]", items[j], $"\"{id}\" is not a target of this version (known: {string.Join(", ", targets.Select(t => t.Id).Order(StringComparer.Ordinal))})");
                    ok = false;
                    continue;
                }

                ids.Add(id);
            }

            return ok ? ids.ToImmutable() : null;
        }

        private static ImmutableArray<EscalationRecipient>? ReadRecipients(YamlFile yaml, Dictionary<string, YamlNode> fields, string rulePath, YamlNode rule, AgreementKind kind)
        {
            const string Hint = "at least one recipient: { channel: NAME }, { contacts: customer }, { contacts: customer/ROLE } or { email: ADDRESS }";
            if (!fields.TryGetValue("notify", out var node))
            {
                yaml.Error($"{rulePath}.notify", rule, $"is required: {Hint}");
                return null;
            }

            if (yaml.List(node, $"{rulePath}.notify", "recipients") is not { } items)
            {
                return null;
            }

            if (items.Count == 0)
            {
                yaml.Error($"{rulePath}.notify", node, $"is empty: give {Hint}");
                return null;
            }

            var recipients = ImmutableArray.CreateBuilder<EscalationRecipient>();
            var ok = true;
            for (var k = 0; k < items.Count; k++)
            {
                var recipient = ReadRecipient(yaml, items[k], $"{rulePath}.notify[{k}]", kind);
                if (recipient is null)
                {
                    ok = false;
                }
                else
                {
                    recipients.Add(recipient);
                }
            }

            return ok ? recipients.ToImmutable() : null;
        }

        private static EscalationRecipient? ReadRecipient(YamlFile yaml, YamlNode node, string path, AgreementKind kind)
        {
            var fields = yaml.Fields(node, path, "channel", "contacts", "email");
            if (node is not YamlMappingNode mapping)
            {
                return null;
            }

            if (fields.Count != 1 || mapping.Children.Count != 1)
            {
                if (mapping.Children.Count == fields.Count)
                {
                    yaml.Error(path, node, "give exactly one of channel, contacts or email");
                }

                return null;
            }

            var (name, valueNode) = fields.First();
            if (yaml.Text(valueNode, YamlFile.Join(path, name)) is not { } value)
            {
                return null;
            }

            var field = YamlFile.Join(path, name);
            switch (name)
            {
                case "channel":
                    if (!Escalations.IsChannelName(value))
                    {
                        yaml.Error(field, valueNode, $"\"{value}\" is not a channel name (a letter or digit, then letters, digits, '.', '_' or '-'; at most 64)");
                        return null;
                    }

                    return new EscalationRecipient(EscalationRecipientKind.Channel, value);

                case "email":
                    if (!Escalations.IsEmailAddress(value))
                    {
                        yaml.Error(field, valueNode, $"\"{value}\" is not an e-mail address");
                        return null;
                    }

                    return new EscalationRecipient(EscalationRecipientKind.Email, value);

                default:
                    return ReadContactsRecipient(yaml, valueNode, field, value, kind);
            }
        }

        private static EscalationRecipient? ReadContactsRecipient(YamlFile yaml, YamlNode node, string field, string value, AgreementKind kind)
        {
            var slash = value.IndexOf('/', StringComparison.Ordinal);
            var party = (slash < 0 ? value : value[..slash]).Trim().ToLowerInvariant();
            var role = slash < 0 ? null : value[(slash + 1)..].Trim();
            EscalationRecipientKind? recipientKind = party switch
            {
                "customer" => EscalationRecipientKind.CustomerContacts,
                "team" => EscalationRecipientKind.TeamContacts,
                "supplier" => EscalationRecipientKind.SupplierContacts,
                _ => null,
            };
            if (recipientKind is not { } k || role is { Length: 0 })
            {
                yaml.Error(field, node, $"\"{value}\" is not customer, team or supplier, optionally with a role: customer/facilities");
                return null;
            }

            // The party must exist for the agreement's kind: only an OLA has a team, only a UC a supplier.
            if (k == EscalationRecipientKind.TeamContacts && kind != AgreementKind.Ola)
            {
                yaml.Error(field, node, "only an OLA has a team: notify its contacts from the OLA, or name a channel");
                return null;
            }

            if (k == EscalationRecipientKind.SupplierContacts && kind != AgreementKind.Uc)
            {
                yaml.Error(field, node, "only a UC has a supplier: notify its contacts from the UC, or name a channel");
                return null;
            }

            return new EscalationRecipient(k, string.Empty, role);
        }
    }
}
