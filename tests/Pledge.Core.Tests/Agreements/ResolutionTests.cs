using System.Collections.Immutable;
using Pledge.Agreements;
using static Pledge.Tests.Agreements.RepositoryKit;

namespace Pledge.Tests.Agreements;

/// <summary>
/// Which SLA targets are in force for (customer, service, priority, instant), resolved across levels by hand:
/// customer-service over customer over service over corporate; a more specific target without a threshold for the
/// priority does not hide a more general one; the version in force at the instant; ties by agreement id; OLAs and
/// UCs never resolve.
/// </summary>
public sealed class ResolutionTests
{
    /// <summary>
    /// Four levels of SLAs, all in UTC:
    /// <list type="bullet">
    /// <item>corporate: v1 expired 2026-01-01..2026-06-30 (resolution P1 8h, P2 16h); v2 active from 2026-07-01
    /// (response P1 1h, P2 2h, P3 4h; update P1 2h; resolution P1 4h, P2 8h, P3 24h); v3 a draft from 2026-10-01
    /// (resolution 1m for everything: never in force).</item>
    /// <item>svc-coffee, service level on coffee: resolution P1 3h, P2 6h.</item>
    /// <item>cust-acme, customer level for acme: response P1 30m; resolution P1 2h.</item>
    /// <item>acme-coffee, customer-service level for acme and coffee: resolution P1 1h.</item>
    /// <item>globex-next, customer level for globex, only negotiating: resolution P1 1m (never in force).</item>
    /// <item>ola-coffee and uc-vendor: far tighter, but never SLA targets.</item>
    /// </list>
    /// </summary>
    private static readonly ServiceLevelRepository Levels = Valid(Parties()
        .With("agreements/corporate.yaml", """
            id: corporate
            kind: sla
            level: corporate
            versions:
              - version: 1
                status: expired
                effective: { from: 2026-01-01, until: 2026-06-30 }
                targets:
                  - kind: resolution
                    calendar: office
                    thresholds: { P1: 8h, P2: 16h }
              - version: 2
                status: active
                effective: { from: 2026-07-01 }
                targets:
                  - kind: response
                    calendar: office
                    thresholds: { P1: 1h, P2: 2h, P3: 4h }
                  - kind: update
                    calendar: office
                    update_mode: pausable
                    thresholds: { P1: 2h }
                  - kind: resolution
                    calendar: office
                    thresholds: { P1: 4h, P2: 8h, P3: 24h }
              - version: 3
                status: draft
                effective: { from: 2026-10-01 }
                targets:
                  - kind: resolution
                    calendar: office
                    thresholds: { P1: 1m, P2: 1m, P3: 1m }
            """)
        .With("agreements/svc-coffee.yaml", """
            id: svc-coffee
            kind: sla
            level: service
            services: [coffee]
            versions:
              - version: 1
                status: active
                effective: { from: 2026-01-01 }
                targets:
                  - kind: resolution
                    calendar: office
                    thresholds: { P1: 3h, P2: 6h }
            """)
        .With("agreements/cust-acme.yaml", """
            id: cust-acme
            kind: sla
            level: customer
            parties: { customer: acme }
            versions:
              - version: 1
                status: active
                effective: { from: 2026-01-01 }
                targets:
                  - kind: response
                    calendar: office
                    thresholds: { P1: 30m }
                  - kind: resolution
                    calendar: office
                    thresholds: { P1: 2h }
            """)
        .With("agreements/acme-coffee.yaml", """
            id: acme-coffee
            kind: sla
            level: customer-service
            parties: { customer: acme }
            services: [coffee]
            versions:
              - version: 1
                status: active
                effective: { from: 2026-01-01 }
                targets:
                  - kind: resolution
                    calendar: office
                    thresholds: { P1: 1h }
            """)
        .With("agreements/globex-next.yaml", """
            id: globex-next
            kind: sla
            level: customer
            parties: { customer: globex }
            versions:
              - version: 1
                status: negotiating
                effective: { from: 2026-01-01 }
                targets:
                  - kind: resolution
                    calendar: office
                    thresholds: { P1: 1m }
            """)
        .With("agreements/ola-coffee.yaml", """
            id: ola-coffee
            kind: ola
            parties: { team: repair }
            services: [coffee]
            versions:
              - version: 1
                status: active
                effective: { from: 2026-01-01 }
                targets:
                  - kind: resolution
                    calendar: always
                    thresholds: { P1: 30m, P2: 1h, P3: 2h }
                    supports: svc-coffee/resolution
            """)
        .With("agreements/uc-vendor.yaml", """
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
                    thresholds: { P1: 10m }
                    supports: acme-coffee/resolution
            """));

