using Pledge.Agreements;
using static Pledge.Tests.Agreements.RepositoryKit;

namespace Pledge.Tests.Agreements;

/// <summary>
/// <c>escalations:</c> in an agreement version: the rules read, the recipients they resolve to, and every error
/// with its file, line, column and field. Lines and columns are counted by hand from the YAML in the test.
/// </summary>
public sealed class EscalationTests
{
    private const string File = "agreements/a.yaml";

    /// <summary>A customer SLA for acme whose version's escalation rules follow from line 14 (each "-" at column 7, its keys at column 9).</summary>
    private static string WithEscalations(params string[] lines) => Agreement("sla", "level: customer\nparties: { customer: acme }", lines);

    private static string Agreement(string kind, string header, params string[] lines) => string.Join("\n",
    [
        "id: a",                                  // 1
        $"kind: {kind}",                          // 2
        header,                                   // 3, 4
        "versions:",                              // 5
        "  - version: 1",                         // 6
        "    status: active",                     // 7
        "    effective: { from: 2026-01-01 }",    // 8
        "    targets:",                           // 9
        "      - kind: resolution",               // 10
        "        calendar: office",               // 11
        "        thresholds: { P1: 4h }",         // 12
        "    escalations:",                       // 13
        .. lines,                                 // 14…
    ]);

    private static IReadOnlyList<RepositoryProblem> InvalidRules(params string[] lines) => Invalid(Base().With(File, WithEscalations(lines)));

    private static readonly string[] Rules =
    [
        "      - when: warning 75%",
        "        targets: [resolution]",
        "        notify: [{ channel: team-chat }]",
        "      - when: breach",
        "        notify:",
        "          - channel: ops-webhook",
        "          - contacts: customer/facilities",
        "          - email: duty-manager@provider.example",
        "      - when: budget 50%",
        "        notify: [{ contacts: customer }, { channel: ops-webhook }]",
    ];

    [Fact]
    public void Escalation_rules_are_read_with_their_trigger_targets_and_recipients()
    {
        var repository = Valid(Base().With(File, WithEscalations(Rules)));

        var rules = repository.Agreements["a"].Versions[0].Escalations;
        Assert.Equal(3, rules.Length);
        Assert.Equal(new EscalationTrigger(EscalationEvent.Warning, 0.75), rules[0].When);
        Assert.Equal(["resolution"], rules[0].Targets.AsEnumerable());
        Assert.Equal([new EscalationRecipient(EscalationRecipientKind.Channel, "team-chat")], rules[0].Notify.AsEnumerable());
        Assert.Equal(new EscalationTrigger(EscalationEvent.Breach, null), rules[1].When);
        Assert.Empty(rules[1].Targets);
        Assert.Equal(
            [
                new EscalationRecipient(EscalationRecipientKind.Channel, "ops-webhook"),
                new EscalationRecipient(EscalationRecipientKind.CustomerContacts, string.Empty, "facilities"),
                new EscalationRecipient(EscalationRecipientKind.Email, "duty-manager@provider.example"),
            ],
            rules[1].Notify.AsEnumerable());
        Assert.Equal("budget 50%", rules[2].When.ToString());
    }

    [Fact]
    public void A_version_without_escalations_has_no_rules()
    {
        var repository = Valid(Base());

        Assert.Empty(repository.Agreements["corporate"].Versions[0].Escalations);
    }

    [Fact]
    public void A_breach_notifies_the_channel_the_customer_contacts_of_the_role_and_the_address_each_once()
    {
        var repository = Valid(Base().With(File, WithEscalations(Rules)));
        var agreement = repository.Agreements["a"];

        var addresses = Escalations.Resolve(repository, agreement, agreement.Versions[0], EscalationEvent.Breach, null, "a/resolution", "acme");

        Assert.Equal(
            [
                new EscalationAddress("ops-webhook", null, "breach → channel: ops-webhook"),
                new EscalationAddress(null, "ann@acme.example", "breach → contacts: customer/facilities"),
                new EscalationAddress(null, "duty-manager@provider.example", "breach → email: duty-manager@provider.example"),
            ],
            addresses.AsEnumerable());
    }

    [Theory]
    [InlineData(EscalationEvent.Warning, 0.75, "resolution", new[] { "team-chat" })]
    [InlineData(EscalationEvent.Warning, 0.5, "resolution", new string[0])]
    [InlineData(EscalationEvent.Warning, 0.75, "response", new string[0])]
    [InlineData(EscalationEvent.Budget, 0.5, "availability", new[] { "email:ann@acme.example", "ops-webhook" })]
    [InlineData(EscalationEvent.Budget, 0.25, "availability", new string[0])]
    public void Only_the_rules_of_the_alert_kind_share_and_target_fire(EscalationEvent alertEvent, double share, string target, string[] expected)
    {
        var repository = Valid(Base().With(File, WithEscalations(Rules)));
        var agreement = repository.Agreements["a"];

        var addresses = Escalations.Resolve(repository, agreement, agreement.Versions[0], alertEvent, share, target, "acme");

        Assert.Equal(expected, addresses.Select(a => a.Channel ?? "email:" + a.Email));
    }

