using System.Collections.Immutable;
using System.Globalization;
using NodaTime;
using NodaTime.Text;
using Pledge.Calendars;
using Pledge.Clocks;
using Pledge.Files;
using YamlDotNet.RepresentationModel;

namespace Pledge.Agreements;

/// <summary>
/// Reads a service-level repository (catalogue.yaml, customers.yaml, optional teams.yaml and suppliers.yaml,
/// calendars/, agreements/) and validates all of it, reporting every problem with file, line and field.
/// Nothing is returned from an invalid repository; warnings (an OLA looser than the SLA it supports, say)
/// do not stop it. See docs/repository.md.
/// </summary>
public static partial class ServiceLevelRepositoryReader
{
    /// <summary>Reads and validates the repository that <paramref name="source"/> gives.</summary>
    public static RepositoryReadResult Read(IRepositorySource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new Reading(source).Run();
    }

    private sealed partial class Reading(IRepositorySource source)
    {
        private readonly List<RepositoryProblem> _problems = [];
        private readonly Dictionary<string, CatalogueService> _services = new(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, Customer> _customers = new(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, BusinessCalendar> _calendars = new(StringComparer.OrdinalIgnoreCase);
        private readonly HashSet<string> _teams = new(StringComparer.OrdinalIgnoreCase);
        private readonly HashSet<string> _suppliers = new(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, ImmutableArray<Contact>> _teamContacts = new(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, ImmutableArray<Contact>> _supplierContacts = new(StringComparer.OrdinalIgnoreCase);
        private readonly List<(Agreement Agreement, YamlFile Document, YamlNode Root, Dictionary<(int Version, string Target), (YamlNode Node, string Path)> Nodes)> _agreements = [];

        public RepositoryReadResult Run()
        {
            ReadCatalogue();
            ReadCustomers();
            ReadParties("teams.yaml", "teams", _teams, _teamContacts);
            ReadParties("suppliers.yaml", "suppliers", _suppliers, _supplierContacts);
            ReadCalendars();
            foreach (var file in source.YamlFiles("agreements"))
            {
                ReadAgreement(file);
            }

            if (_agreements.Count == 0 && !_problems.Any(p => p.File.StartsWith("agreements", StringComparison.Ordinal)))
            {
                Report("agreements/", 0, 0, string.Empty, "no agreement files (agreements/*.yaml)", true);
            }

            CheckAcrossAgreements();
            var problems = _problems.OrderBy(p => p.File, StringComparer.Ordinal).ThenBy(p => p.Line).ThenBy(p => p.Column).ToImmutableArray();
            if (problems.Any(p => !p.IsWarning))
            {
                return new RepositoryReadResult(null, problems);
            }

            var repository = new ServiceLevelRepository(_services.Values, _customers.Values, _calendars, _agreements.Select(a => a.Agreement), _teams, _suppliers)
            {
                TeamContacts = _teamContacts.ToImmutableDictionary(StringComparer.OrdinalIgnoreCase),
                SupplierContacts = _supplierContacts.ToImmutableDictionary(StringComparer.OrdinalIgnoreCase),
            };
            return new RepositoryReadResult(repository, problems);
        }

        private void Report(string file, int line, int column, string field, string message, bool warning) =>
            _problems.Add(new RepositoryProblem(file, line, column, field, message, warning));

        private YamlFile Document(string file) => new(file, Report);

        private YamlMappingNode? Open(string file, bool required)
        {
            if (!source.Exists(file))
            {
                if (required)
                {
                    Report(file, 0, 0, string.Empty, "is missing from the repository", false);
                }

                return null;
            }

            return Document(file).Parse(source.Read(file));
        }

        private void ReadCatalogue()
        {
            const string File = "catalogue.yaml";
            var root = Open(File, required: true);
            if (root is null)
            {
                return;
            }

            var yaml = Document(File);
            var fields = yaml.Fields(root, string.Empty, "services");
            if (!fields.TryGetValue("services", out var servicesNode))
            {
                yaml.Error("services", root, "is required: the list of services");
                return;
            }

            if (yaml.List(servicesNode, "services", "services") is not { } items)
            {
                return;
            }

            for (var i = 0; i < items.Count; i++)
            {
                var path = $"services[{i}]";
                var service = yaml.Fields(items[i], path, "id", "name", "description", "offerings");
                var id = yaml.Required(service, "id", path, items[i], "the service's id, such as tea");
                var name = yaml.Optional(service, "name", path) ?? id;
                var offerings = ImmutableArray.CreateBuilder<Offering>();
                if (service.TryGetValue("offerings", out var offeringsNode) && yaml.List(offeringsNode, $"{path}.offerings", "offerings") is { } offeringItems)
                {
                    var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                    for (var j = 0; j < offeringItems.Count; j++)
                    {
                        var offeringPath = $"{path}.offerings[{j}]";
                        var offering = yaml.Fields(offeringItems[j], offeringPath, "id", "name", "description");
                        if (yaml.Required(offering, "id", offeringPath, offeringItems[j], "the offering's id") is { } offeringId)
                        {
                            if (!seen.Add(offeringId))
                            {
                                yaml.Error($"{offeringPath}.id", offeringItems[j], $"\"{offeringId}\" is listed twice");
                            }

                            offerings.Add(new Offering(offeringId, yaml.Optional(offering, "name", offeringPath) ?? offeringId));
                        }
                    }
                }

                if (id is not null && !_services.TryAdd(id, new CatalogueService(id, name!, offerings.ToImmutable())))
                {
                    yaml.Error($"{path}.id", items[i], $"\"{id}\" is listed twice");
                }
            }
        }

        private void ReadCustomers()
        {
            const string File = "customers.yaml";
            var root = Open(File, required: true);
            if (root is null)
            {
                return;
            }

            var yaml = Document(File);
            var fields = yaml.Fields(root, string.Empty, "customers");
            if (!fields.TryGetValue("customers", out var customersNode))
            {
                yaml.Error("customers", root, "is required: the list of customers");
                return;
            }

            if (yaml.List(customersNode, "customers", "customers") is not { } items)
            {
                return;
            }

            for (var i = 0; i < items.Count; i++)
            {
                var path = $"customers[{i}]";
                var customer = yaml.Fields(items[i], path, "id", "name", "contacts", "services");
                var id = yaml.Required(customer, "id", path, items[i], "the customer's id, such as acme");
                var contacts = ReadContacts(yaml, customer, path);

                var services = ImmutableArray.CreateBuilder<string>();
                if (customer.TryGetValue("services", out var servicesNode) && yaml.List(servicesNode, $"{path}.services", "service ids of catalogue.yaml") is { } serviceItems)
                {
                    for (var j = 0; j < serviceItems.Count; j++)
                    {
                        if (yaml.Text(serviceItems[j], $"{path}.services[{j}]") is not { } service)
                        {
                            continue;
                        }

                        if (!_services.ContainsKey(service))
                        {
                            yaml.Error($"{path}.services[{j}]", serviceItems[j], $"\"{service}\" is not a service of catalogue.yaml");
                        }
                        else
                        {
                            services.Add(service);
                        }
                    }
                }

                if (id is not null && !_customers.TryAdd(id, new Customer(id, yaml.Optional(customer, "name", path) ?? id, contacts) { Services = services.ToImmutable() }))
                {
                    yaml.Error($"{path}.id", items[i], $"\"{id}\" is listed twice");
                }
            }
        }

        /// <summary>The <c>contacts:</c> of a customer, team or supplier: name (required), e-mail and role (optional).</summary>
        private static ImmutableArray<Contact> ReadContacts(YamlFile yaml, Dictionary<string, YamlNode> party, string path)
        {
            var contacts = ImmutableArray.CreateBuilder<Contact>();
            if (!party.TryGetValue("contacts", out var contactsNode) || yaml.List(contactsNode, $"{path}.contacts", "contacts") is not { } contactItems)
            {
                return contacts.ToImmutable();
            }

            for (var j = 0; j < contactItems.Count; j++)
            {
                var contactPath = $"{path}.contacts[{j}]";
                var contact = yaml.Fields(contactItems[j], contactPath, "name", "email", "role");
                var email = yaml.Optional(contact, "email", contactPath);
                if (email is not null && !email.Contains('@', StringComparison.Ordinal))
                {
                    yaml.Error($"{contactPath}.email", contact["email"], $"\"{email}\" is not an e-mail address");
                }

                if (yaml.Required(contact, "name", contactPath, contactItems[j], "the contact's name") is { } contactName)
                {
                    contacts.Add(new Contact(contactName, email) { Role = yaml.Optional(contact, "role", contactPath) });
                }
            }

            return contacts.ToImmutable();
        }

        private void ReadParties(string file, string field, HashSet<string> into, Dictionary<string, ImmutableArray<Contact>> contactsInto)
        {
            var root = Open(file, required: false);
            if (root is null)
            {
                return;
            }

            var yaml = Document(file);
            var fields = yaml.Fields(root, string.Empty, field);
            if (!fields.TryGetValue(field, out var node) || yaml.List(node, field, field) is not { } items)
            {
                return;
            }

            for (var i = 0; i < items.Count; i++)
            {
                // Either a bare id or { id, name, contacts }.
                var contacts = ImmutableArray<Contact>.Empty;
                string? id;
                if (items[i] is YamlScalarNode)
                {
                    id = yaml.Text(items[i], $"{field}[{i}]");
                }
                else
                {
                    var party = yaml.Fields(items[i], $"{field}[{i}]", "id", "name", "contacts");
                    id = yaml.Required(party, "id", $"{field}[{i}]", items[i], "the id");
                    contacts = ReadContacts(yaml, party, $"{field}[{i}]");
                }

                if (id is not null && !into.Add(id))
                {
                    yaml.Error($"{field}[{i}]", items[i], $"\"{id}\" is listed twice");
                }
                else if (id is not null && !contacts.IsEmpty)
                {
                    contactsInto[id] = contacts;
                }
            }
        }

        private void ReadCalendars()
        {
            foreach (var file in source.YamlFiles("calendars"))
            {
                var folder = file.Contains('/', StringComparison.Ordinal) ? file[..file.LastIndexOf('/')] : string.Empty;
                var result = CalendarFile.Read(source.Read(file), file, relative => source.Read(string.IsNullOrEmpty(folder) ? relative : $"{folder}/{relative}"));
                foreach (var problem in result.Problems)
                {
                    Report(file, problem.Line, problem.Column, problem.Field, problem.Message, problem.IsWarning);
                }

                if (result.Calendar is { } calendar && !_calendars.TryAdd(calendar.Name, calendar))
                {
                    // Locate the name field (or the file's start, when the name comes from the file name).
                    var nameNode = Document(file).Parse(source.Read(file)) is { } root && root.Children.TryGetValue(new YamlScalarNode("name"), out var node) ? node : null;
                    Report(file, nameNode is null ? 1 : (int)nameNode.Start.Line, nameNode is null ? 1 : (int)nameNode.Start.Column, "name", $"calendar \"{calendar.Name}\" is defined twice", false);
                }
            }
        }

        private void ReadAgreement(string file)
        {
            var yaml = Document(file);
            var root = yaml.Parse(source.Read(file));
            if (root is null)
            {
                return;
            }

            var before = _problems.Count(p => !p.IsWarning);
            var fields = yaml.Fields(root, string.Empty, "id", "name", "kind", "level", "parties", "services", "timezone", "versions", "corrective_actions");
            var id = yaml.Required(fields, "id", string.Empty, root, "the agreement's id, such as acme-gold");
            var kind = Enum<AgreementKind>(yaml, fields, "kind", root, required: true, ("sla", AgreementKind.Sla), ("ola", AgreementKind.Ola), ("uc", AgreementKind.Uc));
            var level = Enum<AgreementLevel>(yaml, fields, "level", root, required: kind is AgreementKind.Sla,
                ("corporate", AgreementLevel.Corporate), ("service", AgreementLevel.Service), ("customer", AgreementLevel.Customer), ("customer-service", AgreementLevel.CustomerService)) ?? AgreementLevel.Corporate;

            string? customer = null, team = null, supplier = null;
            if (fields.TryGetValue("parties", out var partiesNode))
            {
                var parties = yaml.Fields(partiesNode, "parties", "customer", "team", "supplier");
                customer = yaml.Optional(parties, "customer", "parties");
                team = yaml.Optional(parties, "team", "parties");
                supplier = yaml.Optional(parties, "supplier", "parties");
                CheckParty(yaml, parties, "customer", customer, _customers.ContainsKey, "customers.yaml");
                CheckParty(yaml, parties, "team", team, _teams.Contains, "teams.yaml");
                CheckParty(yaml, parties, "supplier", supplier, _suppliers.Contains, "suppliers.yaml");
            }

            var anchor = fields.GetValueOrDefault("parties") ?? root;
            if (kind == AgreementKind.Sla && level is AgreementLevel.Customer or AgreementLevel.CustomerService && customer is null)
            {
                yaml.Error("parties.customer", anchor, $"is required: a {TargetSource.LevelName(level)}-level SLA is with one customer");
            }

            if (kind == AgreementKind.Sla && level is AgreementLevel.Corporate or AgreementLevel.Service && customer is not null)
            {
                yaml.Error("parties.customer", anchor, $"a {TargetSource.LevelName(level)}-level SLA applies to every customer: remove the customer or use level customer");
            }

            if (kind == AgreementKind.Sla && (team ?? supplier) is not null)
            {
                yaml.Error(team is null ? "parties.supplier" : "parties.team", anchor, "an SLA is with a customer: teams are parties of OLAs, suppliers of UCs");
            }

            if (kind == AgreementKind.Ola && team is null)
            {
                yaml.Error("parties.team", anchor, "is required: an OLA is with an internal team");
            }

            if (kind == AgreementKind.Uc && supplier is null)
            {
                yaml.Error("parties.supplier", anchor, "is required: a UC is with a supplier");
            }

            var services = ImmutableArray.CreateBuilder<string>();
            if (fields.TryGetValue("services", out var servicesNode) && yaml.List(servicesNode, "services", "service ids") is { } serviceItems)
            {
                for (var i = 0; i < serviceItems.Count; i++)
                {
                    if (yaml.Text(serviceItems[i], $"services[{i}]") is { } service)
                    {
                        if (!_services.ContainsKey(service))
                        {
                            yaml.Error($"services[{i}]", serviceItems[i], $"\"{service}\" is not a service of catalogue.yaml");
                        }

                        if (services.Contains(service, StringComparer.OrdinalIgnoreCase))
                        {
                            yaml.Error($"services[{i}]", serviceItems[i], $"\"{service}\" is listed twice");
                        }

                        services.Add(service);
                    }
                }
            }

            if (level is AgreementLevel.Service or AgreementLevel.CustomerService && services.Count == 0)
            {
                yaml.Error("services", fields.GetValueOrDefault("services") ?? root, $"is required: a {TargetSource.LevelName(level)}-level agreement names its services");
            }

            var zone = DateTimeZone.Utc;
            if (yaml.Optional(fields, "timezone", string.Empty) is { } zoneId)
            {
                zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneId) ?? DateTimeZone.Utc;
                if (DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneId) is null)
                {
                    yaml.Error("timezone", fields["timezone"], $"\"{zoneId}\" is not a known time zone (use an IANA id such as Europe/Berlin)");
                }
            }

            var actionPolicy = ReadActionPolicy(yaml, fields);
            var nodes = new Dictionary<(int, string), (YamlNode, string)>();
            var versions = ReadVersions(yaml, fields, root, zone, kind ?? AgreementKind.Sla, nodes);
            if (id is null || kind is null || _problems.Count(p => !p.IsWarning) > before)
            {
                return;
            }

            if (_agreements.Any(a => string.Equals(a.Agreement.Id, id, StringComparison.OrdinalIgnoreCase)))
            {
                yaml.Error("id", fields["id"], $"agreement \"{id}\" is also defined in {_agreements.First(a => string.Equals(a.Agreement.Id, id, StringComparison.OrdinalIgnoreCase)).Agreement.Source}");
                return;
            }

            var agreement = new Agreement
            {
                Id = id,
                Kind = kind.Value,
                Level = level,
                Customer = customer,
                Team = team,
                Supplier = supplier,
                Services = services.ToImmutable(),
                Zone = zone,
                Versions = versions,
                Source = file,
                CorrectiveActions = actionPolicy,
            };
            _agreements.Add((agreement, yaml, fields.GetValueOrDefault("level") ?? root, nodes));
        }

        private static void CheckParty(YamlFile yaml, Dictionary<string, YamlNode> parties, string field, string? id, Func<string, bool> known, string list)
        {
            if (id is not null && !known(id))
            {
                yaml.Error($"parties.{field}", parties[field], $"\"{id}\" is not listed in {list}");
            }
        }

        private ImmutableArray<AgreementVersion> ReadVersions(YamlFile yaml, Dictionary<string, YamlNode> fields, YamlNode root, DateTimeZone zone, AgreementKind kind, Dictionary<(int, string), (YamlNode, string)> nodes)
        {
            if (!fields.TryGetValue("versions", out var versionsNode) || yaml.List(versionsNode, "versions", "versions") is not { Count: > 0 } items)
            {
                yaml.Error("versions", fields.GetValueOrDefault("versions") ?? root, "is required: at least one version with its status, effective dates and targets");
                return [];
            }

            var versions = ImmutableArray.CreateBuilder<AgreementVersion>();
            for (var i = 0; i < items.Count; i++)
            {
                var path = $"versions[{i}]";
                var version = yaml.Fields(items[i], path, "version", "status", "effective", "targets", "escalations", "notes");
                var number = 0;
                if (yaml.Required(version, "version", path, items[i], "the version number (1, 2, …)") is { } numberText
                    && (!int.TryParse(numberText, NumberStyles.None, CultureInfo.InvariantCulture, out number) || number < 1))
                {
                    yaml.Error($"{path}.version", version["version"], $"\"{numberText}\" is not a version number (1, 2, …)");
                }

                if (number > 0 && versions.Any(v => v.Number == number))
                {
                    yaml.Error($"{path}.version", version["version"], $"version {number} is listed twice");
                }

                var status = Enum<AgreementStatus>(yaml, version, "status", items[i], required: true, path,
                    ("draft", AgreementStatus.Draft), ("negotiating", AgreementStatus.Negotiating), ("agreed", AgreementStatus.Agreed), ("active", AgreementStatus.Active),
                    ("under-review", AgreementStatus.UnderReview), ("expired", AgreementStatus.Expired), ("terminated", AgreementStatus.Terminated));
                var (from, until) = ReadEffective(yaml, version, path, items[i], zone);
                var targets = ReadTargets(yaml, version, path, items[i], kind, number, nodes);
                var escalations = ReadEscalations(yaml, version, path, kind, targets);
                if (status is { } s && from is { } f && number > 0)
                {
                    versions.Add(new AgreementVersion(number, s, f, until, targets) { Escalations = escalations });
                }
            }

            // Two versions in force at the same instant would make the agreement ambiguous.
            var inForce = versions.Where(v => v.Status is not (AgreementStatus.Draft or AgreementStatus.Negotiating)).OrderBy(v => v.EffectiveFrom).ToList();
            for (var i = 1; i < inForce.Count; i++)
            {
                if (inForce[i - 1].EffectiveUntil is not { } end || end > inForce[i].EffectiveFrom)
                {
                    yaml.Error("versions", versionsNode, $"versions {inForce[i - 1].Number} and {inForce[i].Number} are both in force from {Date(inForce[i].EffectiveFrom, zone)}: give version {inForce[i - 1].Number} an effective until before it");
                }
            }

            return [.. versions.OrderByDescending(v => v.Number)];
        }

        private static string Date(Instant instant, DateTimeZone zone) => instant.InZone(zone).Date.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture);

        private static (Instant? From, Instant? Until) ReadEffective(YamlFile yaml, Dictionary<string, YamlNode> version, string path, YamlNode parent, DateTimeZone zone)
        {
            if (!version.TryGetValue("effective", out var node))
            {
                yaml.Error($"{path}.effective", parent, "is required: { from: 2026-01-01 } with an optional until (the last day in force)");
                return (null, null);
            }

            var effective = yaml.Fields(node, $"{path}.effective", "from", "until");
            var from = ReadDate(yaml, effective, "from", $"{path}.effective", node, required: true);
            var until = ReadDate(yaml, effective, "until", $"{path}.effective", node, required: false);
            if (from is { } f && until is { } u && u < f)
            {
                yaml.Error($"{path}.effective.until", effective["until"], $"{u:uuuu-MM-dd} is before from ({f:uuuu-MM-dd})");
                return (null, null);
            }

            return (from is { } start ? zone.AtStartOfDay(start).ToInstant() : null,
                    until is { } last ? zone.AtStartOfDay(last.PlusDays(1)).ToInstant() : null);
        }

        private static LocalDate? ReadDate(YamlFile yaml, Dictionary<string, YamlNode> fields, string name, string path, YamlNode parent, bool required)
        {
            var text = required ? yaml.Required(fields, name, path, parent, "a date (YYYY-MM-DD)") : yaml.Optional(fields, name, path);
            if (text is null)
            {
                return null;
            }

            var parsed = LocalDatePattern.Iso.Parse(text);
            if (!parsed.Success || parsed.Value.Year < BusinessCalendar.MinYear || parsed.Value.Year > BusinessCalendar.MaxYear)
            {
                yaml.Error($"{path}.{name}", fields[name], $"\"{text}\" is not a date (YYYY-MM-DD, {BusinessCalendar.MinYear}-{BusinessCalendar.MaxYear})");
                return null;
            }

            return parsed.Value;
        }

        private ImmutableArray<Target> ReadTargets(YamlFile yaml, Dictionary<string, YamlNode> version, string path, YamlNode parent, AgreementKind kind, int number, Dictionary<(int, string), (YamlNode, string)> nodes)
        {
            if (!version.TryGetValue("targets", out var targetsNode) || yaml.List(targetsNode, $"{path}.targets", "targets") is not { } items)
            {
                yaml.Error($"{path}.targets", parent, "is required: the list of targets");
                return [];
            }

            var targets = ImmutableArray.CreateBuilder<Target>();
            for (var i = 0; i < items.Count; i++)
            {
                var targetPath = $"{path}.targets[{i}]";
                var target = ReadTarget(yaml, items[i], targetPath, kind);
                if (target is null)
                {
                    continue;
                }

                if (targets.Any(t => string.Equals(t.Id, target.Id, StringComparison.OrdinalIgnoreCase)))
                {
                    yaml.Error($"{targetPath}.id", items[i], $"target \"{target.Id}\" is listed twice in this version");
                    continue;
                }

                if (target.Kind != TargetKind.Custom && targets.Any(t => t.Kind == target.Kind))
                {
                    // One target per kind per version (custom series aside): resolution across levels overrides by kind.
                    yaml.Error($"{targetPath}.kind", items[i], $"this version already has {(target.Kind == TargetKind.Availability ? "an" : "a")} {TargetKindNames.Of(target.Kind)} target");
                    continue;
                }

                targets.Add(target);
                var supportsNode = items[i] is YamlMappingNode mapping && mapping.Children.TryGetValue(new YamlScalarNode("supports"), out var supportsValue) ? supportsValue : items[i];
                nodes[(number, target.Id)] = (supportsNode, targetPath);
            }

            return targets.ToImmutable();
        }

        private Target? ReadTarget(YamlFile yaml, YamlNode node, string path, AgreementKind agreementKind)
        {
            if (MeasureKindOf(node) is { } measureKind)
            {
                return ReadMeasureTarget(yaml, node, path, measureKind);
            }

            var before = _problems.Count(p => !p.IsWarning);
            var fields = yaml.Fields(node, path, "id", "kind", "calendar", "thresholds", "objective", "pause", "reopen", "priority_change", "update_mode", "warnings", "supports", "start_on", "stop_on", "reset_on", "description");
            var kind = Enum<TargetKind>(yaml, fields, "kind", node, required: true, path, [.. TargetKindNames.All]);
            var id = yaml.Optional(fields, "id", path) ?? (kind is { } k ? TargetKindNames.Of(k) : null);
            var calendarId = yaml.Required(fields, "calendar", path, node, "the id of a calendar in calendars/");
            if (calendarId is not null && !_calendars.ContainsKey(calendarId))
            {
                yaml.Error($"{path}.calendar", fields["calendar"], $"\"{calendarId}\" is not a calendar of calendars/ (known: {string.Join(", ", _calendars.Keys.Order(StringComparer.Ordinal))})");
            }

            var thresholds = ImmutableDictionary.CreateBuilder<string, Duration>(StringComparer.OrdinalIgnoreCase);
            if (!fields.TryGetValue("thresholds", out var thresholdsNode) || thresholdsNode is not YamlMappingNode thresholdMap || thresholdMap.Children.Count == 0)
            {
                yaml.Error($"{path}.thresholds", fields.GetValueOrDefault("thresholds") ?? node, "is required: business time per priority, such as { P1: 4h, P2: 8h }");
            }
            else
            {
                foreach (var (priorityNode, value) in thresholdMap.Children)
                {
                    var priority = (priorityNode as YamlScalarNode)?.Value ?? string.Empty;
                    var text = (value as YamlScalarNode)?.Value;
                    if (!Durations.TryParse(text, out var threshold))
                    {
                        yaml.Error($"{path}.thresholds.{priority}", value, $"\"{text}\" is not a positive duration (such as 30m, 4h, 1h30m, 2d)");
                        continue;
                    }

                    if (thresholds.ContainsKey(priority))
                    {
                        yaml.Error($"{path}.thresholds.{priority}", priorityNode, $"priority {priority} is given twice (priorities ignore case)");
                        continue;
                    }

                    thresholds[priority] = threshold;
                }
            }

            var objective = 0.95;
            if (yaml.Optional(fields, "objective", path) is { } objectiveText && !TryParseShare(objectiveText, out objective))
            {
                yaml.Error($"{path}.objective", fields["objective"], $"\"{objectiveText}\" is not a share (such as 95% or 0.95)");
            }

            var pauses = ImmutableArray.CreateBuilder<string>();
            if (fields.TryGetValue("pause", out var pauseNode) && yaml.List(pauseNode, $"{path}.pause", "statuses") is { } pauseItems)
            {
                for (var i = 0; i < pauseItems.Count; i++)
                {
                    if (yaml.Text(pauseItems[i], $"{path}.pause[{i}]") is { } status)
                    {
                        pauses.Add(status);
                    }
                }
            }

            var reopen = Enum<ReopenPolicy>(yaml, fields, "reopen", node, required: false, path, ("continue", ReopenPolicy.Continue), ("restart", ReopenPolicy.Restart)) ?? ReopenPolicy.Continue;
            var priorityChange = Enum<PriorityChangePolicy>(yaml, fields, "priority_change", node, required: false, path,
                ("recompute", PriorityChangePolicy.Recompute), ("restart", PriorityChangePolicy.RestartAtChange), ("carry-share", PriorityChangePolicy.CarryShare)) ?? PriorityChangePolicy.Recompute;
            var updateMode = Enum<UpdateMode>(yaml, fields, "update_mode", node, required: false, path,
                ("periodic", UpdateMode.Periodic), ("pausable", UpdateMode.Pausable), ("after-customer-message", UpdateMode.AfterCustomerMessage)) ?? UpdateMode.Periodic;
            if (fields.TryGetValue("update_mode", out var updateModeNode) && kind is not TargetKind.Update)
            {
                yaml.Error($"{path}.update_mode", updateModeNode, "applies to update targets only");
            }

            if (kind is TargetKind.Update && updateMode == UpdateMode.Periodic && fields.TryGetValue("pause", out var ignoredPause))
            {
                yaml.Warning($"{path}.pause", ignoredPause, "a periodic update target counts waiting time too, so pause has no effect (use update_mode: pausable)");
            }

            if (fields.TryGetValue("reopen", out var reopenNode) && kind is not TargetKind.Resolution)
            {
                yaml.Error($"{path}.reopen", reopenNode, "applies to resolution targets only");
            }

            var warnings = ImmutableArray.CreateBuilder<ClockWarning>();
            if (fields.TryGetValue("warnings", out var warningsNode) && yaml.List(warningsNode, $"{path}.warnings", "warnings such as 75% or 1h before") is { } warningItems)
            {
                for (var i = 0; i < warningItems.Count; i++)
                {
                    if (yaml.Text(warningItems[i], $"{path}.warnings[{i}]") is not { } text)
                    {
                        continue;
                    }

                    if (TryParseWarning(text, out var warning))
                    {
                        warnings.Add(warning);
                    }
                    else
                    {
                        yaml.Error($"{path}.warnings[{i}]", warningItems[i], $"\"{text}\" is not a warning (a share such as 75%, or a duration before the deadline such as 1h before)");
                    }
                }
            }

            var startOn = Conditions(yaml, fields, "start_on", path);
            var stopOn = Conditions(yaml, fields, "stop_on", path);
            var resetOn = Conditions(yaml, fields, "reset_on", path);
            var supports = yaml.Optional(fields, "supports", path);
            if (supports is not null && agreementKind == AgreementKind.Sla)
            {
                yaml.Error($"{path}.supports", fields["supports"], "only OLA and UC targets support an SLA target");
            }

            if (kind is null || id is null || calendarId is null || _problems.Count(p => !p.IsWarning) > before)
            {
                return null;
            }

            return new Target
            {
                Id = id,
                Kind = kind.Value,
                CalendarId = calendarId,
                Thresholds = thresholds.ToImmutable(),
                Objective = objective,
                PauseStatuses = pauses.ToImmutable(),
                Reopen = reopen,
                PriorityChange = priorityChange,
                UpdateMode = updateMode,
                Warnings = fields.ContainsKey("warnings") ? warnings.ToImmutable() : [.. ClockWarning.Defaults],
                Supports = supports,
                StartOn = startOn,
                StopOn = stopOn,
                ResetOn = resetOn,
            };
        }

        private static ImmutableArray<EventCondition> Conditions(YamlFile yaml, Dictionary<string, YamlNode> fields, string name, string path)
        {
            if (!fields.TryGetValue(name, out var node) || yaml.List(node, $"{path}.{name}", "event conditions such as resolved or commented(agent, public)") is not { } items)
            {
                return [];
            }

            var conditions = ImmutableArray.CreateBuilder<EventCondition>();
            for (var i = 0; i < items.Count; i++)
            {
                if (yaml.Text(items[i], $"{path}.{name}[{i}]") is not { } text)
                {
                    continue;
                }

                if (EventConditions.TryParse(text, out var condition, out var reason))
                {
                    conditions.Add(condition);
                }
                else
                {
                    yaml.Error($"{path}.{name}[{i}]", items[i], reason);
                }
            }

            return conditions.ToImmutable();
        }

        /// <summary>Checks that need every agreement: ambiguous SLAs, and OLAs or UCs that cannot support their SLA targets.</summary>
        private void CheckAcrossAgreements()
        {
            var slas = _agreements.Where(a => a.Agreement.Kind == AgreementKind.Sla).ToList();
            for (var i = 0; i < slas.Count; i++)
            {
                for (var j = i + 1; j < slas.Count; j++)
                {
                    var (a, b) = (slas[i].Agreement, slas[j].Agreement);
                    if (a.Level == b.Level && SameParty(a, b) && ServicesOverlap(a, b) && PeriodsOverlap(a, b))
                    {
                        slas[j].Document.Warning("level", slas[j].Root, $"{b.Id} and {a.Id} are both {TargetSource.LevelName(a.Level)}-level SLAs for the same customer and services at the same time; {(string.CompareOrdinal(a.Id, b.Id) < 0 ? a.Id : b.Id)} wins where both have a target");
                    }
                }
            }

            foreach (var (agreement, document, _, nodes) in _agreements.Where(a => a.Agreement.Kind != AgreementKind.Sla))
            {
                foreach (var version in agreement.Versions)
                {
                    foreach (var target in version.Targets.Where(t => t.Supports is not null))
                    {
                        var (node, path) = nodes.GetValueOrDefault((version.Number, target.Id));
                        CheckSupport(agreement, version, target, document, node, $"{path}.supports");
                    }
                }
            }
        }

        private void CheckSupport(Agreement agreement, AgreementVersion version, Target target, YamlFile document, YamlNode? node, string field)
        {
            var slash = target.Supports!.IndexOf('/', StringComparison.Ordinal);
            var supported = slash <= 0 ? null : _agreements.Select(a => a.Agreement)
                .FirstOrDefault(a => a.Kind == AgreementKind.Sla && string.Equals(a.Id, target.Supports[..slash], StringComparison.OrdinalIgnoreCase));
            var targetId = slash <= 0 ? string.Empty : target.Supports[(slash + 1)..];
            if (supported is null || !supported.Versions.Any(v => v.Targets.Any(t => string.Equals(t.Id, targetId, StringComparison.OrdinalIgnoreCase))))
            {
                document.Error(field, node, $"\"{target.Supports}\" is not an SLA target (agreement-id/target-id)");
                return;
            }

            // Compare with the SLA version in force when this version starts (a draft never counts).
            var slaVersion = supported.VersionAt(version.EffectiveFrom);
            var slaTarget = slaVersion?.Targets.FirstOrDefault(t => string.Equals(t.Id, targetId, StringComparison.OrdinalIgnoreCase));
            if (slaTarget is null)
            {
                return;
            }

            var sla = slaTarget;
            if (sla.Kind != target.Kind)
            {
                document.Warning(field, node, $"a {TargetKindNames.Of(target.Kind)} target supports the {TargetKindNames.Of(sla.Kind)} target {target.Supports}");
            }

            if (!sla.IsClock)
            {
                return;
            }

            foreach (var (priority, slaThreshold) in sla.Thresholds.OrderBy(t => t.Key, StringComparer.Ordinal))
            {
                if (!target.Thresholds.TryGetValue(priority, out var threshold))
                {
                    document.Warning(field, node, $"priority {priority} has {Durations.Format(slaThreshold)} in {target.Supports} but no threshold here");
                }
                else if (threshold > slaThreshold)
                {
                    document.Warning(field, node, $"priority {priority}: {Durations.Format(threshold)} is looser than the {Durations.Format(slaThreshold)} of {target.Supports} it supports");
                }
            }

            // Coverage: every business minute of the SLA's calendar should be business time of the OLA's too.
            var slaCalendar = _calendars[sla.CalendarId];
            var ourCalendar = _calendars[target.CalendarId];
            var start = version.EffectiveFrom;
            var end = start + Duration.FromDays(28);
            var slaTime = Duration.Zero;
            var covered = Duration.Zero;
            foreach (var window in slaCalendar.Windows(start, end))
            {
                slaTime += window.Duration;
                covered += ourCalendar.Elapsed(window.Start, window.End);
            }

            if (covered < slaTime)
            {
                document.Warning(field, node, $"calendar {target.CalendarId} covers {Durations.Format(covered)} of the {Durations.Format(slaTime)} that {sla.CalendarId} ({target.Supports}) is open in the 4 weeks from v{version.Number}'s start: the SLA's clock runs while this one stands still");
            }
        }

        private static bool SameParty(Agreement a, Agreement b) =>
            string.Equals(a.Customer, b.Customer, StringComparison.OrdinalIgnoreCase);

        private static bool ServicesOverlap(Agreement a, Agreement b) =>
            a.Services.IsEmpty || b.Services.IsEmpty || a.Services.Intersect(b.Services, StringComparer.OrdinalIgnoreCase).Any();

        private static bool PeriodsOverlap(Agreement a, Agreement b) =>
            a.Versions.Any(x => x.Status is not (AgreementStatus.Draft or AgreementStatus.Negotiating)
                && b.Versions.Any(y => y.Status is not (AgreementStatus.Draft or AgreementStatus.Negotiating)
                    && (y.EffectiveUntil is null || x.EffectiveFrom < y.EffectiveUntil)
                    && (x.EffectiveUntil is null || y.EffectiveFrom < x.EffectiveUntil)));

        internal static bool TryParseShare(string text, out double share)
        {
            var percent = text.EndsWith('%');
            var ok = double.TryParse(percent ? text[..^1] : text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out share);
            if (percent)
            {
                share /= 100;
            }

            return ok && share is > 0 and <= 1;
        }

        private static bool TryParseWarning(string text, out ClockWarning warning)
        {
            warning = null!;
            if (text.EndsWith('%'))
            {
                if (TryParseShare(text, out var share) && share < 1)
                {
                    warning = ClockWarning.AtShare(share);
                    return true;
                }

                return false;
            }

            const string Before = " before";
            if (text.EndsWith(Before, StringComparison.Ordinal) && Durations.TryParse(text[..^Before.Length], out var duration))
            {
                warning = ClockWarning.Before(duration);
                return true;
            }

            return false;
        }

        private static T? Enum<T>(YamlFile yaml, Dictionary<string, YamlNode> fields, string name, YamlNode parent, bool required, params (string Name, T Value)[] values)
            where T : struct => Enum(yaml, fields, name, parent, required, string.Empty, values);

        private static T? Enum<T>(YamlFile yaml, Dictionary<string, YamlNode> fields, string name, YamlNode parent, bool required, string path, params (string Name, T Value)[] values)
            where T : struct
        {
            var names = string.Join(", ", values.Select(v => v.Name));
            var text = required ? yaml.Required(fields, name, path, parent, $"one of {names}") : yaml.Optional(fields, name, path);
            if (text is null)
            {
                return null;
            }

            foreach (var (valueName, value) in values)
            {
                if (string.Equals(valueName, text, StringComparison.OrdinalIgnoreCase))
                {
                    return value;
                }
            }

            yaml.Error(YamlFile.Join(path, name), fields[name], $"\"{text}\" is not one of {names}");
            return null;
        }
    }
}
