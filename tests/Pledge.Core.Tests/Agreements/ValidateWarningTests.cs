using Pledge.Agreements;
using static Pledge.Tests.Agreements.RepositoryKit;

namespace Pledge.Tests.Agreements;

/// <summary>
/// Warnings of <c>validate</c>: they do not stop a repository from loading. An OLA or UC target that cannot support
/// its SLA target (looser for some priority, missing a priority, on a calendar closed while the SLA's is open), and
/// two SLAs on the same level for the same customer and services at once.
/// </summary>
public sealed class ValidateWarningTests
{
    private const string Ola = "agreements/ola-repair.yaml";

    /// <summary>
    /// An OLA of the repair team from Monday 2 March 2026 (Berlin) whose one target supports corporate/resolution
    /// (P1 4h, P2 8h on the office calendar, Monday to Friday 09:00-17:00). The target starts on line 10 and its
    /// supports field is on line 14 (value at column 19).
    /// </summary>
    private static string OlaText(string kind, string calendar, string thresholds) => $$"""
        id: ola-repair
        kind: ola
        parties: { team: repair }
        timezone: Europe/Berlin
        versions:
          - version: 1
            status: active
            effective: { from: 2026-03-02 }
            targets:
              - id: fix
                kind: {{kind}}
                calendar: {{calendar}}
                thresholds: {{thresholds}}
                supports: corporate/resolution
        """;

    private static RepositoryReadResult ReadOla(string kind, string calendar, string thresholds) =>
        Read(Base().With(Ola, OlaText(kind, calendar, thresholds)));

    /// <summary>The problems without their position (checked once in <see cref="Problems_about_supports_point_at_the_supports_field"/>).</summary>
    private static (string File, string Field, string Message, bool IsWarning)[] Unlocated(RepositoryReadResult result) =>
        [.. result.Problems.Select(p => (p.File, p.Field, p.Message, p.IsWarning))];

    private static (string, string, string, bool) SupportWarning(string message) =>
        (Ola, "versions[0].targets[0].supports", message, true);

    [Fact]
    public void An_OLA_as_tight_as_its_SLA_on_a_calendar_that_covers_it_gives_no_warning()
    {
        // P1 4h = 4h and P2 8h = 8h; an extra priority (P3) the SLA does not have is fine; "always" covers "office".
        var result = ReadOla("resolution", "always", "{ P1: 4h, P2: 8h, P3: 1h }");

        Assert.True(result.IsValid);
        Assert.Empty(result.Problems);
    }

    [Fact]
    public void An_OLA_looser_than_its_SLA_target_for_a_priority_is_a_warning_and_the_repository_loads()
    {
        var result = ReadOla("resolution", "always", "{ P1: 5h, P2: 8h }");

        Assert.True(result.IsValid);
        Assert.NotNull(result.Repository.Agreements["ola-repair"]);
        // P1: 5h > 4h; P2: 8h = 8h is not looser.
        Assert.Equal([SupportWarning("priority P1: 5h is looser than the 4h of corporate/resolution it supports")], Unlocated(result));
    }

    [Fact]
    public void An_OLA_missing_a_priority_of_its_SLA_target_is_a_warning()
    {
        var result = ReadOla("resolution", "always", "{ P1: 2h }");

        Assert.True(result.IsValid);
        Assert.Equal([SupportWarning("priority P2 has 8h in corporate/resolution but no threshold here")], Unlocated(result));
    }

    [Fact]
    public void An_OLA_on_a_calendar_with_less_coverage_is_a_warning_with_the_hours_compared()
    {
        // The four weeks from v1's start: Monday 2 March 2026 00:00 Berlin to Monday 30 March 00:00 (28 days, the DST
        // change of 29 March is on a closed Sunday): 20 weekdays. Office 09:00-17:00 is 20 x 8h = 160h; early
        // 07:00-15:00 overlaps it 09:00-15:00, 20 x 6h = 120h.
        var result = ReadOla("resolution", "early", "{ P1: 2h, P2: 4h }");

        Assert.True(result.IsValid);
        Assert.Equal(
            [SupportWarning("calendar early covers 120h of the 160h that office (corporate/resolution) is open in the 4 weeks from v1's start: the SLA's clock runs while this one stands still")],
            Unlocated(result));
    }

    [Fact]
    public void An_OLA_of_another_kind_than_its_SLA_target_is_a_warning()
    {
        var result = ReadOla("response", "always", "{ P1: 1h, P2: 2h }");

        Assert.True(result.IsValid);
        Assert.Equal([SupportWarning("a response target supports the resolution target corporate/resolution")], Unlocated(result));
    }