    [Fact]
    public void A_customer_without_contacts_yields_no_address_from_contacts()
    {
        var repository = Valid(Base().With(File, WithEscalations(Rules)));
        var agreement = repository.Agreements["a"];

        var addresses = Escalations.Resolve(repository, agreement, agreement.Versions[0], EscalationEvent.Budget, 0.5, "x", "globex");

        Assert.Equal(["ops-webhook"], addresses.Select(a => a.Channel));
    }

    [Fact]
    public void An_ola_notifies_its_teams_contacts_from_teams_yaml()
    {
        var teams = """
            teams:
              - repair
              - id: desk
                name: Service desk
                contacts:
                  - { name: Dana Lead, email: dana@provider.example, role: manager }
                  - { name: Sam Agent, email: sam@provider.example }
            """;
        var ola = Agreement("ola", "level: corporate\nparties: { team: desk }", "      - when: breach", "        notify: [{ contacts: team/manager }]");
        var repository = Valid(Base().With("teams.yaml", teams).With(File, ola));
        var agreement = repository.Agreements["a"];

        var addresses = Escalations.Resolve(repository, agreement, agreement.Versions[0], EscalationEvent.Breach, null, "resolution", null);

        Assert.Equal(["dana@provider.example"], addresses.Select(a => a.Email));
        Assert.Equal("manager", repository.TeamContacts["desk"][0].Role);
    }

    [Fact]
    public void A_uc_notifies_its_suppliers_contacts_from_suppliers_yaml()
    {
        var suppliers = """
            suppliers:
              - id: vendor
                contacts:
                  - { name: Vera Vendor, email: vera@vendor.example, role: support }
            """;
        var uc = Agreement("uc", "level: corporate\nparties: { supplier: vendor }", "      - when: breach", "        notify: [{ contacts: supplier }]");
        var repository = Valid(Base().With("suppliers.yaml", suppliers).With(File, uc));
        var agreement = repository.Agreements["a"];

        var addresses = Escalations.Resolve(repository, agreement, agreement.Versions[0], EscalationEvent.Breach, null, "resolution", null);

        Assert.Equal(["vera@vendor.example"], addresses.Select(a => a.Email));
    }

    [Fact]
    public void A_team_contacts_email_must_be_an_address()
    {
        var teams = """
            teams:
              - id: desk
                contacts:
                  - { name: Dana, email: dana-at-provider }
            """;

        var problems = Invalid(Base().With("teams.yaml", teams));

        Assert.Equal([Error("teams.yaml", 4, 30, "teams[0].contacts[0].email", "\"dana-at-provider\" is not an e-mail address")], problems);
    }

    [Fact]
    public void Escalations_must_be_a_list()
    {
        var problems = Invalid(Base().With(File, WithEscalations().Replace("    escalations:", "    escalations: breach", StringComparison.Ordinal)));

        Assert.Equal([Error(File, 13, 18, "versions[0].escalations", "must be a list of escalation rules ({ when: breach, notify: [...] })")], problems);
    }

    [Fact]
    public void A_rule_with_an_unknown_field_is_an_error()
    {
        var problems = InvalidRules("      - when: breach", "        severity: high", "        notify: [{ channel: ops }]");

        Assert.Equal([Error(File, 15, 9, "versions[0].escalations[0].severity", "unknown field \"severity\" (expected when, targets, notify)")], problems);
    }

    [Fact]
    public void A_rule_without_when_is_an_error()
    {
        var problems = InvalidRules("      - notify: [{ channel: ops }]");

        Assert.Equal([Error(File, 14, 9, "versions[0].escalations[0].when", "is required: breach, warning, warning 75%, budget or budget 50%")], problems);
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("warning 100%")]
    [InlineData("warning 0%")]
    [InlineData("breach 50%")]
    [InlineData("budget 150%")]
    [InlineData("warning 75% now")]
    [InlineData("warning x%")]
    public void A_when_that_is_not_an_alert_is_an_error(string when)
    {
        var problems = InvalidRules($"      - when: {when}", "        notify: [{ channel: ops }]");

        Assert.Equal([Error(File, 14, 15, "versions[0].escalations[0].when", $"\"{when}\" is not an alert (breach, warning, warning 75%, budget or budget 50%)")], problems);
    }

    [Theory]
    [InlineData("warning", EscalationEvent.Warning, null)]
    [InlineData("warning 90%", EscalationEvent.Warning, 0.9)]
    [InlineData("Warning 0.5", EscalationEvent.Warning, 0.5)]
    [InlineData("breach", EscalationEvent.Breach, null)]
    [InlineData("budget", EscalationEvent.Budget, null)]
    [InlineData("budget 100%", EscalationEvent.Budget, 1.0)]
    public void Triggers_read_the_alert_and_its_optional_share(string text, EscalationEvent expected, double? share)
    {
        Assert.True(EscalationTrigger.TryParse(text, out var trigger));
        Assert.Equal(new EscalationTrigger(expected, share), trigger);
    }

