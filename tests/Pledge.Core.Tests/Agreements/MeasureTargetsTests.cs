using Pledge.Agreements;
using static Pledge.Tests.Agreements.RepositoryKit;

namespace Pledge.Tests.Agreements;

/// <summary>
/// <see cref="MeasureTargets"/>: which availability, delivery, satisfaction, compliance and custom targets are in
/// force for a customer, on which of its services, and what they override. A customer's services are the ones
/// customers.yaml lists for it, or the whole catalogue. Per kind (and per series for custom targets) the most
/// specific level wins, as for ticket clocks.
/// </summary>
public sealed class MeasureTargetsTests
{
    private static readonly string Corporate = CorporateSla(
        "corporate",
        "{ kind: resolution, calendar: office, thresholds: { P1: 4h, P2: 8h } }",
        "{ kind: availability, calendar: office, objective: 99% }",
        "{ kind: satisfaction, objective: 80% }",
        "{ id: temp, kind: custom, series: temperature, threshold: \"<= 8\" }",
        "{ id: noise, kind: custom, series: noise, threshold: \"< 40\" }");

    /// <summary>Tea for every customer, with a tighter availability.</summary>
    private const string Tea = """
        id: tea
        kind: sla
        level: service
        services: [tea]
        timezone: Europe/Berlin
        versions:
          - version: 1
            status: active
            effective: { from: 2026-01-01 }
            targets:
              - { kind: availability, calendar: office, objective: 99.5% }
        """;

    /// <summary>ACME's own SLA on every service: satisfaction in the first half of 2026, then availability and a colder temperature.</summary>
    private const string Acme = """
        id: acme
        kind: sla
        level: customer
        parties: { customer: acme }
        timezone: Europe/Berlin
        versions:
          - version: 2
            status: active
            effective: { from: 2026-07-01 }
            targets:
              - { kind: availability, calendar: office, objective: 99.9% }
              - { id: cold, kind: custom, series: temperature, threshold: "<= 6" }
          - version: 1
            status: expired
            effective: { from: 2026-01-01, until: 2026-06-30 }
            targets:
              - { kind: satisfaction, objective: 90% }
        """;

    /// <summary>customers.yaml with Globex receiving tea and coffee only (listed out of id order, the second in another case).</summary>
    private const string Customers = """
        customers:
          - id: acme
            name: ACME
          - id: globex
            name: Globex
            services: [tea, Coffee]
          - id: initech
        """;

    /// <summary>Globex's delivery schedule, on tea and coffee.</summary>
    private const string Globex = """
        id: globex
        kind: sla
        level: customer-service
        parties: { customer: globex }
        services: [tea, coffee]
        timezone: Europe/Berlin
        versions:
          - version: 1
            status: active
            effective: { from: 2026-01-01 }
            targets:
              - kind: delivery
                calendar: office
                schedule:
                  - { slot: tea-morning, service: tea, window: "08:00-08:30" }
        """;

    /// <summary>An OLA's measure targets are the team's promise, not a customer's: never in force for a customer.</summary>
    private const string Ola = """
        id: ola
        kind: ola
        parties: { team: repair }
        timezone: Europe/Berlin
        versions:
          - version: 1
            status: active
            effective: { from: 2026-01-01 }
            targets:
              - { kind: availability, calendar: office, objective: 90% }
        """;

    private static readonly ServiceLevelRepository Repository = Load(Source());

    private static InMemoryRepositorySource Source() => Base()
        .With("customers.yaml", Customers)
        .With("agreements/corporate.yaml", Corporate)
        .With("agreements/tea.yaml", Tea)
        .With("agreements/acme.yaml", Acme)
        .With("agreements/globex.yaml", Globex)
        .With("agreements/ola.yaml", Ola);

