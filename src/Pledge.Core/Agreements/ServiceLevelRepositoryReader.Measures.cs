using System.Collections.Immutable;
using System.Globalization;
using NodaTime;
using NodaTime.Text;
using Pledge.Availability;
using Pledge.Compliance;
using Pledge.Deliveries;
using Pledge.Files;
using Pledge.Satisfaction;
using Pledge.Series;
using YamlDotNet.RepresentationModel;

namespace Pledge.Agreements;

/// <summary>The targets measured per period rather than by a clock: availability, delivery, satisfaction, compliance, custom.</summary>
public static partial class ServiceLevelRepositoryReader
{
    private static readonly LocalTimePattern SlotTime = LocalTimePattern.CreateWithInvariantCulture("HH:mm");

    private static readonly (string Name, IsoDayOfWeek Day)[] DayNames =
    [
        ("mon", IsoDayOfWeek.Monday), ("tue", IsoDayOfWeek.Tuesday), ("wed", IsoDayOfWeek.Wednesday), ("thu", IsoDayOfWeek.Thursday),
        ("fri", IsoDayOfWeek.Friday), ("sat", IsoDayOfWeek.Saturday), ("sun", IsoDayOfWeek.Sunday),
    ];

    private sealed partial class Reading
    {
        private static TargetKind? MeasureKindOf(YamlNode node)
        {
            if (node is not YamlMappingNode mapping || !mapping.Children.TryGetValue(new YamlScalarNode("kind"), out var kindNode) || kindNode is not YamlScalarNode { Value: { } text })
            {
                return null;
            }

            foreach (var (name, kind) in TargetKindNames.All)
            {
                if (!TargetKindNames.IsClock(kind) && string.Equals(name, text.Trim(), StringComparison.OrdinalIgnoreCase))
                {
                    return kind;
                }
            }

            return null;
        }

        private Target? ReadMeasureTarget(YamlFile yaml, YamlNode node, string path, TargetKind kind)
        {
            var before = _problems.Count(p => !p.IsWarning);
            string[] common = ["id", "kind", "calendar", "objective", "description"];
            string[] own = kind switch
            {
                TargetKind.Availability => ["planned", "notice", "partial_weight", "degraded_weight", "minimum_outage", "check_validity", "unknown"],
                TargetKind.Delivery => ["schedule", "tolerance"],
                TargetKind.Satisfaction => ["metric", "scale", "satisfied_from", "minimum_responses"],
                TargetKind.Compliance => ["terms", "evidence_valid_for"],
                _ => ["series", "aggregation", "threshold", "unit", "minimum_samples"],
            };
            var fields = yaml.Fields(node, path, [.. common, .. own]);
            var id = yaml.Optional(fields, "id", path) ?? TargetKindNames.Of(kind);
            var needsCalendar = kind is TargetKind.Availability or TargetKind.Delivery;
            var calendarId = needsCalendar
                ? yaml.Required(fields, "calendar", path, node, kind == TargetKind.Availability ? "the calendar of the agreed service hours" : "the customer's calendar the schedule is kept in")
                : yaml.Optional(fields, "calendar", path);
            if (calendarId is not null && !_calendars.ContainsKey(calendarId))
            {
                yaml.Error($"{path}.calendar", fields["calendar"], $"\"{calendarId}\" is not a calendar of calendars/ (known: {string.Join(", ", _calendars.Keys.Order(StringComparer.Ordinal))})");
            }

            var target = new Target
            {
                Id = id,
                Kind = kind,
                CalendarId = calendarId ?? string.Empty,
                Thresholds = ImmutableDictionary<string, Duration>.Empty,
                Warnings = [],
            };
            target = kind switch
            {
                TargetKind.Availability => ReadAvailability(yaml, fields, path, node, target),
                TargetKind.Delivery => ReadDelivery(yaml, fields, path, node, target),
                TargetKind.Satisfaction => ReadSatisfaction(yaml, fields, path, node, target),
                TargetKind.Compliance => ReadCompliance(yaml, fields, path, target),
                _ => ReadSeries(yaml, fields, path, node, target),
            };
            return (needsCalendar && calendarId is null) || _problems.Count(p => !p.IsWarning) > before ? null : target;
        }

