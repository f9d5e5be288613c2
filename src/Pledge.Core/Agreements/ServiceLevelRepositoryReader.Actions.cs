using Pledge.Actions;
using Pledge.Files;
using YamlDotNet.RepresentationModel;

namespace Pledge.Agreements;

public static partial class ServiceLevelRepositoryReader
{
    private sealed partial class Reading
    {
        /// <summary>
        /// Reads an agreement's <c>corrective_actions</c> policy (docs/actions.md):
        /// <c>{ open_on: breach | failing_target | [breach, failing_target], owner: TEXT, due_in: 5 business days, calendar: ID }</c>.
        /// </summary>
        private CorrectiveActionPolicy? ReadActionPolicy(YamlFile yaml, Dictionary<string, YamlNode> agreement)
        {
            if (!agreement.TryGetValue("corrective_actions", out var node) || YamlFile.IsNull(node))
            {
                return null;
            }

            const string path = "corrective_actions";
            var fields = yaml.Fields(node, path, "open_on", "owner", "due_in", "calendar");
            var triggers = ActionTriggers.None;
            if (!fields.TryGetValue("open_on", out var openOn))
            {
                yaml.Error($"{path}.open_on", node, "is required: breach, failing_target, or both as a list");
            }
            else
            {
                var items = openOn is YamlSequenceNode list ? list.Children.ToList() : [openOn];
                foreach (var item in items)
                {
                    var text = yaml.Text(item, $"{path}.open_on");
                    var trigger = text switch
                    {
                        "breach" => ActionTriggers.Breach,
                        "failing_target" => ActionTriggers.FailingTarget,
                        null => ActionTriggers.None,
                        _ => (ActionTriggers?)null,
                    };
                    if (trigger is null)
                    {
                        yaml.Error($"{path}.open_on", item, $"\"{text}\" is not breach or failing_target");
                    }
                    else
                    {
                        triggers |= trigger.Value;
                    }
                }

                if (items.Count == 0)
                {
                    yaml.Error($"{path}.open_on", openOn, "is empty: breach, failing_target, or both");
                }
            }

            ActionDueRule? due = null;
            if (yaml.Optional(fields, "due_in", path) is { } dueText)
            {
                if (ActionDueRule.TryParse(dueText, out var rule))
                {
                    due = rule;
                }
                else
                {
                    yaml.Error($"{path}.due_in", fields["due_in"], $"\"{dueText}\" is not a delay such as 5 business days, 10 days or P5D (at most {ActionDueRule.MaxDays} days)");
                }
            }

            var calendar = yaml.Optional(fields, "calendar", path);
            if (calendar is not null && !_calendars.ContainsKey(calendar))
            {
                yaml.Error($"{path}.calendar", fields["calendar"], $"\"{calendar}\" is not a calendar of calendars/ (known: {string.Join(", ", _calendars.Keys.Order(StringComparer.Ordinal))})");
            }

            if (calendar is not null && due is { BusinessDays: false })
            {
                yaml.Warning($"{path}.calendar", fields["calendar"], "is used only to count business days: due_in counts plain days");
            }

            return new CorrectiveActionPolicy(triggers)
            {
                Owner = yaml.Optional(fields, "owner", path),
                DueIn = due,
                Calendar = calendar,
            };
        }
    }
}
