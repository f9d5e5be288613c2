using Pledge.Agreements;
using static Pledge.Tests.Agreements.RepositoryKit;

namespace Pledge.Tests.Agreements;

/// <summary>
/// The beverage supplier of samples/beverage-supplier/: valid with three intentional warnings about uc-brewtech,
/// and the targets it resolves, checked by hand against its agreement files.
/// </summary>
public sealed class SampleRepositoryTests
{
    private static readonly RepositoryReadResult Result = Read(Sample());

    private static ServiceLevelRepository Repository => Result.Repository ?? throw new InvalidOperationException(string.Join(Environment.NewLine, Result.Problems));

    private static string[] Resolve(string customer, string service, string priority, string at) =>
        ResolutionTests.Describe(Repository.Resolve(customer, service, priority, At(at)));

    [Fact]
    public void The_sample_is_valid_with_its_parts()
    {
        Assert.True(Result.IsValid, string.Join(Environment.NewLine, Result.Problems));
        Assert.Equal(["coffee", "juice", "machine-support", "tea"], Repository.Services.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["acme", "globex", "initech"], Repository.Customers.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["berlin-office", "extended", "vendor"], Repository.Calendars.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(
            ["acme-gold", "corporate", "globex-drinks", "machine-support", "ola-machine-repair", "uc-brewtech"],
            Repository.Agreements.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["machine-repair", "service-desk"], Repository.Teams.Order(StringComparer.Ordinal));
        Assert.Equal(["brewtech"], Repository.Suppliers);
    }

    [Fact]
    public void The_sample_has_exactly_the_three_intentional_warnings_about_uc_brewtech()
    {
        // uc-brewtech/second-line (P1 4h, P2 8h, P3 16h on "vendor") supports machine-support/resolution (P1 2h, P2 6h,
        // P3 16h on berlin-office): P1 and P2 are looser, P3 is equal. Coverage over the four weeks from 2026-01-01
        // (a Thursday, Neujahr, closed in both) to 2026-01-29: berlin-office (Mon-Fri 08:00-18:00) is open on
        // 19 weekdays x 10h = 190h; the vendor (Mon-Thu 09:00-17:00, Fri 09:00-16:00) covers 15 x 8h + 4 Fridays
        // x 7h = 148h of it. ola-machine-repair (90m, 5h, 12h on "extended", 06:00-22:00) supports it fully.
        const string Field = "versions[0].targets[0].supports";
        Assert.Equal(
            [
                ("agreements/uc-brewtech.yaml", Field, "priority P1: 4h is looser than the 2h of machine-support/resolution it supports", true),
                ("agreements/uc-brewtech.yaml", Field, "priority P2: 8h is looser than the 6h of machine-support/resolution it supports", true),
                ("agreements/uc-brewtech.yaml", Field, "calendar vendor covers 148h of the 190h that berlin-office (machine-support/resolution) is open in the 4 weeks from v1's start: the SLA's clock runs while this one stands still", true),
            ],
            Result.Problems.Select(p => (p.File, p.Field, p.Message, p.IsWarning)));
    }

    [Fact]
    public void Acme_machine_support_P1_gets_acme_gold_resolution_over_the_tighter_service_level_and_corporate()
    {
        // acme-gold is a customer-level SLA (v3 active since 2026-09-01): more specific than the service-level
        // machine-support SLA, so its 3h wins even though machine-support promises 2h; corporate v2 has 4h.
        Assert.Equal(
            [
                "response: acme-gold/response 15m (customer SLA acme-gold v3) overrides corporate/response 30m",
                "update: corporate/update 2h (corporate SLA corporate v2)",
                "resolution: acme-gold/resolution 3h (customer SLA acme-gold v3) overrides machine-support/resolution 2h, corporate/resolution 4h",
            ],
            Resolve("acme", "machine-support", "P1", "2026-11-02T10:00:00+01:00"));
    }

    [Fact]
    public void Globex_tea_P3_response_comes_from_globex_drinks()
    {
        // globex-drinks (customer-service on tea, coffee, juice) v1: P3 2h over corporate's 4h; update 1d = 24h and
        // resolution 24h from corporate.
        Assert.Equal(
            [
                "response: globex-drinks/response 2h (customer-service SLA globex-drinks v1) overrides corporate/response 4h",
                "update: corporate/update 24h (corporate SLA corporate v2)",
                "resolution: corporate/resolution 24h (corporate SLA corporate v2)",
            ],
            Resolve("globex", "tea", "P3", "2026-11-02T10:00:00+01:00"));
    }

    [Fact]
    public void Globex_v2_is_negotiating_so_v1_still_applies_in_2027()
    {
        // v2 (from 2027-01-01, P3 1h) is negotiating: never in force.
        Assert.Contains(
            "response: globex-drinks/response 2h (customer-service SLA globex-drinks v1) overrides corporate/response 4h",
            Resolve("globex", "tea", "P3", "2027-03-01T10:00:00+01:00"));
        Assert.Equal(1, Repository.Agreements["globex-drinks"].VersionAt(At("2027-03-01T10:00:00+01:00"))?.Number);
    }

    [Fact]
    public void Globex_tea_P1_skips_globex_drinks_which_has_no_P1()
    {
        Assert.Equal(
            [
                "response: corporate/response 30m (corporate SLA corporate v2); skips globex-drinks/response",
                "update: corporate/update 2h (corporate SLA corporate v2)",
                "resolution: corporate/resolution 4h (corporate SLA corporate v2)",
            ],
            Resolve("globex", "tea", "P1", "2026-11-02T10:00:00+01:00"));
    }

    [Fact]
    public void Globex_machine_support_is_not_covered_by_globex_drinks()
    {
        Assert.Equal(
            [
                "response: corporate/response 4h (corporate SLA corporate v2)",
                "update: corporate/update 24h (corporate SLA corporate v2)",
                "resolution: machine-support/resolution 16h (service SLA machine-support v1) overrides corporate/resolution 24h",
            ],
            Resolve("globex", "machine-support", "P3", "2026-11-02T10:00:00+01:00"));
    }

    [Fact]
    public void Initech_coffee_P3_gets_everything_from_corporate()
    {
        Assert.Equal(
            [
                "response: corporate/response 4h (corporate SLA corporate v2)",
                "update: corporate/update 24h (corporate SLA corporate v2)",
                "resolution: corporate/resolution 24h (corporate SLA corporate v2)",
            ],
            Resolve("initech", "coffee", "P3", "2026-11-20T15:00:00+01:00"));
    }

    [Fact]
    public void Acme_tea_P3_resolution_skips_acme_gold_which_has_no_P3()
    {
        Assert.Equal(
            [
                "response: acme-gold/response 2h (customer SLA acme-gold v3) overrides corporate/response 4h",
                "update: corporate/update 24h (corporate SLA corporate v2)",
                "resolution: corporate/resolution 24h (corporate SLA corporate v2); skips acme-gold/resolution",
            ],
            Resolve("acme", "tea", "P3", "2026-11-02T10:00:00+01:00"));
    }

    [Fact]
    public void Acme_gold_v2_applies_to_the_last_day_of_August_in_Berlin_and_v3_from_September()
    {
        // acme-gold v2 (expired) is in force until 2026-08-31 inclusive in Europe/Berlin (+02:00 in summer): P1 response 30m,
        // no resolution target (so machine-support's 2h wins for machine support). v3 from 2026-09-01 00:00+02:00: 15m and 3h.
        Assert.Equal(
            [
                "response: acme-gold/response 30m (customer SLA acme-gold v2) overrides corporate/response 30m",
                "update: corporate/update 2h (corporate SLA corporate v2)",
                "resolution: machine-support/resolution 2h (service SLA machine-support v1) overrides corporate/resolution 4h",
            ],
            Resolve("acme", "machine-support", "P1", "2026-08-31T23:59:59+02:00"));
        Assert.Equal(
            [
                "response: acme-gold/response 15m (customer SLA acme-gold v3) overrides corporate/response 30m",
                "update: corporate/update 2h (corporate SLA corporate v2)",
                "resolution: acme-gold/resolution 3h (customer SLA acme-gold v3) overrides machine-support/resolution 2h, corporate/resolution 4h",
            ],
            Resolve("acme", "machine-support", "P1", "2026-08-31T22:00:00Z"));
    }

    [Fact]
    public void Corporate_v1_applies_in_June_with_its_only_target()
    {
        // corporate v1 (expired, until 2026-06-30) has only a resolution target, P1 8h; acme-gold v2 gives the response.
        Assert.Equal(
            [
                "response: acme-gold/response 30m (customer SLA acme-gold v2)",
                "resolution: corporate/resolution 8h (corporate SLA corporate v1)",
            ],
            Resolve("acme", "tea", "P1", "2026-06-15T12:00:00+02:00"));
    }

    [Fact]
    public void The_sample_OLA_and_UC_never_resolve()
    {
        var all = Repository.Resolve("acme", "machine-support", "P1", At("2026-11-02T10:00:00+01:00"))
            .SelectMany(r => r.Overridden.Add(r.Winner).AddRange(r.Skipped))
            .Select(s => s.Agreement.Id);

        Assert.DoesNotContain("ola-machine-repair", all);
        Assert.DoesNotContain("uc-brewtech", all);
    }
}