        private static Target ReadAvailability(YamlFile yaml, Dictionary<string, YamlNode> fields, string path, YamlNode node, Target target)
        {
            var objective = Share(yaml, fields, path, node, required: true, fallback: 0.999);
            var planned = Enum(yaml, fields, "planned", node, required: false, path, ("exclude", true), ("count", false)) ?? true;
            var notice = OptionalDuration(yaml, fields, "notice", path);
            if (notice is not null && !planned)
            {
                yaml.Error($"{path}.notice", fields["notice"], "applies only when planned maintenance is excluded (planned: exclude)");
            }

            var rules = new AvailabilityRules
            {
                Objective = objective,
                ExcludePlanned = planned,
                MinimumNotice = notice,
                PartialWeight = Weight(yaml, fields, "partial_weight", path) ?? new AvailabilityRules().PartialWeight,
                DegradedWeight = Weight(yaml, fields, "degraded_weight", path) ?? new AvailabilityRules().DegradedWeight,
                MinimumOutage = OptionalDuration(yaml, fields, "minimum_outage", path) ?? Duration.Zero,
                CheckValidity = OptionalDuration(yaml, fields, "check_validity", path) ?? new AvailabilityRules().CheckValidity,
                Unknown = Enum(yaml, fields, "unknown", node, required: false, path, ("exclude", UnknownPolicy.Exclude), ("down", UnknownPolicy.Down)) ?? UnknownPolicy.Exclude,
            };
            return target with { Objective = objective, Availability = rules };
        }

        private Target ReadDelivery(YamlFile yaml, Dictionary<string, YamlNode> fields, string path, YamlNode node, Target target)
        {
            var objective = Share(yaml, fields, path, node, required: false, fallback: 0.95);
            var slots = ImmutableArray.CreateBuilder<DeliverySlot>();
            if (!fields.TryGetValue("schedule", out var scheduleNode))
            {
                yaml.Error($"{path}.schedule", node, "is required: the delivery slots, such as { slot: tea-morning, service: tea, days: mon-fri, window: \"08:00-08:30\", quantity: 30 }");
            }
            else if (yaml.List(scheduleNode, $"{path}.schedule", "delivery slots") is { } items)
            {
                if (items.Count == 0)
                {
                    yaml.Error($"{path}.schedule", scheduleNode, "must list at least one delivery slot");
                }

                for (var i = 0; i < items.Count; i++)
                {
                    if (ReadSlot(yaml, items[i], $"{path}.schedule[{i}]") is not { } slot)
                    {
                        continue;
                    }

                    if (slots.Any(s => string.Equals(s.Name, slot.Name, StringComparison.OrdinalIgnoreCase)))
                    {
                        yaml.Error($"{path}.schedule[{i}].slot", items[i], $"slot \"{slot.Name}\" is listed twice");
                        continue;
                    }

                    slots.Add(slot);
                }
            }

            var rules = new DeliveryRules
            {
                Objective = objective,
                Schedule = slots.ToImmutable(),
                Tolerance = OptionalDuration(yaml, fields, "tolerance", path) ?? Duration.Zero,
            };
            return target with { Objective = objective, Delivery = rules };
        }

