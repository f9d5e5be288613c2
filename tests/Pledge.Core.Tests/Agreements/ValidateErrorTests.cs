using Pledge.Agreements;
using static Pledge.Tests.Agreements.RepositoryKit;

namespace Pledge.Tests.Agreements;

/// <summary>
/// <c>validate</c> on broken repositories: one test per kind of error, each checking the exact file, line,
/// column, field and message, and that nothing is loaded (<see cref="RepositoryReadResult.Repository"/> is null).
/// Lines and columns are 1-based and counted by hand from the YAML in the test; a YAML node's column is where
/// its value starts (the key for unknown fields, the "-" item's first key for list items).
/// </summary>
public sealed class ValidateErrorTests
{
    private const string File = "agreements/a.yaml";

    /// <summary>An agreement whose header lines come first, then one valid version (resolution P1 4h on office).</summary>
    private static string WithHeader(params string[] headerLines) => string.Join("\n",
    [
        .. headerLines,
        "versions:",
        "  - version: 1",
        "    status: active",
        "    effective: { from: 2026-01-01 }",
        "    targets:",
        "      - kind: resolution",
        "        calendar: office",
        "        thresholds: { P1: 4h }",
    ]);

    /// <summary>A service-level SLA on tea whose versions follow from line 7 (each version's "-" at column 3, its fields at column 5).</summary>
    private static string WithVersions(params string[] versionLines) => string.Join("\n",
    [
        "id: a",                     // 1
        "kind: sla",                 // 2
        "level: service",            // 3
        "services: [tea]",           // 4
        "timezone: Europe/Berlin",   // 5
        "versions:",                 // 6
        .. versionLines,             // 7…
    ]);

    private static IReadOnlyList<RepositoryProblem> InvalidWith(string file, string text) => Invalid(Base().With(file, text));

    private static IReadOnlyList<RepositoryProblem> InvalidAgreement(string text) => InvalidWith(File, text);

    [Fact]
    public void The_base_repository_is_valid_without_a_warning()
    {
        var repository = Valid(Base());

        Assert.Equal(["coffee", "juice", "machine", "tea"], repository.Services.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["acme", "globex", "initech"], repository.Customers.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["always", "early", "office"], repository.Calendars.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["desk", "repair"], repository.Teams.Order(StringComparer.Ordinal));
        Assert.Equal(["vendor"], repository.Suppliers);
        Assert.Equal(["corporate"], repository.Agreements.Keys);
    }

    [Theory]
    [InlineData("catalogue.yaml")]
    [InlineData("customers.yaml")]
    public void A_missing_catalogue_or_customers_file_is_an_error_without_a_line(string file)
    {
        var problems = Invalid(Base().Without(file));

        Assert.Equal([Error(file, 0, 0, string.Empty, "is missing from the repository")], problems);
        Assert.Equal($"{file}: is missing from the repository", problems[0].ToString());
    }

    [Fact]
    public void Both_missing_files_are_reported_in_file_order()
    {
        var problems = Invalid(Base().Without("customers.yaml").Without("catalogue.yaml"));

        Assert.Equal(
            [
                Error("catalogue.yaml", 0, 0, string.Empty, "is missing from the repository"),
                Error("customers.yaml", 0, 0, string.Empty, "is missing from the repository"),
            ],
            problems);
    }