    private static readonly string Autumn = "2026-09-01T12:00:00Z";

    /// <summary>"resolution: winner 1h (customer SLA x v1) overrides a 2h, b 3h; skips c, d".</summary>
    internal static string Describe(TargetResolution r)
    {
        var text = $"{r.Kind.ToString().ToLowerInvariant()}: {r.Winner.QualifiedId} {Durations.Format(r.Threshold)} ({r.Winner.Describe()})";
        if (!r.Overridden.IsEmpty)
        {
            text += " overrides " + string.Join(", ", r.Overridden.Select(o => $"{o.QualifiedId} {Durations.Format(o.Target.Thresholds[r.Priority])}"));
        }

        if (!r.Skipped.IsEmpty)
        {
            text += "; skips " + string.Join(", ", r.Skipped.Select(s => s.QualifiedId));
        }

        return text;
    }

    internal static string[] Describe(ImmutableArray<TargetResolution> resolutions) => [.. resolutions.Select(Describe)];

    private static string[] Resolve(string customer, string service, string priority, string at = "2026-09-01T12:00:00Z") =>
        Describe(Levels.Resolve(customer, service, priority, At(at)));

    [Fact]
    public void The_most_specific_level_wins_and_overrides_every_more_general_one_in_order()
    {
        Assert.Equal(
            [
                "response: cust-acme/response 30m (customer SLA cust-acme v1) overrides corporate/response 1h",
                "update: corporate/update 2h (corporate SLA corporate v2)",
                "resolution: acme-coffee/resolution 1h (customer-service SLA acme-coffee v1) overrides cust-acme/resolution 2h, svc-coffee/resolution 3h, corporate/resolution 4h",
            ],
            Resolve("acme", "coffee", "P1"));
    }

    [Fact]
    public void A_more_specific_target_without_a_threshold_for_the_priority_is_skipped_not_hiding_a_general_one()
    {
        // P2: acme-coffee and cust-acme have no P2 resolution threshold, svc-coffee has 6h; cust-acme has no P2 response
        // threshold either. Corporate's update target has P1 only: no update target for P2 at all.
        Assert.Equal(
            [
                "response: corporate/response 2h (corporate SLA corporate v2); skips cust-acme/response",
                "resolution: svc-coffee/resolution 6h (service SLA svc-coffee v1) overrides corporate/resolution 8h; skips acme-coffee/resolution, cust-acme/resolution",
            ],
            Resolve("acme", "coffee", "P2"));
    }

    [Fact]
    public void Every_more_specific_level_can_be_skipped_down_to_corporate()
    {
        Assert.Equal(
            [
                "response: corporate/response 4h (corporate SLA corporate v2); skips cust-acme/response",
                "resolution: corporate/resolution 24h (corporate SLA corporate v2); skips acme-coffee/resolution, cust-acme/resolution, svc-coffee/resolution",
            ],
            Resolve("acme", "coffee", "P3"));
    }

    [Fact]
    public void A_priority_without_any_threshold_resolves_to_nothing()
    {
        Assert.Empty(Resolve("acme", "coffee", "P4"));
    }

    [Fact]
    public void The_skipped_and_overridden_targets_are_the_sources_themselves()
    {
        var resolution = Levels.Resolve("acme", "coffee", "P2", At(Autumn)).Single(r => r.Kind == TargetKind.Resolution);

        Assert.Equal(TargetKind.Resolution, resolution.Kind);
        Assert.Equal("P2", resolution.Priority);
        Assert.Equal(NodaTime.Duration.FromHours(6), resolution.Threshold);
        Assert.Equal(AgreementLevel.Service, resolution.Winner.Agreement.Level);
        Assert.Equal(1, resolution.Winner.Version.Number);
        Assert.Equal("resolution", resolution.Winner.Target.Id);
        Assert.Equal(["acme-coffee", "cust-acme"], resolution.Skipped.Select(s => s.Agreement.Id));
        Assert.Equal([2], resolution.Overridden.Select(o => o.Version.Number));
    }