    [Fact]
    public void A_warning_rule_without_a_share_matches_every_warning_level()
    {
        var trigger = new EscalationTrigger(EscalationEvent.Warning, null);

        Assert.True(trigger.Matches(EscalationEvent.Warning, 0.5));
        Assert.True(trigger.Matches(EscalationEvent.Warning, null));
        Assert.False(trigger.Matches(EscalationEvent.Breach, null));
    }

    [Fact]
    public void A_target_filter_naming_no_target_of_the_version_is_an_error()
    {
        var problems = InvalidRules("      - when: breach", "        targets: [response]", "        notify: [{ channel: ops }]");

        Assert.Equal([Error(File, 15, 19, "versions[0].escalations[0].targets[0]", "\"response\" is not a target of this version (known: resolution)")], problems);
    }

    [Fact]
    public void A_rule_without_notify_is_an_error()
    {
        var problems = InvalidRules("      - when: breach");

        Assert.Equal([Error(File, 14, 9, "versions[0].escalations[0].notify", "is required: at least one recipient: { channel: NAME }, { contacts: customer }, { contacts: customer/ROLE } or { email: ADDRESS }")], problems);
    }

    [Fact]
    public void A_rule_with_an_empty_notify_is_an_error()
    {
        var problems = InvalidRules("      - when: breach", "        notify: []");

        Assert.Equal([Error(File, 15, 17, "versions[0].escalations[0].notify", "is empty: give at least one recipient: { channel: NAME }, { contacts: customer }, { contacts: customer/ROLE } or { email: ADDRESS }")], problems);
    }

    [Fact]
    public void A_recipient_with_two_kinds_is_an_error()
    {
        var problems = InvalidRules("      - when: breach", "        notify: [{ channel: ops, email: a@b.example }]");

        Assert.Equal([Error(File, 15, 18, "versions[0].escalations[0].notify[0]", "give exactly one of channel, contacts or email")], problems);
    }

    [Fact]
    public void A_recipient_of_an_unknown_kind_is_an_error()
    {
        var problems = InvalidRules("      - when: breach", "        notify: [{ pager: ops }]");

        Assert.Equal([Error(File, 15, 20, "versions[0].escalations[0].notify[0].pager", "unknown field \"pager\" (expected channel, contacts, email)")], problems);
    }

    [Fact]
    public void A_recipient_that_is_not_a_mapping_is_an_error()
    {
        var problems = InvalidRules("      - when: breach", "        notify: [ops]");

        Assert.Equal([Error(File, 15, 18, "versions[0].escalations[0].notify[0]", "must be a mapping with channel, contacts, email")], problems);
    }

    [Fact]
    public void A_channel_name_with_a_space_is_an_error()
    {
        var problems = InvalidRules("      - when: breach", "        notify: [{ channel: \"ops room\" }]");

        Assert.Equal([Error(File, 15, 29, "versions[0].escalations[0].notify[0].channel", "\"ops room\" is not a channel name (a letter or digit, then letters, digits, '.', '_' or '-'; at most 64)")], problems);
    }

    [Fact]
    public void Contacts_of_an_unknown_party_are_an_error()
    {
        var problems = InvalidRules("      - when: breach", "        notify: [{ contacts: manager }]");

        Assert.Equal([Error(File, 15, 30, "versions[0].escalations[0].notify[0].contacts", "\"manager\" is not customer, team or supplier, optionally with a role: customer/facilities")], problems);
    }

    [Fact]
    public void Contacts_with_an_empty_role_are_an_error()
    {
        var problems = InvalidRules("      - when: breach", "        notify: [{ contacts: customer/ }]");

        Assert.Equal([Error(File, 15, 30, "versions[0].escalations[0].notify[0].contacts", "\"customer/\" is not customer, team or supplier, optionally with a role: customer/facilities")], problems);
    }

    [Fact]
    public void Team_contacts_in_an_sla_are_an_error()
    {
        var problems = InvalidRules("      - when: breach", "        notify: [{ contacts: team }]");

        Assert.Equal([Error(File, 15, 30, "versions[0].escalations[0].notify[0].contacts", "only an OLA has a team: notify its contacts from the OLA, or name a channel")], problems);
    }

    [Fact]
    public void Supplier_contacts_in_an_sla_are_an_error()
    {
        var problems = InvalidRules("      - when: breach", "        notify: [{ contacts: supplier }]");

        Assert.Equal([Error(File, 15, 30, "versions[0].escalations[0].notify[0].contacts", "only a UC has a supplier: notify its contacts from the UC, or name a channel")], problems);
    }

    [Theory]
    [InlineData("ann")]
    [InlineData("ann@")]
    [InlineData("Ann <ann@acme.example>")]
    public void An_email_recipient_must_be_one_address(string address)
    {
        var problems = InvalidRules("      - when: breach", $"        notify: [{{ email: \"{address}\" }}]");

        Assert.Equal([Error(File, 15, 27, "versions[0].escalations[0].notify[0].email", $"\"{address}\" is not an e-mail address")], problems);
    }
}