    [Fact]
    public void Teams_suppliers_calendars_and_agreements_are_optional_but_no_agreement_is_a_warning()
    {
        var source = new InMemoryRepositorySource().With("catalogue.yaml", Catalogue).With("customers.yaml", Customers);

        var result = Read(source);

        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Problems));
        Assert.Equal([Warning("agreements/", 0, 0, string.Empty, "no agreement files (agreements/*.yaml)")], result.Problems.ToArray());
        Assert.Empty(result.Repository.Agreements);
    }

    [Fact]
    public void Unknown_fields_in_an_agreement_are_reported_with_the_fields_allowed()
    {
        var problems = InvalidAgreement("""
            id: a
            kind: sla
            level: corporate
            colour: blue
            versions:
              - version: 1
                status: active
                effective: { from: 2026-01-01, to: 2026-12-31 }
                targets:
                  - kind: resolution
                    calendar: office
                    thresholds: { P1: 4h }
                    colour: red
            """);

        Assert.Equal(
            [
                // "colour" is the key at the start of line 4.
                Error(File, 4, 1, "colour", "unknown field \"colour\" (expected id, name, kind, level, parties, services, timezone, versions, corrective_actions)"),
                // "    effective: { from: 2026-01-01, to: …": "to" starts at column 36.
                Error(File, 8, 36, "versions[0].effective.to", "unknown field \"to\" (expected from, until)"),
                // Eight spaces, then "colour".
                Error(File, 13, 9, "versions[0].targets[0].colour", "unknown field \"colour\" (expected id, kind, calendar, thresholds, objective, pause, reopen, priority_change, update_mode, warnings, supports, start_on, stop_on, reset_on, description)"),
            ],
            problems);
    }

    [Fact]
    public void Unknown_fields_in_the_catalogue_and_customers_are_reported()
    {
        var problems = Invalid(Base()
            .With("catalogue.yaml", """
                services:
                  - id: tea
                    colour: green
                owner: me
                """)
            .With("customers.yaml", """
                customers:
                  - id: acme
                    contacts:
                      - { name: Ann, phone: 123 }
                """));

        Assert.Equal(
            [
                Error("catalogue.yaml", 3, 5, "services[0].colour", "unknown field \"colour\" (expected id, name, description, offerings)"),
                Error("catalogue.yaml", 4, 1, "owner", "unknown field \"owner\" (expected services)"),
                // "      - { name: Ann, phone: 123 }": "phone" starts at column 22.
                Error("customers.yaml", 4, 22, "customers[0].contacts[0].phone", "unknown field \"phone\" (expected name, email, role)"),
            ],
            problems);
    }

    [Fact]
    public void Duplicate_ids_in_the_catalogue_customers_teams_and_suppliers_are_reported_where_the_second_one_is()
    {
        var problems = Invalid(Base()
            .With("catalogue.yaml", """
                services:
                  - id: tea
                    offerings:
                      - { id: tea-am }
                      - { id: tea-am, name: Again }
                  - id: coffee
                  - id: tea
                """)
            .With("customers.yaml", """
                customers:
                  - id: acme
                  - id: globex
                  - { id: acme, name: Again }
                """)
            .With("teams.yaml", """
                teams:
                  - repair
                  - { id: repair, name: Repair team }
                """)
            .With("suppliers.yaml", """
                suppliers:
                  - vendor
                  - vendor
                """));

        Assert.Equal(
            [
                // The second offering's mapping starts at column 9 of line 5; the third service's item at column 5 of line 7.
                Error("catalogue.yaml", 5, 9, "services[0].offerings[1].id", "\"tea-am\" is listed twice"),
                Error("catalogue.yaml", 7, 5, "services[2].id", "\"tea\" is listed twice"),
                Error("customers.yaml", 4, 5, "customers[2].id", "\"acme\" is listed twice"),
                Error("suppliers.yaml", 3, 5, "suppliers[1]", "\"vendor\" is listed twice"),
                Error("teams.yaml", 3, 5, "teams[1]", "\"repair\" is listed twice"),
            ],
            problems);
    }

    [Fact]
    public void A_contact_email_without_an_at_sign_is_reported()
    {
        var problems = InvalidWith("customers.yaml", """
            customers:
              - id: acme
                contacts:
                  - { name: Ann, email: ann.example }
            """);

        // "      - { name: Ann, email: ann.example }": the address starts at column 29.
        Assert.Equal([Error("customers.yaml", 4, 29, "customers[0].contacts[0].email", "\"ann.example\" is not an e-mail address")], problems);
    }

    [Fact]
    public void Unknown_customer_service_and_calendar_references_are_reported_at_the_reference()
    {
        var problems = InvalidAgreement("""
            id: a
            kind: sla
            level: customer-service
            parties: { customer: initech-gmbh }
            services: [tea, water]
            versions:
              - version: 1
                status: active
                effective: { from: 2026-01-01 }
                targets:
                  - kind: resolution
                    calendar: moon
                    thresholds: { P1: 4h }
            """);

        Assert.Equal(
            [
                // "parties: { customer: initech-gmbh }": the id starts at column 22.
                Error(File, 4, 22, "parties.customer", "\"initech-gmbh\" is not listed in customers.yaml"),
                // "services: [tea, water]": "water" starts at column 17.
                Error(File, 5, 17, "services[1]", "\"water\" is not a service of catalogue.yaml"),
                // "        calendar: moon": column 19.
                Error(File, 12, 19, "versions[0].targets[0].calendar", "\"moon\" is not a calendar of calendars/ (known: always, early, office)"),
            ],
            problems);
    }

    [Fact]
    public void Unknown_teams_and_suppliers_are_reported_at_the_reference()
    {
        const string Rest = """
            versions:
              - version: 1
                status: active
                effective: { from: 2026-01-01 }
                targets:
                  - kind: resolution
                    calendar: office
                    thresholds: { P1: 4h }
            """;
        var problems = Invalid(Base()
            .With("agreements/o.yaml", "id: o\nkind: ola\nparties: { team: plumbers }\n" + Rest)
            .With("agreements/u.yaml", "id: u\nkind: uc\nparties: { supplier: acme-parts }\n" + Rest));

        Assert.Equal(
            [
                // "parties: { team: plumbers }": column 18; "parties: { supplier: acme-parts }": column 22.
                Error("agreements/o.yaml", 3, 18, "parties.team", "\"plumbers\" is not listed in teams.yaml"),
                Error("agreements/u.yaml", 3, 22, "parties.supplier", "\"acme-parts\" is not listed in suppliers.yaml"),
            ],
            problems);
    }

    [Theory]
    [InlineData("id: a|kind: sla|level: customer",
        "agreements/a.yaml:1:1: parties.customer: is required: a customer-level SLA is with one customer")]
    [InlineData("id: a|kind: sla|level: customer-service|services: [tea]",
        "agreements/a.yaml:1:1: parties.customer: is required: a customer-service-level SLA is with one customer")]
    [InlineData("id: a|kind: sla|level: customer-service|parties: { customer: acme }",
        "agreements/a.yaml:1:1: services: is required: a customer-service-level agreement names its services")]
    [InlineData("id: a|kind: sla|level: service",
        "agreements/a.yaml:1:1: services: is required: a service-level agreement names its services")]
    [InlineData("id: a|kind: sla|level: service|services: []",
        "agreements/a.yaml:4:11: services: is required: a service-level agreement names its services")]
    [InlineData("id: a|kind: sla|level: corporate|parties: { customer: acme }",
        "agreements/a.yaml:4:10: parties.customer: a corporate-level SLA applies to every customer: remove the customer or use level customer")]
    [InlineData("id: a|kind: sla|level: service|services: [tea]|parties: { customer: acme }",
        "agreements/a.yaml:5:10: parties.customer: a service-level SLA applies to every customer: remove the customer or use level customer")]
    [InlineData("id: a|kind: sla",
        "agreements/a.yaml:1:1: level: is required: one of corporate, service, customer, customer-service")]
    [InlineData("id: a|kind: ola|parties: { customer: acme }",
        "agreements/a.yaml:3:10: parties.team: is required: an OLA is with an internal team")]
    [InlineData("id: a|kind: uc",
        "agreements/a.yaml:1:1: parties.supplier: is required: a UC is with a supplier")]
    [InlineData("name: nameless|kind: sla|level: corporate",
        "agreements/a.yaml:1:1: id: is required: the agreement's id, such as acme-gold")]
    [InlineData("id: a|level: corporate",
        "agreements/a.yaml:1:1: kind: is required: one of sla, ola, uc")]
    public void A_level_without_the_party_or_services_it_needs_is_reported(string header, string expected)
    {
        // Without a parties mapping the problem is at the root (1:1); with one, at its "{" (column 10).
        var problems = InvalidAgreement(WithHeader(header.Split('|')));

        Assert.Equal([expected], problems.Select(p => p.ToString()));
    }

    [Fact]
    public void Bad_kind_level_status_and_target_kind_name_the_values_allowed()
    {
        var problems = InvalidAgreement("""
            id: a
            kind: xla
            level: global
            versions:
              - version: 1
                status: signed
                effective: { from: 2026-01-01 }
                targets:
                  - kind: uptime
                    calendar: office
                    thresholds: { P1: 1h }
            """);

        Assert.Equal(
            [
                Error(File, 2, 7, "kind", "\"xla\" is not one of sla, ola, uc"),
                Error(File, 3, 8, "level", "\"global\" is not one of corporate, service, customer, customer-service"),
                // "    status: signed": column 13; "      - kind: uptime": column 15.
                Error(File, 6, 13, "versions[0].status", "\"signed\" is not one of draft, negotiating, agreed, active, under-review, expired, terminated"),
                Error(File, 9, 15, "versions[0].targets[0].kind", "\"uptime\" is not one of availability, response, update, resolution, delivery, satisfaction, compliance, custom"),
            ],
            problems);
    }

    [Theory]
    [InlineData("4x")]
    [InlineData("0h")]
    [InlineData("-1h")]
    [InlineData("4")]
    [InlineData("h")]
    [InlineData("1h30")]
    [InlineData("4 hours")]
    public void A_threshold_that_is_not_a_positive_duration_is_reported_at_its_value(string value)
    {
        var problems = InvalidAgreement(WithTargets(
            "      - kind: resolution",
            "        calendar: office",
            $"        thresholds: {{ P1: 2h, P2: {value} }}"));

        // "        thresholds: { P1: 2h, P2: …": the P2 value starts at column 35 of line 11.
        Assert.Equal(
            [Error(File, 11, 35, "versions[0].targets[0].thresholds.P2", $"\"{value}\" is not a positive duration (such as 30m, 4h, 1h30m, 2d)")],
            problems);
    }

    [Fact]
    public void A_priority_given_twice_in_other_case_is_reported()
    {
        // BUG: priorities compare without regard to case (the thresholds are looked up that way), so "P1" and "p1"
        // are one priority; the file gives two thresholds for it and the last one (2h) silently wins. Expected: an
        // error at "p1" (line 11, column 31).
        var problems = Read(Base().With(File, WithTargets(
            "      - kind: resolution",
            "        calendar: office",
            "        thresholds: { P1: 4h, p1: 2h }"))).Problems;

        var problem = Assert.Single(problems);
        Assert.Equal((File, 11, "versions[0].targets[0].thresholds.p1", false), (problem.File, problem.Line, problem.Field, problem.IsWarning));
    }

    [Fact]
    public void The_documented_example_of_a_bad_threshold_is_reported_as_documented()
    {
        // docs/repository.md: …: versions[0].targets[0].thresholds.P1: "4x" is not a positive duration (such as 30m, 4h, 1h30m, 2d)
        var problems = InvalidAgreement(WithTargets(
            "      - kind: resolution",
            "        calendar: office",
            "        thresholds: { P1: 4x }"));

        Assert.Equal(["agreements/a.yaml:11:27: versions[0].targets[0].thresholds.P1: \"4x\" is not a positive duration (such as 30m, 4h, 1h30m, 2d)"], problems.Select(p => p.ToString()));
    }

    [Theory]
    [InlineData("        thresholds: {}", 11, 21)]
    [InlineData("        thresholds: [4h]", 11, 21)]
    [InlineData("        description: no thresholds", 9, 9)]
    public void A_target_without_thresholds_is_reported(string line, int expectedLine, int expectedColumn)
    {
        // An empty or non-mapping value is reported at the value; a missing field at the target (its first key, 9:9).
        var problems = InvalidAgreement(WithTargets(
            "      - kind: resolution",
            "        calendar: office",
            line));

        Assert.Equal(
            [Error(File, expectedLine, expectedColumn, "versions[0].targets[0].thresholds", "is required: business time per priority, such as { P1: 4h, P2: 8h }")],
            problems);
    }

    [Fact]
    public void A_target_without_kind_or_calendar_is_reported_at_the_target()
    {
        var problems = InvalidAgreement(WithTargets("      - thresholds: { P1: 4h }"));

        Assert.Equal(
            [
                Error(File, 9, 9, "versions[0].targets[0].kind", "is required: one of availability, response, update, resolution, delivery, satisfaction, compliance, custom"),
                Error(File, 9, 9, "versions[0].targets[0].calendar", "is required: the id of a calendar in calendars/"),
            ],
            problems);
    }

    [Theory]
    [InlineData("120%")]
    [InlineData("high")]
    [InlineData("0")]
    [InlineData("0%")]
    [InlineData("1.5")]
    [InlineData("-95%")]
    public void An_objective_that_is_not_a_share_is_reported(string value)
    {
        var problems = InvalidAgreement(WithTargets(
            "      - kind: resolution",
            "        calendar: office",
            "        thresholds: { P1: 4h }",
            $"        objective: {value}"));

        // "        objective: …": the value starts at column 20 of line 12.
        Assert.Equal([Error(File, 12, 20, "versions[0].targets[0].objective", $"\"{value}\" is not a share (such as 95% or 0.95)")], problems);
    }

    [Theory]
    [InlineData("95%", 0.95)]
    [InlineData("0.95", 0.95)]
    [InlineData("100%", 1.0)]
    [InlineData("1", 1.0)]
    [InlineData("99.5%", 0.995)]
    public void An_objective_is_a_percentage_or_a_fraction(string value, double expected)
    {
        // Parties(): without the base's corporate SLA, which would make this second corporate SLA ambiguous (a warning).
        var repository = Valid(Parties().With(File, WithTargets(
            "      - kind: resolution",
            "        calendar: office",
            "        thresholds: { P1: 4h }",
            $"        objective: {value}")));

        Assert.Equal(expected, repository.Agreements["a"].Versions[0].Targets[0].Objective, 10);
    }

    [Theory]
    [InlineData("100%")]
    [InlineData("0%")]
    [InlineData("150%")]
    [InlineData("soon")]
    [InlineData("0h before")]
    [InlineData("1h after")]
    [InlineData("before")]
    [InlineData("0.5")]
    public void A_warning_that_is_neither_a_share_nor_a_duration_before_the_deadline_is_reported(string value)
    {
        var problems = InvalidAgreement(WithTargets(
            "      - kind: resolution",
            "        calendar: office",
            "        thresholds: { P1: 4h }",
            $"        warnings: [50%, \"{value}\"]"));

        // "        warnings: [50%, "…"]": the second item's quote is at column 25 of line 12.
        Assert.Equal(
            [Error(File, 12, 25, "versions[0].targets[0].warnings[1]", $"\"{value}\" is not a warning (a share such as 75%, or a duration before the deadline such as 1h before)")],
            problems);
    }

    [Theory]
    [InlineData("response")]
    [InlineData("resolution")]
    public void Update_mode_on_a_target_that_is_not_an_update_target_is_reported(string kind)
    {
        var problems = InvalidAgreement(WithTargets(
            $"      - kind: {kind}",
            "        calendar: office",
            "        thresholds: { P1: 4h }",
            "        update_mode: pausable"));

        // "        update_mode: pausable": column 22 of line 12.
        Assert.Equal([Error(File, 12, 22, "versions[0].targets[0].update_mode", "applies to update targets only")], problems);
    }

    [Theory]
    [InlineData("response")]
    [InlineData("update")]
    public void Reopen_on_a_target_that_is_not_a_resolution_target_is_reported(string kind)
    {
        var problems = InvalidAgreement(WithTargets(
            $"      - kind: {kind}",
            "        calendar: office",
            "        thresholds: { P1: 4h }",
            "        reopen: restart"));

        // "        reopen: restart": column 17 of line 12.
        Assert.Equal([Error(File, 12, 17, "versions[0].targets[0].reopen", "applies to resolution targets only")], problems);
    }

    [Fact]
    public void Bad_reopen_priority_change_and_update_mode_values_name_the_values_allowed()
    {
        var problems = InvalidAgreement(WithTargets(
            "      - kind: resolution",                 // 9
            "        calendar: office",                 // 10
            "        thresholds: { P1: 4h }",           // 11
            "        reopen: sometimes",                // 12: column 17
            "        priority_change: ignore",          // 13: column 26
            "      - kind: update",                     // 14
            "        calendar: office",                 // 15
            "        thresholds: { P1: 4h }",           // 16
            "        update_mode: never"));             // 17: column 22

        Assert.Equal(
            [
                Error(File, 12, 17, "versions[0].targets[0].reopen", "\"sometimes\" is not one of continue, restart"),
                Error(File, 13, 26, "versions[0].targets[0].priority_change", "\"ignore\" is not one of recompute, restart, carry-share"),
                Error(File, 17, 22, "versions[0].targets[1].update_mode", "\"never\" is not one of periodic, pausable, after-customer-message"),
            ],
            problems);
    }

    [Fact]
    public void Supports_on_an_SLA_target_is_reported()
    {
        var problems = InvalidAgreement(WithTargets(
            "      - kind: resolution",
            "        calendar: office",
            "        thresholds: { P1: 4h }",
            "        supports: corporate/resolution"));

        // "        supports: corporate/resolution": column 19 of line 12.
        Assert.Equal([Error(File, 12, 19, "versions[0].targets[0].supports", "only OLA and UC targets support an SLA target")], problems);
    }

    [Theory]
    [InlineData("nowhere/resolution")]   // no such agreement
    [InlineData("corporate/response")]   // the agreement has no such target
    [InlineData("corporate")]            // not agreement-id/target-id
    [InlineData("corporate/")]
    [InlineData("o/resolution")]         // an OLA target, not an SLA target
    public void Supports_pointing_at_no_SLA_target_is_reported(string supports)
    {
        // The target would otherwise support corporate/resolution (P1 4h, P2 8h on office) without a warning:
        // tighter thresholds, on a calendar open around the clock.
        var problems = InvalidWith("agreements/o.yaml", $"""
            id: o
            kind: ola
            parties: {"{"} team: repair {"}"}
            versions:
              - version: 1
                status: active
                effective: {"{"} from: 2026-01-01 {"}"}
                targets:
                  - kind: resolution
                    calendar: always
                    thresholds: {"{"} P1: 2h, P2: 4h {"}"}
                    supports: {supports}
            """);

        // Where it is reported is checked in ValidateWarningTests.Problems_about_supports_point_at_the_supports_field.
        var problem = Assert.Single(problems);
        Assert.Equal(("agreements/o.yaml", "versions[0].targets[0].supports", $"\"{supports}\" is not an SLA target (agreement-id/target-id)", false),
            (problem.File, problem.Field, problem.Message, problem.IsWarning));
        Assert.True(problem.Line > 0, problem.ToString());
    }

    [Fact]
    public void Two_targets_of_one_kind_in_a_version_are_reported_at_the_second()
    {
        var problems = InvalidAgreement(WithTargets(
            "      - kind: response",           // 9
            "        calendar: office",
            "        thresholds: { P1: 1h }",
            "      - id: fast-response",        // 12: the second response target starts at column 9
            "        kind: response",
            "        calendar: office",
            "        thresholds: { P1: 30m }"));

        Assert.Equal([Error(File, 12, 9, "versions[0].targets[1].kind", "this version already has a response target")], problems);
    }

    [Fact]
    public void Two_targets_with_one_id_in_a_version_are_reported_at_the_second()
    {
        var problems = InvalidAgreement(WithTargets(
            "      - kind: response",           // 9: its id defaults to its kind, "response"
            "        calendar: office",
            "        thresholds: { P1: 1h }",
            "      - id: response",             // 12
            "        kind: resolution",
            "        calendar: office",
            "        thresholds: { P1: 4h }"));

        Assert.Equal([Error(File, 12, 9, "versions[0].targets[1].id", "target \"response\" is listed twice in this version")], problems);
    }

    [Fact]
    public void Versions_in_force_at_once_are_reported_and_drafts_are_not_in_force()
    {
        // Version 1's last day in force is 30 June, the day version 2 starts: they overlap for that day.
        // Version 3 is a draft, so its overlap with both does not count.
        var problems = InvalidAgreement(WithVersions(
            "  - version: 1",                                              // 7: the list starts at column 3
            "    status: expired",
            "    effective: { from: 2026-01-01, until: 2026-06-30 }",
            "    targets: []",
            "  - version: 2",
            "    status: active",
            "    effective: { from: 2026-06-30 }",
            "    targets: []",
            "  - version: 3",
            "    status: draft",
            "    effective: { from: 2026-03-01 }",
            "    targets: []"));

        Assert.Equal(
            [Error(File, 7, 3, "versions", "versions 1 and 2 are both in force from 2026-06-30: give version 1 an effective until before it")],
            problems);
    }

    [Theory]
    [InlineData("agreed")]
    [InlineData("active")]
    [InlineData("under-review")]
    [InlineData("expired")]
    [InlineData("terminated")]
    public void An_open_ended_version_overlaps_every_later_one_in_force(string laterStatus)
    {
        var problems = InvalidAgreement(WithVersions(
            "  - version: 1",
            "    status: active",
            "    effective: { from: 2026-01-01 }",
            "    targets: []",
            "  - version: 2",
            $"    status: {laterStatus}",
            "    effective: { from: 2027-01-01 }",
            "    targets: []"));

        Assert.Equal(
            [Error(File, 7, 3, "versions", "versions 1 and 2 are both in force from 2027-01-01: give version 1 an effective until before it")],
            problems);
    }

    [Theory]
    [InlineData("draft")]
    [InlineData("negotiating")]
    public void A_draft_or_negotiating_version_may_overlap(string laterStatus)
    {
        Valid(Base().With(File, WithVersions(
            "  - version: 1",
            "    status: active",
            "    effective: { from: 2026-01-01 }",
            "    targets: []",
            "  - version: 2",
            $"    status: {laterStatus}",
            "    effective: { from: 2027-01-01 }",
            "    targets: []")));
    }

    [Fact]
    public void Versions_that_follow_each_other_day_by_day_do_not_overlap()
    {
        // Until is the last day in force: 31 December, then version 2 from 1 January. A one-day version (from = until) is fine.
        var repository = Valid(Base().With(File, WithVersions(
            "  - version: 1",
            "    status: expired",
            "    effective: { from: 2026-01-01, until: 2026-12-31 }",
            "    targets: []",
            "  - version: 2",
            "    status: terminated",
            "    effective: { from: 2027-01-01, until: 2027-01-01 }",
            "    targets: []",
            "  - version: 3",
            "    status: active",
            "    effective: { from: 2027-01-02 }",
            "    targets: []")));

        Assert.Equal([3, 2, 1], repository.Agreements["a"].Versions.Select(v => v.Number));
    }

    [Fact]
    public void An_until_before_from_is_reported_at_until()
    {
        var problems = InvalidAgreement(WithVersions(
            "  - version: 1",
            "    status: agreed",
            "    effective: { from: 2027-01-01, until: 2026-12-31 }",   // 9: until's value at column 43
            "    targets: []"));

        Assert.Equal([Error(File, 9, 43, "versions[0].effective.until", "2026-12-31 is before from (2027-01-01)")], problems);
    }

    [Theory]
    [InlineData("2026-02-30")]
    [InlineData("2026-13-01")]
    [InlineData("26-01-01")]
    [InlineData("2026-1-1")]
    [InlineData("1899-12-31")]
    [InlineData("2200-01-01")]
    [InlineData("tomorrow")]
    [InlineData("2026-01-01T00:00:00Z")]
    public void A_from_that_is_not_a_date_is_reported(string value)
    {
        var problems = InvalidAgreement(WithVersions(
            "  - version: 1",
            "    status: active",
            $"    effective: {{ from: \"{value}\" }}",   // 9: the quoted value at column 24
            "    targets: []"));

        Assert.Equal([Error(File, 9, 24, "versions[0].effective.from", $"\"{value}\" is not a date (YYYY-MM-DD, 1900-2199)")], problems);
    }

    [Fact]
    public void An_until_that_is_not_a_date_is_reported()
    {
        var problems = InvalidAgreement(WithVersions(
            "  - version: 1",
            "    status: active",
            "    effective: { from: 2026-01-01, until: next year }",   // 9: until's value at column 43
            "    targets: []"));

        Assert.Equal([Error(File, 9, 43, "versions[0].effective.until", "\"next year\" is not a date (YYYY-MM-DD, 1900-2199)")], problems);
    }

    [Fact]
    public void Missing_effective_dates_version_numbers_and_statuses_are_reported()
    {
        var problems = InvalidAgreement(WithVersions(
            "  - status: active",                          // 7: the version's mapping at column 5
            "    targets: []",
            "  - version: 2",                              // 9
            "    effective: { until: 2026-12-31 }",        // 10: the effective mapping at column 16
            "    targets: []",
            "  - version: two",                            // 12: value at column 14
            "    status: active",
            "    effective: { from: 2025-01-01, until: 2025-12-31 }",
            "    targets: []",
            "  - version: 1",                              // 16
            "    status: active",
            "    effective: { from: 2026-01-01 }"));       // no targets

        Assert.Equal(
            [
                Error(File, 7, 5, "versions[0].version", "is required: the version number (1, 2, …)"),
                Error(File, 7, 5, "versions[0].effective", "is required: { from: 2026-01-01 } with an optional until (the last day in force)"),
                Error(File, 9, 5, "versions[1].status", "is required: one of draft, negotiating, agreed, active, under-review, expired, terminated"),
                Error(File, 10, 16, "versions[1].effective.from", "is required: a date (YYYY-MM-DD)"),
                Error(File, 12, 14, "versions[2].version", "\"two\" is not a version number (1, 2, …)"),
                Error(File, 16, 5, "versions[3].targets", "is required: the list of targets"),
            ],
            problems);
    }

    [Fact]
    public void A_version_number_listed_twice_is_reported()
    {
        var problems = InvalidAgreement(WithVersions(
            "  - version: 1",
            "    status: expired",
            "    effective: { from: 2026-01-01, until: 2026-06-30 }",
            "    targets: []",
            "  - version: 1",                                 // 11: the number at column 14
            "    status: active",
            "    effective: { from: 2026-07-01 }",
            "    targets: []"));

        Assert.Equal([Error(File, 11, 14, "versions[1].version", "version 1 is listed twice")], problems);
    }

    [Theory]
    [InlineData("versions: []", 4, 11)]
    [InlineData("versions: none", 4, 11)]
    [InlineData("services: [tea]", 1, 1)]
    public void An_agreement_without_versions_is_reported(string last, int line, int column)
    {
        var text = $"id: a\nkind: sla\nlevel: service\n{last}" + (last.StartsWith("services", StringComparison.Ordinal) ? string.Empty : "\nservices: [tea]");

        var problems = InvalidAgreement(text);

        Assert.Contains(Error(File, line, column, "versions", "is required: at least one version with its status, effective dates and targets"), problems);
    }

    [Fact]
    public void An_unknown_time_zone_is_reported()
    {
        var problems = InvalidAgreement(WithHeader("id: a", "kind: sla", "level: corporate", "timezone: Mars/Olympus"));

        Assert.Equal([Error(File, 4, 11, "timezone", "\"Mars/Olympus\" is not a known time zone (use an IANA id such as Europe/Berlin)")], problems);
    }

    [Theory]
    [InlineData("corporate")]
    [InlineData("CORPORATE")]
    public void An_agreement_id_defined_in_two_files_is_reported_in_the_second(string id)
    {
        var problems = InvalidWith("agreements/z.yaml", $"""
            # the same id as agreements/corporate.yaml
            id: {id}
            kind: sla
            level: corporate
            versions:
              - version: 1
                status: active
                effective: {"{"} from: 2026-01-01 {"}"}
                targets: []
            """);

        Assert.Equal([Error("agreements/z.yaml", 2, 5, "id", $"agreement \"{id}\" is also defined in agreements/corporate.yaml")], problems);
    }

    [Fact]
    public void Malformed_yaml_is_reported_with_the_parser_position()
    {
        var problems = Invalid(Base()
            .With("agreements/indent.yaml", """
                id: a
                kind: sla
                  level: service
                """)
            .With("agreements/flow.yaml", """
                id: b
                kind: sla
                level: corporate
                versions:
                  - version: 1
                    status: active
                    effective: { from: 2026-01-01 }
                    targets:
                      - kind: response
                        calendar: office
                        thresholds: { P1: 1h
                """)
            .With("agreements/twice.yaml", """
                id: c
                id: d
                """));

        Assert.Equal(
            [
                // The "{" opened on line 11 is still open at the end of the file (line 12, column 1).
                Error("agreements/flow.yaml", 12, 1, string.Empty, "not valid YAML: While parsing a flow mapping, did not find expected ',' or '}'."),
                // "  level: service" under a scalar: the parser fails at the ":" of line 3 (column 8).
                Error("agreements/indent.yaml", 3, 8, string.Empty, "not valid YAML: While scanning a plain scalar value, found invalid mapping."),
                Error("agreements/twice.yaml", 2, 1, string.Empty, "not valid YAML: Duplicate key id"),
            ],
            problems);
    }

    [Fact]
    public void An_unclosed_list_is_reported_as_malformed_yaml()
    {
        var problems = InvalidAgreement("""
            id: a
            kind: sla
            level: service
            services: [tea, coffee
            versions:
              - version: 1
            """);

        var problem = Assert.Single(problems);
        Assert.Equal((File, string.Empty, false), (problem.File, problem.Field, problem.IsWarning));
        Assert.StartsWith("not valid YAML: a list or mapping opened", problem.Message, StringComparison.Ordinal);
        Assert.EndsWith("is not closed", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unclosed_list_is_located_at_the_line_that_opens_it()
    {
        // BUG: the agreement reader reports "not valid YAML: a list or mapping opened with [ or { is not closed"
        // without a line (0:0), while the calendar reader locates the same mistake (see
        // An_invalid_calendar_is_reported_in_its_own_file_with_its_own_lines). The "[" is on line 4, column 11.
        var problems = InvalidAgreement("""
            id: a
            kind: sla
            level: service
            services: [tea, coffee
            versions:
              - version: 1
            """);

        var problem = Assert.Single(problems);
        Assert.True(problem.Line == 4, problem.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("# only a comment")]
    [InlineData("- a list\n- not a mapping")]
    [InlineData("just text")]
    public void An_agreement_file_that_is_not_a_mapping_is_reported(string text)
    {
        Assert.Equal([Error(File, 0, 0, string.Empty, "the file is empty or is not a YAML mapping")], InvalidAgreement(text));
    }

    [Fact]
    public void A_catalogue_whose_services_are_not_a_list_is_reported_once()
    {
        // BUG: "services: tea" gives two problems for one mistake, the second one wrong: "1:11: services: must be a
        // list of services" and "1:1: services: is required: the list of services" (it is there). The same holds for
        // customers.yaml.
        var problems = InvalidWith("catalogue.yaml", "services: tea");

        Assert.Equal([Error("catalogue.yaml", 1, 11, "services", "must be a list of services")], problems);
    }

    [Fact]
    public void A_catalogue_without_services_is_reported()
    {
        Assert.Equal(
            [
                Error("catalogue.yaml", 1, 1, "items", "unknown field \"items\" (expected services)"),
                Error("catalogue.yaml", 1, 1, "services", "is required: the list of services"),
            ],
            InvalidWith("catalogue.yaml", "items: []"));
    }

    [Fact]
    public void An_invalid_calendar_is_reported_in_its_own_file_with_its_own_lines()
    {
        var problems = Invalid(Base()
            .With("calendars/bad.yaml", """
                name: bad
                timezone: Mars/Olympus
                week:
                  monday: ["25:00-17:00"]
                """)
            .With("calendars/unclosed.yaml", """
                timezone: Europe/Berlin
                week:
                  monday: ["09:00-17:00"
                  tuesday: ["09:00-17:00"]
                """)
            .With("calendars/closed.yaml", """
                name: closed
                timezone: UTC
                week: {}
                """));

        Assert.Equal(
            [
                Error("calendars/bad.yaml", 2, 11, "timezone", "\"Mars/Olympus\" is not a known time zone (use an IANA id such as Europe/Berlin)"),
                // "  monday: ["25:00-17:00"]": the quoted range starts at column 12.
                Error("calendars/bad.yaml", 4, 12, "week.monday[0]", "\"25:00-17:00\" is not a time range (HH:MM-HH:MM, 00:00-24:00; an end before the start crosses midnight)"),
                Error("calendars/closed.yaml", 3, 7, "week", "the calendar has no business time at all: every day of the week is closed"),
                // The "[" that is never closed is at column 11 of line 3.
                Error("calendars/unclosed.yaml", 3, 11, string.Empty, "not valid YAML: a list or mapping opened near here ([ or {) is not closed"),
            ],
            problems);
    }

    [Fact]
    public void A_calendar_without_a_name_is_named_after_its_file()
    {
        var repository = Valid(Parties()
            .With("calendars/night.yaml", """
                timezone: Europe/Berlin
                week:
                  friday: ["22:00-06:00"]
                """)
            .With(File, WithTargets(
                "      - kind: resolution",
                "        calendar: night",
                "        thresholds: { P1: 4h }")));

        Assert.Equal("night", repository.Calendars["night"].Name);
    }

    [Fact]
    public void A_calendar_name_defined_twice_is_reported_with_its_line()
    {
        // BUG: the problem has no line (calendars/office2.yaml: name: calendar "office" is defined twice);
        // the name is on line 1, its value at column 7.
        var problems = InvalidWith("calendars/office2.yaml", """
            name: office
            timezone: UTC
            week:
              monday: ["09:00-17:00"]
            """);

        Assert.Equal([Error("calendars/office2.yaml", 1, 7, "name", "calendar \"office\" is defined twice")], problems);
    }

    [Fact]
    public void Every_problem_of_every_file_is_reported_sorted_by_file_then_line_and_nothing_is_loaded()
    {
        var result = Read(Base()
            .With("agreements/b.yaml", WithTargets(
                "      - kind: resolution",
                "        calendar: moon",
                "        thresholds: { P1: 4x }"))
            .With("agreements/a.yaml", "id: a\nkind: xla\nlevel: corporate\nversions: []")
            .With("calendars/bad.yaml", "timezone: Mars/Olympus\nweek:\n  monday: [\"09:00-17:00\"]")
            .With("customers.yaml", "customers:\n  - id: acme\n  - id: acme"));

        Assert.False(result.IsValid);
        Assert.Null(result.Repository);
        Assert.Equal(
            [
                "agreements/a.yaml:2:7: kind: \"xla\" is not one of sla, ola, uc",
                "agreements/a.yaml:4:11: versions: is required: at least one version with its status, effective dates and targets",
                "agreements/b.yaml:10:19: versions[0].targets[0].calendar: \"moon\" is not a calendar of calendars/ (known: always, early, office)",
                "agreements/b.yaml:11:27: versions[0].targets[0].thresholds.P1: \"4x\" is not a positive duration (such as 30m, 4h, 1h30m, 2d)",
                "calendars/bad.yaml:1:11: timezone: \"Mars/Olympus\" is not a known time zone (use an IANA id such as Europe/Berlin)",
                "customers.yaml:3:5: customers[1].id: \"acme\" is listed twice",
            ],
            result.Problems.Select(p => p.ToString()));
    }

    [Fact]
    public void Warnings_do_not_make_an_invalid_repository_valid_and_are_still_reported()
    {
        // An OLA looser than the SLA target it supports (a warning) next to an unknown customer (an error).
        var result = Read(Base()
            .With("agreements/o.yaml", """
                id: o
                kind: ola
                parties: { team: repair }
                versions:
                  - version: 1
                    status: active
                    effective: { from: 2026-01-01 }
                    targets:
                      - kind: resolution
                        calendar: always
                        thresholds: { P1: 5h, P2: 8h }
                        supports: corporate/resolution
                """)
            .With(File, WithHeader("id: a", "kind: sla", "level: customer", "parties: { customer: nobody }")));

        Assert.Null(result.Repository);
        Assert.Equal([false, true], result.Problems.Select(p => p.IsWarning));
        Assert.Equal("\"nobody\" is not listed in customers.yaml", result.Problems[0].Message);
        Assert.Equal("priority P1: 5h is looser than the 4h of corporate/resolution it supports", result.Problems[1].Message);
    }
}