    [Theory]
    [InlineData("globex", "coffee", "svc-coffee/resolution 3h (service SLA svc-coffee v1) overrides corporate/resolution 4h")]
    [InlineData("acme", "tea", "cust-acme/resolution 2h (customer SLA cust-acme v1) overrides corporate/resolution 4h")]
    [InlineData("initech", "tea", "corporate/resolution 4h (corporate SLA corporate v2)")]
    [InlineData("globex", "juice", "corporate/resolution 4h (corporate SLA corporate v2)")]
    public void Each_agreement_applies_only_to_the_customers_and_services_it_covers(string customer, string service, string expected)
    {
        // acme-coffee covers acme on coffee only; cust-acme covers acme on everything; svc-coffee covers coffee for everyone;
        // globex's own agreement is still negotiating.
        Assert.Contains("resolution: " + expected, Resolve(customer, service, "P1"));
    }

    [Fact]
    public void The_priority_is_matched_without_regard_to_case()
    {
        Assert.Contains(
            "resolution: acme-coffee/resolution 1h (customer-service SLA acme-coffee v1) overrides cust-acme/resolution 2h, svc-coffee/resolution 3h, corporate/resolution 4h",
            Resolve("acme", "coffee", "p1"));
    }

    [Theory]
    [InlineData("2026-06-30T23:59:59Z", new[] { "resolution: corporate/resolution 8h (corporate SLA corporate v1)" })]
    [InlineData("2026-07-01T00:00:00Z", new[]
    {
        "response: corporate/response 1h (corporate SLA corporate v2)",
        "update: corporate/update 2h (corporate SLA corporate v2)",
        "resolution: corporate/resolution 4h (corporate SLA corporate v2)",
    })]
    [InlineData("2026-01-01T00:00:00Z", new[] { "resolution: corporate/resolution 8h (corporate SLA corporate v1)" })]
    [InlineData("2025-12-31T23:59:59Z", new string[0])]
    public void The_version_in_force_at_the_instant_is_used(string at, string[] expected)
    {
        // v1 (expired) is in force from the start of 1 January to the end of its until date, 30 June (UTC);
        // v2 from the start of 1 July. Before 1 January nothing is.
        Assert.Equal(expected, Resolve("initech", "tea", "P1", at));
    }

    [Theory]
    [InlineData("2026-10-01T00:00:00Z")]
    [InlineData("2030-01-01T00:00:00Z")]
    public void A_draft_version_is_never_in_force(string at)
    {
        // corporate v3 (a draft from 1 October, 1m everywhere) is ignored: v2 still applies.
        Assert.Contains("resolution: corporate/resolution 4h (corporate SLA corporate v2)", Resolve("initech", "tea", "P1", at));
        Assert.Equal(2, Levels.Agreements["corporate"].VersionAt(At(at))?.Number);
    }

    [Fact]
    public void A_negotiating_agreement_is_never_in_force()
    {
        Assert.Null(Levels.Agreements["globex-next"].VersionAt(At(Autumn)));
        Assert.Contains("resolution: corporate/resolution 4h (corporate SLA corporate v2)", Resolve("globex", "tea", "P1"));
    }

    [Fact]
    public void OLAs_and_UCs_never_resolve_as_SLA_targets()
    {
        // ola-coffee (P1 30m, P2 1h, P3 2h) and uc-vendor (P1 10m) are tighter than everything, and the OLA covers
        // coffee: neither wins, is overridden or is skipped.
        foreach (var (customer, service) in new[] { ("acme", "coffee"), ("globex", "coffee"), ("initech", "tea") })
        {
            foreach (var priority in new[] { "P1", "P2", "P3" })
            {
                foreach (var r in Levels.Resolve(customer, service, priority, At(Autumn)))
                {
                    Assert.All(r.Overridden.Add(r.Winner).AddRange(r.Skipped), s => Assert.Equal(AgreementKind.Sla, s.Agreement.Kind));
                }
            }
        }

        Assert.Equal(
            ["resolution: corporate/resolution 24h (corporate SLA corporate v2); skips svc-coffee/resolution"],
            Resolve("globex", "coffee", "P3").Where(l => l.StartsWith("resolution", StringComparison.Ordinal)));
    }