        private DeliverySlot? ReadSlot(YamlFile yaml, YamlNode node, string path)
        {
            var fields = yaml.Fields(node, path, "slot", "service", "days", "window", "quantity");
            var name = yaml.Required(fields, "slot", path, node, "the slot's name, such as tea-morning");
            var service = yaml.Required(fields, "service", path, node, "the service delivered, from catalogue.yaml");
            if (service is not null && !_services.ContainsKey(service))
            {
                yaml.Error($"{path}.service", fields["service"], $"\"{service}\" is not a service of catalogue.yaml");
                service = null;
            }

            var days = ImmutableArray.Create(DayNames.Select(d => d.Day).ToArray());
            if (fields.TryGetValue("days", out var daysNode))
            {
                days = ReadDays(yaml, daysNode, $"{path}.days") ?? [];
            }

            LocalTime? from = null;
            LocalTime? to = null;
            if (yaml.Required(fields, "window", path, node, "the local times of the slot, such as \"08:00-08:30\"") is { } window)
            {
                var dash = window.IndexOf('-', StringComparison.Ordinal);
                var start = dash > 0 ? SlotTime.Parse(window[..dash].Trim()) : null;
                var end = dash > 0 ? SlotTime.Parse(window[(dash + 1)..].Trim()) : null;
                if (start is not { Success: true } || end is not { Success: true } || end.Value <= start.Value)
                {
                    yaml.Error($"{path}.window", fields["window"], $"\"{window}\" is not a window such as \"08:00-08:30\" (HH:mm-HH:mm, ending after it starts on the same day)");
                }
                else
                {
                    (from, to) = (start.Value, end.Value);
                }
            }

            int? quantity = null;
            if (yaml.Optional(fields, "quantity", path) is { } quantityText)
            {
                if (int.TryParse(quantityText, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed > 0)
                {
                    quantity = parsed;
                }
                else
                {
                    yaml.Error($"{path}.quantity", fields["quantity"], $"\"{quantityText}\" is not a positive whole number");
                }
            }

            return name is null || service is null || from is null || to is null || days.IsEmpty
                ? null
                : new DeliverySlot(name, service, days, from.Value, to.Value) { Quantity = quantity };
        }

        private static ImmutableArray<IsoDayOfWeek>? ReadDays(YamlFile yaml, YamlNode node, string path)
        {
            var texts = new List<(string Text, YamlNode Node)>();
            if (node is YamlScalarNode scalar)
            {
                if (yaml.Text(scalar, path) is not { } single)
                {
                    // Reported already: one error for the field, not a second "no day".
                    return null;
                }

                texts.Add((single, scalar));
            }
            else if (yaml.List(node, path, "days such as mon, tue or mon-fri") is { } items)
            {
                for (var i = 0; i < items.Count; i++)
                {
                    if (yaml.Text(items[i], $"{path}[{i}]") is { } text)
                    {
                        texts.Add((text, items[i]));
                    }
                }
            }
            else
            {
                return null;
            }

            var days = new SortedSet<IsoDayOfWeek>();
            var ok = texts.Count > 0;
            foreach (var (text, item) in texts)
            {
                var dash = text.IndexOf('-', StringComparison.Ordinal);
                var first = DayOf(dash > 0 ? text[..dash] : text);
                var last = dash > 0 ? DayOf(text[(dash + 1)..]) : first;
                if (first is null || last is null)
                {
                    yaml.Error(path, item, $"\"{text}\" is not a day or a range of days (mon, tue, wed, thu, fri, sat, sun; mon-fri)");
                    ok = false;
                    continue;
                }

                for (var day = (int)first.Value; ; day = day % 7 + 1)
                {
                    days.Add((IsoDayOfWeek)day);
                    if (day == (int)last.Value)
                    {
                        break;
                    }
                }
            }

            if (texts.Count == 0)
            {
                yaml.Error(path, node, "must name at least one day");
            }

            return ok ? [.. days] : null;
        }

        private static IsoDayOfWeek? DayOf(string text)
        {
            var trimmed = text.Trim();
            foreach (var (name, day) in DayNames)
            {
                if (trimmed.Length >= 3 && (string.Equals(trimmed, name, StringComparison.OrdinalIgnoreCase)
                    || string.Equals(trimmed, day.ToString(), StringComparison.OrdinalIgnoreCase)))
                {
                    return day;
                }
            }

            return null;
        }

        private static Target ReadSatisfaction(YamlFile yaml, Dictionary<string, YamlNode> fields, string path, YamlNode node, Target target)
        {
            var metric = Enum(yaml, fields, "metric", node, required: false, path, ("csat", SatisfactionMetric.Csat), ("average", SatisfactionMetric.Average), ("nps", SatisfactionMetric.Nps)) ?? SatisfactionMetric.Csat;
            var (min, max) = metric == SatisfactionMetric.Nps ? (0.0, 10.0) : (1.0, 5.0);
            if (yaml.Optional(fields, "scale", path) is { } scaleText)
            {
                var dash = scaleText.IndexOf('-', 1);
                if (dash > 0
                    && double.TryParse(scaleText[..dash], NumberStyles.Float, CultureInfo.InvariantCulture, out var low)
                    && double.TryParse(scaleText[(dash + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var high)
                    && high > low)
                {
                    (min, max) = (low, high);
                }
                else
                {
                    yaml.Error($"{path}.scale", fields["scale"], $"\"{scaleText}\" is not a scale such as 1-5 or 0-10");
                }
            }

            if (metric == SatisfactionMetric.Nps && (min, max) != (0, 10))
            {
                yaml.Error($"{path}.scale", fields.GetValueOrDefault("scale") ?? node, "NPS is asked on the scale 0-10");
            }

            double objective;
            var objectiveText = yaml.Required(fields, "objective", path, node, metric switch
            {
                SatisfactionMetric.Csat => "the share of satisfied responses, such as 80%",
                SatisfactionMetric.Average => "the average score to reach, such as 4.2",
                _ => "the net promoter score to reach, from -100 to 100, such as 30",
            });
            if (objectiveText is null)
            {
                objective = 0;
            }
            else if (metric == SatisfactionMetric.Csat)
            {
                if (!TryParseShare(objectiveText, out objective))
                {
                    yaml.Error($"{path}.objective", fields["objective"], $"\"{objectiveText}\" is not a share (such as 80% or 0.8)");
                }
            }
            else if (!double.TryParse(objectiveText, NumberStyles.Float, CultureInfo.InvariantCulture, out objective)
                || (metric == SatisfactionMetric.Average && (objective < min || objective > max))
                || (metric == SatisfactionMetric.Nps && objective is < -100 or > 100))
            {
                yaml.Error($"{path}.objective", fields["objective"], metric == SatisfactionMetric.Average
                    ? $"\"{objectiveText}\" is not a score on the scale {Number(min)}-{Number(max)}"
                    : $"\"{objectiveText}\" is not a net promoter score from -100 to 100");
            }

            double? satisfiedFrom = null;
            if (yaml.Optional(fields, "satisfied_from", path) is { } fromText)
            {
                if (double.TryParse(fromText, NumberStyles.Float, CultureInfo.InvariantCulture, out var from) && from >= min && from <= max)
                {
                    satisfiedFrom = from;
                }
                else
                {
                    yaml.Error($"{path}.satisfied_from", fields["satisfied_from"], $"\"{fromText}\" is not a score on the scale {Number(min)}-{Number(max)}");
                }
            }

            var rules = new SatisfactionRules
            {
                Metric = metric,
                ScaleMin = min,
                ScaleMax = max,
                SatisfiedFrom = satisfiedFrom,
                Objective = objective,
                MinimumResponses = Count(yaml, fields, "minimum_responses", path) ?? new SatisfactionRules().MinimumResponses,
            };
            return target with { Objective = objective, Satisfaction = rules };
        }

        private static Target ReadCompliance(YamlFile yaml, Dictionary<string, YamlNode> fields, string path, Target target)
        {
            var objective = Share(yaml, fields, path, null, required: false, fallback: 1.0);
            var terms = ImmutableArray.CreateBuilder<string>();
            if (fields.TryGetValue("terms", out var termsNode) && yaml.List(termsNode, $"{path}.terms", "term names such as password-length") is { } items)
            {
                for (var i = 0; i < items.Count; i++)
                {
                    if (yaml.Text(items[i], $"{path}.terms[{i}]") is { } term)
                    {
                        terms.Add(term);
                    }
                }
            }

            var rules = new ComplianceRules
            {
                Terms = terms.ToImmutable(),
                Objective = objective,
                EvidenceValidFor = OptionalDuration(yaml, fields, "evidence_valid_for", path),
            };
            return target with { Objective = objective, Compliance = rules };
        }

        private static Target ReadSeries(YamlFile yaml, Dictionary<string, YamlNode> fields, string path, YamlNode node, Target target)
        {
            var series = yaml.Required(fields, "series", path, node, "the name of the series its sample events carry, such as juice-temperature");
            var aggregation = SeriesAggregation.Mean;
            var percentile = 95.0;
            if (yaml.Optional(fields, "aggregation", path) is { } aggregationText && !SeriesAggregations.TryParse(aggregationText, out aggregation, out percentile))
            {
                yaml.Error($"{path}.aggregation", fields["aggregation"], $"\"{aggregationText}\" is not an aggregation (mean, median, p95 or any pNN, min, max, sum, last, count)");
            }

            var comparison = Comparison.AtMost;
            var threshold = 0.0;
            if (yaml.Required(fields, "threshold", path, node, "a comparison with a number, such as \"<= 8\"") is { } thresholdText
                && !Comparisons.TryParse(thresholdText, out comparison, out threshold))
            {
                yaml.Error($"{path}.threshold", fields["threshold"], $"\"{thresholdText}\" is not a comparison with a number (<=, >=, < or > and a number, such as \"<= 8\")");
            }

            var rules = new SeriesRules
            {
                Series = series ?? string.Empty,
                Aggregation = aggregation,
                Percentile = percentile,
                Comparison = comparison,
                Threshold = threshold,
                Unit = yaml.Optional(fields, "unit", path),
                MinimumSamples = Count(yaml, fields, "minimum_samples", path) ?? 1,
            };
            if (fields.TryGetValue("objective", out var objectiveNode))
            {
                yaml.Error($"{path}.objective", objectiveNode, "a custom target is judged by its threshold; it has no objective");
            }

            return target with { Objective = 1, Series = rules };
        }

        private static double Share(YamlFile yaml, Dictionary<string, YamlNode> fields, string path, YamlNode? node, bool required, double fallback)
        {
            var text = required ? yaml.Required(fields, "objective", path, node!, "a share such as 99.9%") : yaml.Optional(fields, "objective", path);
            if (text is null)
            {
                return fallback;
            }

            if (!TryParseShare(text, out var share))
            {
                yaml.Error($"{path}.objective", fields["objective"], $"\"{text}\" is not a share (such as 99.9% or 0.999)");
                return fallback;
            }

            return share;
        }

        private static Duration? OptionalDuration(YamlFile yaml, Dictionary<string, YamlNode> fields, string name, string path)
        {
            if (yaml.Optional(fields, name, path) is not { } text)
            {
                return null;
            }

            if (!Durations.TryParse(text, out var duration))
            {
                yaml.Error($"{path}.{name}", fields[name], $"\"{text}\" is not a positive duration (such as 30s, 5m, 4h, 7d)");
                return null;
            }

            return duration;
        }

        private static double? Weight(YamlFile yaml, Dictionary<string, YamlNode> fields, string name, string path)
        {
            if (yaml.Optional(fields, name, path) is not { } text)
            {
                return null;
            }

            var percent = text.EndsWith('%');
            if (double.TryParse(percent ? text[..^1] : text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var weight)
                && (weight /= percent ? 100 : 1) is >= 0 and <= 1)
            {
                return weight;
            }

            yaml.Error($"{path}.{name}", fields[name], $"\"{text}\" is not a weight from 0 to 1 (such as 0.3 or 30%)");
            return null;
        }

        private static int? Count(YamlFile yaml, Dictionary<string, YamlNode> fields, string name, string path)
        {
            if (yaml.Optional(fields, name, path) is not { } text)
            {
                return null;
            }

            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count > 0)
            {
                return count;
            }

            yaml.Error($"{path}.{name}", fields[name], $"\"{text}\" is not a positive whole number");
            return null;
        }

        private static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
    }
}