    private static ServiceLevelRepository Load(InMemoryRepositorySource source)
    {
        var result = Read(source);
        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Problems));
        return result.Repository;
    }

    /// <summary>"acme/availability [coffee, tea] overrides tea/availability, corporate/availability".</summary>
    private static string Describe(MeasureAssignment a) =>
        $"{a.Source.QualifiedId} [{string.Join(", ", a.Services)}]"
        + (a.Overridden.IsEmpty ? string.Empty : " overrides " + string.Join(", ", a.Overridden.Select(o => o.QualifiedId)));

    private static string[] InForce(ServiceLevelRepository repository, string customer, string at) =>
        [.. MeasureTargets.InForce(repository, customer, At(at)).Select(Describe)];

    [Fact]
    public void A_customer_that_customers_yaml_lists_no_services_for_receives_every_service_of_the_catalogue()
    {
        // Sorted by id: the catalogue lists tea, coffee, juice, machine.
        Assert.Equal(["coffee", "juice", "machine", "tea"], MeasureTargets.ServicesOf(Repository, "initech").ToArray());
        // ACME has its own customer SLA, which decides nothing about its services.
        Assert.Equal(["coffee", "juice", "machine", "tea"], MeasureTargets.ServicesOf(Repository, "acme").ToArray());
    }

    [Fact]
    public void A_customer_listed_with_services_in_customers_yaml_receives_those_only_sorted_by_id()
    {
        // customers.yaml lists [tea, Coffee]: the catalogue's ids come back, sorted, whatever the case asked.
        Assert.Equal(["coffee", "tea"], MeasureTargets.ServicesOf(Repository, "globex").ToArray());
        Assert.Equal(["coffee", "tea"], MeasureTargets.ServicesOf(Repository, "GLOBEX").ToArray());
    }

    [Fact]
    public void A_customer_unknown_to_customers_yaml_receives_every_service_of_the_catalogue()
    {
        Assert.Equal(["coffee", "juice", "machine", "tea"], MeasureTargets.ServicesOf(Repository, "hooli").ToArray());
    }

    [Fact]
    public void Customers_yaml_reads_the_services_a_customer_receives_as_written()
    {
        Assert.Equal(["tea", "Coffee"], Repository.Customers["globex"].Services.ToArray());
        Assert.Empty(Repository.Customers["acme"].Services);
    }

    [Fact]
    public void The_customers_own_targets_win_per_kind_and_per_series_over_every_service()
    {
        Assert.Equal(
            [
                // The customer level beats the service level on tea and the corporate level everywhere.
                "acme/availability [coffee, juice, machine, tea] overrides tea/availability, corporate/availability",
                // A custom target overrides the one on the same series, whatever its id ...
                "acme/cold [coffee, juice, machine, tea] overrides corporate/temp",
                "corporate/satisfaction [coffee, juice, machine, tea]",
                // ... and leaves the other series alone.
                "corporate/noise [coffee, juice, machine, tea]",
            ],
            InForce(Repository, "acme", "2026-11-15T12:00:00+01:00"));
    }

    [Fact]
    public void A_service_level_target_wins_on_its_service_only()
    {
        Assert.Equal(
            [
                "corporate/availability [coffee, juice, machine]",
                "corporate/satisfaction [coffee, juice, machine, tea]",
                "corporate/noise [coffee, juice, machine, tea]",
                "corporate/temp [coffee, juice, machine, tea]",
                "tea/availability [tea] overrides corporate/availability",
            ],
            InForce(Repository, "initech", "2026-11-15T12:00:00+01:00"));
    }

    [Fact]
    public void A_customer_listed_with_some_services_has_its_targets_measured_on_those_only()
    {
        Assert.Equal(
            [
                "corporate/availability [coffee]",
                "corporate/satisfaction [coffee, tea]",
                "corporate/noise [coffee, tea]",
                "corporate/temp [coffee, tea]",
                "globex/delivery [coffee, tea]",
                "tea/availability [tea] overrides corporate/availability",
            ],
            InForce(Repository, "globex", "2026-11-15T12:00:00+01:00"));
    }

    [Fact]
    public void A_customer_service_sla_no_longer_limits_the_services_a_customer_receives()
    {
        // Globex's SLA on tea and coffee used to limit Globex to them, so the corporate targets left out its other
        // services' surveys and outages. Now the SLA limits only where its own targets apply.
        var repository = Load(Source().With("customers.yaml", RepositoryKit.Customers));

        Assert.Equal(["coffee", "juice", "machine", "tea"], MeasureTargets.ServicesOf(repository, "globex").ToArray());
        Assert.Equal(
            [
                "corporate/availability [coffee, juice, machine]",
                "corporate/satisfaction [coffee, juice, machine, tea]",
                "corporate/noise [coffee, juice, machine, tea]",
                "corporate/temp [coffee, juice, machine, tea]",
                "globex/delivery [coffee, tea]",
                "tea/availability [tea] overrides corporate/availability",
            ],
            InForce(repository, "globex", "2026-11-15T12:00:00+01:00"));
    }

    [Fact]
    public void A_service_that_customers_yaml_lists_must_be_in_the_catalogue()
    {
        var problems = Invalid(Base().With("customers.yaml", """
            customers:
              - id: acme
                services: [tea, soda, coffee]
              - id: globex
                services:
                  - juice
                  - machines
              - id: initech
                services: tea
            """));

        Assert.Equal(
            [
                // "    services: [tea, soda, coffee]": "soda" starts at column 21.
                Error("customers.yaml", 3, 21, "customers[0].services[1]", "\"soda\" is not a service of catalogue.yaml"),
                // "      - machines": the item starts at column 9.
                Error("customers.yaml", 7, 9, "customers[1].services[1]", "\"machines\" is not a service of catalogue.yaml"),
                // "    services: tea": the value starts at column 15.
                Error("customers.yaml", 9, 15, "customers[2].services", "must be a list of service ids of catalogue.yaml"),
            ],
            problems);
    }

    [Fact]
    public void The_version_in_force_at_the_instant_decides()
    {
        Assert.Equal(
            [
                "acme/satisfaction [coffee, juice, machine, tea] overrides corporate/satisfaction",
                "corporate/availability [coffee, juice, machine]",
                "corporate/noise [coffee, juice, machine, tea]",
                "corporate/temp [coffee, juice, machine, tea]",
                "tea/availability [tea] overrides corporate/availability",
            ],
            InForce(Repository, "acme", "2026-03-01T12:00:00+01:00"));
        // Version 1 ends with 30 June in Berlin; version 2 starts with 1 July there (22:00 UTC the day before).
        Assert.Contains("acme/satisfaction [coffee, juice, machine, tea] overrides corporate/satisfaction", InForce(Repository, "acme", "2026-06-30T21:59:59Z"));
        Assert.Contains("acme/availability [coffee, juice, machine, tea] overrides tea/availability, corporate/availability", InForce(Repository, "acme", "2026-06-30T22:00:00Z"));
    }

    [Fact]
    public void Nothing_is_in_force_before_every_version()
    {
        Assert.Empty(InForce(Repository, "acme", "2025-12-31T12:00:00+01:00"));
    }

    [Fact]
    public void A_customer_service_sla_beats_the_customers_sla_on_its_services()
    {
        var repository = Load(Source().With("agreements/acme-tea.yaml", """
            id: acme-tea
            kind: sla
            level: customer-service
            parties: { customer: acme }
            services: [tea]
            timezone: Europe/Berlin
            versions:
              - version: 1
                status: active
                effective: { from: 2026-01-01 }
                targets:
                  - { kind: availability, calendar: always, objective: 99.95% }
            """));

        Assert.Equal(
            [
                "acme/availability [coffee, juice, machine] overrides corporate/availability",
                "acme/cold [coffee, juice, machine, tea] overrides corporate/temp",
                "acme-tea/availability [tea] overrides acme/availability, tea/availability, corporate/availability",
                "corporate/satisfaction [coffee, juice, machine, tea]",
                "corporate/noise [coffee, juice, machine, tea]",
            ],
            InForce(repository, "acme", "2026-11-15T12:00:00+01:00"));
        // customers.yaml lists no services for ACME, so it still has all of them.
        Assert.Equal(["coffee", "juice", "machine", "tea"], MeasureTargets.ServicesOf(repository, "acme").ToArray());
    }

    [Fact]
    public void Between_two_slas_of_one_level_the_agreement_id_that_sorts_first_wins()
    {
        var repository = Load(Source().With("agreements/corporate-b.yaml", CorporateSla(
            "corporate-b",
            "{ kind: availability, calendar: always, objective: 90% }",
            "{ kind: compliance, terms: [password-age] }")));

        Assert.Equal(
            [
                "corporate/availability [coffee, juice, machine] overrides corporate-b/availability",
                "corporate/satisfaction [coffee, juice, machine, tea]",
                "corporate/noise [coffee, juice, machine, tea]",
                "corporate/temp [coffee, juice, machine, tea]",
                "corporate-b/compliance [coffee, juice, machine, tea]",
                "tea/availability [tea] overrides corporate/availability, corporate-b/availability",
            ],
            InForce(repository, "initech", "2026-11-15T12:00:00+01:00"));
    }

    [Fact]
    public void The_sample_resolves_its_measure_targets_per_customer()
    {
        var repository = Read(Sample()).Repository ?? throw new InvalidOperationException("the sample is invalid");
        const string At = "2026-11-15T12:00:00+01:00";

        Assert.Equal(
            [
                "acme-gold/availability [coffee, juice, machine-support, tea] overrides corporate/availability",
                "acme-gold/delivery [coffee, juice, machine-support, tea]",
                "acme-gold/satisfaction [coffee, juice, machine-support, tea] overrides corporate/satisfaction",
                "acme-gold/juice-temperature [coffee, juice, machine-support, tea]",
                "corporate/security [coffee, juice, machine-support, tea]",
            ],
            InForce(repository, "acme", At));
        // customers.yaml lists no services for anyone, so Globex receives machine-support too, though globex-drinks
        // covers only tea, coffee and juice: the corporate targets measure it there.
        Assert.Equal(
            [
                "corporate/availability [coffee, juice, machine-support, tea]",
                "corporate/satisfaction [coffee, juice, machine-support, tea]",
                "corporate/security [coffee, juice, machine-support, tea]",
                "globex-drinks/delivery [coffee, juice, tea]",
                "globex-drinks/juice-temperature [coffee, juice, tea]",
            ],
            InForce(repository, "globex", At));
        Assert.Equal(
            [
                "corporate/availability [coffee, juice, machine-support, tea]",
                "corporate/satisfaction [coffee, juice, machine-support, tea]",
                "corporate/security [coffee, juice, machine-support, tea]",
            ],
            InForce(repository, "initech", At));
    }
}