    [Fact]
    public void An_OLA_alone_gives_no_target()
    {
        // A repository whose only agreement is an OLA: nothing resolves for any ticket.
        var result = Read(Parties().With("agreements/ola.yaml", """
            id: ola
            kind: ola
            parties: { team: repair }
            versions:
              - version: 1
                status: active
                effective: { from: 2026-01-01 }
                targets:
                  - kind: resolution
                    calendar: office
                    thresholds: { P1: 1h }
            """));

        Assert.True(result.IsValid);
        Assert.Empty(result.Repository.Resolve("acme", "tea", "P1", At(Autumn)));
    }

    [Fact]
    public void FindTarget_finds_a_target_by_qualified_id_in_the_version_in_force()
    {
        Assert.Equal("corporate SLA corporate v1", Levels.FindTarget("corporate/resolution", At("2026-03-01T00:00:00Z"))?.Describe());
        Assert.Equal("corporate SLA corporate v2", Levels.FindTarget("corporate/resolution", At(Autumn))?.Describe());
        Assert.Equal("ola-coffee/resolution", Levels.FindTarget("ola-coffee/resolution", At(Autumn))?.QualifiedId);
        Assert.Null(Levels.FindTarget("corporate/response", At("2026-03-01T00:00:00Z")));   // v1 has no response target
        Assert.Null(Levels.FindTarget("nowhere/resolution", At(Autumn)));
        Assert.Null(Levels.FindTarget("corporate", At(Autumn)));
        Assert.Null(Levels.FindTarget("globex-next/resolution", At(Autumn)));                // never in force
    }

    [Theory]
    [InlineData("agreed", true)]
    [InlineData("active", true)]
    [InlineData("under-review", true)]
    [InlineData("expired", true)]
    [InlineData("terminated", true)]
    [InlineData("draft", false)]
    [InlineData("negotiating", false)]
    public void Agreed_and_later_statuses_are_in_force_over_their_period_draft_and_negotiating_never(string status, bool inForce)
    {
        var repository = Valid(Parties().With("agreements/s.yaml", $$"""
            id: s
            kind: sla
            level: corporate
            versions:
              - version: 1
                status: {{status}}
                effective: { from: 2026-01-01, until: 2026-12-31 }
                targets:
                  - kind: resolution
                    calendar: office
                    thresholds: { P1: 4h }
            """));

        Assert.Equal(inForce ? ["resolution: s/resolution 4h (corporate SLA s v1)"] : [], Describe(repository.Resolve("acme", "tea", "P1", At("2026-06-01T00:00:00Z"))));
        // Outside the period, never.
        Assert.Empty(repository.Resolve("acme", "tea", "P1", At("2027-01-01T00:00:00Z")));
    }

    [Fact]
    public void Effective_dates_are_whole_days_in_the_agreements_time_zone()
    {
        // Asia/Tokyo is UTC+09:00 all year. v1 until 2026-06-30 is in force to the end of 30 June in Tokyo,
        // 2026-06-30T15:00Z; v2 from 2026-07-01 starts then. v1 from 2026-01-01 starts at 2025-12-31T15:00Z.
        var repository = Valid(Parties().With("agreements/tokyo.yaml", """
            id: tokyo
            kind: sla
            level: corporate
            timezone: Asia/Tokyo
            versions:
              - version: 1
                status: expired
                effective: { from: 2026-01-01, until: 2026-06-30 }
                targets:
                  - kind: resolution
                    calendar: office
                    thresholds: { P1: 8h }
              - version: 2
                status: active
                effective: { from: 2026-07-01 }
                targets:
                  - kind: resolution
                    calendar: office
                    thresholds: { P1: 4h }
            """));

        string[] At_(string at) => Describe(repository.Resolve("acme", "tea", "P1", At(at)));

        Assert.Empty(At_("2025-12-31T14:59:59Z"));
        Assert.Equal(["resolution: tokyo/resolution 8h (corporate SLA tokyo v1)"], At_("2025-12-31T15:00:00Z"));
        Assert.Equal(["resolution: tokyo/resolution 8h (corporate SLA tokyo v1)"], At_("2026-06-30T14:59:59Z"));
        Assert.Equal(["resolution: tokyo/resolution 4h (corporate SLA tokyo v2)"], At_("2026-06-30T15:00:00Z"));
        // Noon UTC on 30 June is already 1 July in Tokyo.
        Assert.Equal(["resolution: tokyo/resolution 4h (corporate SLA tokyo v2)"], At_("2026-06-30T12:00:00-03:00"));

        var versions = repository.Agreements["tokyo"].Versions;
        Assert.Equal([2, 1], versions.Select(v => v.Number));
        Assert.Equal((At("2026-07-01T00:00:00+09:00"), (NodaTime.Instant?)null), (versions[0].EffectiveFrom, versions[0].EffectiveUntil));
        Assert.Equal((At("2026-01-01T00:00:00+09:00"), (NodaTime.Instant?)At("2026-07-01T00:00:00+09:00")), (versions[1].EffectiveFrom, versions[1].EffectiveUntil));
    }