    [Fact]
    public void Every_way_an_OLA_falls_short_is_reported_in_priority_order_then_coverage()
    {
        var result = ReadOla("resolution", "early", "{ P2: 9h }");

        Assert.True(result.IsValid);
        Assert.Equal(
            [
                SupportWarning("priority P1 has 4h in corporate/resolution but no threshold here"),
                SupportWarning("priority P2: 9h is looser than the 8h of corporate/resolution it supports"),
                SupportWarning("calendar early covers 120h of the 160h that office (corporate/resolution) is open in the 4 weeks from v1's start: the SLA's clock runs while this one stands still"),
            ],
            Unlocated(result));
    }

    [Fact]
    public void A_UC_is_checked_like_an_OLA()
    {
        var result = Read(Base().With("agreements/uc-vendor.yaml", """
            id: uc-vendor
            kind: uc
            parties: { supplier: vendor }
            versions:
              - version: 1
                status: active
                effective: { from: 2026-01-01 }
                targets:
                  - kind: resolution
                    calendar: always
                    thresholds: { P1: 1d, P2: 8h }
                    supports: corporate/resolution
            """));

        Assert.True(result.IsValid);
        // 1d is 24h of business time: looser than 4h.
        Assert.Equal(
            [("agreements/uc-vendor.yaml", "versions[0].targets[0].supports", "priority P1: 24h is looser than the 4h of corporate/resolution it supports", true)],
            Unlocated(result));
    }

    [Fact]
    public void Problems_about_supports_point_at_the_supports_field()
    {
        // BUG: warnings and errors about "supports" name the field versions[0].targets[0].supports but give the
        // position of the target's first key ("- id: fix", line 10, column 9) instead of the supports value
        // ("    supports: corporate/resolution", line 14, column 19).
        var looser = ReadOla("resolution", "always", "{ P1: 5h, P2: 8h }");
        var nowhere = Read(Base().With(Ola, OlaText("resolution", "always", "{ P1: 2h, P2: 4h }").Replace("corporate/resolution", "nowhere/resolution", StringComparison.Ordinal)));

        Assert.Equal(
            [Warning(Ola, 14, 19, "versions[0].targets[0].supports", "priority P1: 5h is looser than the 4h of corporate/resolution it supports")],
            looser.Problems.ToArray());
        Assert.Equal(
            [Error(Ola, 14, 19, "versions[0].targets[0].supports", "\"nowhere/resolution\" is not an SLA target (agreement-id/target-id)")],
            nowhere.Problems.ToArray());
    }

    [Fact]
    public void Two_customer_SLAs_for_the_same_customer_at_once_are_a_warning_naming_the_winner()
    {
        var result = Read(Base()
            .With("agreements/acme-a.yaml", CustomerSla("acme-a", "acme", "[tea, coffee]", "2026-01-01"))
            .With("agreements/acme-b.yaml", CustomerSla("acme-b", "acme", "[coffee]", "2026-06-01")));

        Assert.True(result.IsValid);
        // Files are read in name order, so the warning is in the second one; ties go to the smaller id, acme-a.
        var warning = Assert.Single(result.Problems);
        Assert.Equal(
            ("agreements/acme-b.yaml", "level", "acme-b and acme-a are both customer-level SLAs for the same customer and services at the same time; acme-a wins where both have a target", true),
            (warning.File, warning.Field, warning.Message, warning.IsWarning));
    }

    [Fact]
    public void Two_corporate_SLAs_at_once_are_a_warning()
    {
        // The base corporate SLA (no services: all) and another corporate SLA on tea, both open-ended.
        var result = Read(Base().With("agreements/beverages.yaml", """
            id: beverages
            kind: sla
            level: corporate
            services: [tea]
            versions:
              - version: 1
                status: active
                effective: { from: 2026-06-01 }
                targets:
                  - kind: response
                    calendar: office
                    thresholds: { P1: 1h }
            """));

        Assert.True(result.IsValid);
        var warning = Assert.Single(result.Problems);
        Assert.Equal(
            ("agreements/corporate.yaml", "level", "corporate and beverages are both corporate-level SLAs for the same customer and services at the same time; beverages wins where both have a target", true),
            (warning.File, warning.Field, warning.Message, warning.IsWarning));
    }