    [Fact]
    public void Without_a_time_zone_effective_dates_are_UTC_days()
    {
        var corporate = Levels.Agreements["corporate"];

        Assert.Equal(NodaTime.DateTimeZone.Utc, corporate.Zone);
        Assert.Equal(At("2026-07-01T00:00:00Z"), corporate.Versions.Single(v => v.Number == 1).EffectiveUntil);
    }

    [Fact]
    public void Ties_on_one_level_are_broken_by_agreement_id_whatever_the_file_order()
    {
        // Two customer-level SLAs for acme: acme-a (response P1 10m) in z.yaml, acme-b (P1 20m, P2 40m) in a.yaml.
        // "acme-a" < "acme-b", so acme-a wins P1 and overrides acme-b; for P2 acme-a has no threshold and is skipped.
        var result = Read(Parties()
            .With("agreements/z.yaml", """
                id: acme-a
                kind: sla
                level: customer
                parties: { customer: acme }
                versions:
                  - version: 1
                    status: active
                    effective: { from: 2026-01-01 }
                    targets:
                      - kind: response
                        calendar: office
                        thresholds: { P1: 10m }
                """)
            .With("agreements/a.yaml", """
                id: acme-b
                kind: sla
                level: customer
                parties: { customer: acme }
                versions:
                  - version: 1
                    status: active
                    effective: { from: 2026-01-01 }
                    targets:
                      - kind: response
                        calendar: office
                        thresholds: { P1: 20m, P2: 40m }
                """));

        Assert.True(result.IsValid);
        Assert.Equal(["response: acme-a/response 10m (customer SLA acme-a v1) overrides acme-b/response 20m"], Describe(result.Repository.Resolve("acme", "tea", "P1", At(Autumn))));
        Assert.Equal(["response: acme-b/response 40m (customer SLA acme-b v1); skips acme-a/response"], Describe(result.Repository.Resolve("acme", "tea", "P2", At(Autumn))));
        // validate warns about the tie, naming the winner.
        Assert.Contains(result.Problems, p => p.IsWarning && p.Message.EndsWith("acme-a wins where both have a target", StringComparison.Ordinal));
    }

    [Fact]
    public void Services_listed_on_corporate_and_customer_levels_are_a_filter()
    {
        var repository = Valid(Parties()
            .With("agreements/juice.yaml", """
                id: juice
                kind: sla
                level: corporate
                services: [juice]
                versions:
                  - version: 1
                    status: active
                    effective: { from: 2026-01-01 }
                    targets:
                      - kind: response
                        calendar: office
                        thresholds: { P1: 3h }
                """)
            .With("agreements/acme-tea.yaml", """
                id: acme-tea
                kind: sla
                level: customer
                parties: { customer: acme }
                services: [tea]
                versions:
                  - version: 1
                    status: active
                    effective: { from: 2026-01-01 }
                    targets:
                      - kind: response
                        calendar: office
                        thresholds: { P1: 1h }
                """));

        string[] For(string customer, string service) => Describe(repository.Resolve(customer, service, "P1", At(Autumn)));

        Assert.Equal(["response: juice/response 3h (corporate SLA juice v1)"], For("acme", "juice"));
        Assert.Equal(["response: acme-tea/response 1h (customer SLA acme-tea v1)"], For("acme", "tea"));
        Assert.Empty(For("acme", "coffee"));
        Assert.Empty(For("globex", "tea"));
    }
}