    [Fact]
    public void The_warning_about_two_SLAs_on_one_level_points_at_the_level_field()
    {
        // BUG: the warning has no line ("agreements/acme-b.yaml: warning: level: …"); the level of acme-b is on
        // line 3, its value at column 8.
        var result = Read(Base()
            .With("agreements/acme-a.yaml", CustomerSla("acme-a", "acme", "[tea, coffee]", "2026-01-01"))
            .With("agreements/acme-b.yaml", CustomerSla("acme-b", "acme", "[coffee]", "2026-06-01")));

        var warning = Assert.Single(result.Problems);
        Assert.True((warning.Line, warning.Column) == (3, 8), warning.ToString());
    }

    [Theory]
    [InlineData("acme", "[tea]", "globex", "[tea]", "2026-01-01", null)]          // other customers
    [InlineData("acme", "[tea]", "acme", "[coffee]", "2026-01-01", null)]         // disjoint services
    [InlineData("acme", "[tea]", "acme", "[tea]", "2027-01-01", "2026-12-31")]    // one after the other
    public void SLAs_on_one_level_that_never_meet_give_no_warning(string customerA, string servicesA, string customerB, string servicesB, string fromB, string? untilA)
    {
        var result = Read(Base()
            .With("agreements/acme-a.yaml", CustomerSla("acme-a", customerA, servicesA, "2026-01-01", untilA))
            .With("agreements/acme-b.yaml", CustomerSla("acme-b", customerB, servicesB, fromB)));

        Assert.True(result.IsValid);
        Assert.Empty(result.Problems);
    }

    [Fact]
    public void A_draft_SLA_on_the_same_level_gives_no_warning()
    {
        var result = Read(Base()
            .With("agreements/acme-a.yaml", CustomerSla("acme-a", "acme", "[tea]", "2026-01-01"))
            .With("agreements/acme-b.yaml", CustomerSla("acme-b", "acme", "[tea]", "2026-01-01").Replace("status: active", "status: draft", StringComparison.Ordinal)));

        Assert.True(result.IsValid);
        Assert.Empty(result.Problems);
    }

    [Fact]
    public void SLAs_on_different_levels_for_one_customer_give_no_warning()
    {
        var result = Read(Base()
            .With("agreements/acme-a.yaml", CustomerSla("acme-a", "acme", "[tea]", "2026-01-01"))
            .With("agreements/acme-b.yaml", CustomerSla("acme-b", "acme", "[tea]", "2026-01-01").Replace("level: customer", "level: customer-service", StringComparison.Ordinal)));

        Assert.True(result.IsValid);
        Assert.Empty(result.Problems);
    }

    [Fact]
    public void The_supports_check_compares_with_the_SLA_version_in_force_not_a_draft()
    {
        // BUG: the OLA/UC check compares with the highest-numbered SLA version that has the target, even a draft.
        // Here the SLA in force (v1, P1 4h) is tighter than the OLA (P1 6h), but the draft v2 (P1 8h) hides it:
        // no warning is given. Expected: "priority P1: 6h is looser than the 4h of sla/resolution it supports".
        var result = Read(Parties()
            .With("agreements/sla.yaml", """
                id: sla
                kind: sla
                level: corporate
                versions:
                  - version: 1
                    status: active
                    effective: { from: 2026-01-01 }
                    targets:
                      - kind: resolution
                        calendar: office
                        thresholds: { P1: 4h }
                  - version: 2
                    status: draft
                    effective: { from: 2027-01-01 }
                    targets:
                      - kind: resolution
                        calendar: office
                        thresholds: { P1: 8h }
                """)
            .With("agreements/ola.yaml", """
                id: ola
                kind: ola
                parties: { team: repair }
                versions:
                  - version: 1
                    status: active
                    effective: { from: 2026-01-01 }
                    targets:
                      - kind: resolution
                        calendar: always
                        thresholds: { P1: 6h }
                        supports: sla/resolution
                """));

        Assert.True(result.IsValid);
        Assert.Equal(["priority P1: 6h is looser than the 4h of sla/resolution it supports"], result.Problems.Select(p => p.Message));
    }

    /// <summary>A customer-level SLA with a response target; its level is on line 3.</summary>
    private static string CustomerSla(string id, string customer, string services, string from, string? until = null) => $$"""
        id: {{id}}
        kind: sla
        level: customer
        parties: { customer: {{customer}} }
        services: {{services}}
        versions:
          - version: 1
            status: active
            effective: { from: {{from}}{{(until is null ? string.Empty : ", until: " + until)}} }
            targets:
              - kind: response
                calendar: office
                thresholds: { P1: 1h }
        """;
}
