using Pledge.Clocks;
using Pledge.Tickets;

namespace Pledge.Tests.Agreements;

public sealed class EventConditionTextTests
{
    public static TheoryData<string, EventCondition> Conditions => new()
    {
        { "resolved", new EventCondition(TicketEventKind.Resolved) },
        { "commented(agent, public)", EventCondition.PublicAgentComment },
        { "commented(customer)", new EventCondition(TicketEventKind.Commented, CommentAuthor.Customer) },
        { "commented(internal)", new EventCondition(TicketEventKind.Commented, IsPublic: false) },
        { " status_changed( solved ) ", new EventCondition(TicketEventKind.StatusChanged, Status: "solved") },
        { "assigned", new EventCondition(TicketEventKind.Assigned) },
        { "commented(agent public)", EventCondition.PublicAgentComment },
    };

    [Theory]
    [MemberData(nameof(Conditions))]
    public void Conditions_are_read_as_agreement_files_write_them(string text, EventCondition expected)
    {
        Assert.True(EventConditions.TryParse(text, out var condition, out var reason), reason);
        Assert.Equal(expected, condition);
    }

    [Theory]
    [InlineData("opened", "\"opened\" is not an event type (created, status_changed, priority_changed, service_changed, assigned, commented, resolved, reopened, closed, merged)")]
    [InlineData("commented(robot)", "\"robot\" is not agent, customer, public or internal")]
    [InlineData("commented(agent", "\"commented(agent\" has no closing parenthesis (in a [flow, list], quote conditions with commas: \"commented(agent, public)\", or write commented(agent public))")]
    [InlineData("public)", "\"public)\" is the end of a condition cut at its comma: in a [flow, list], quote conditions with commas (\"commented(agent, public)\") or write commented(agent public)")]
    [InlineData("status_changed(a, b)", "status_changed takes one status, such as status_changed(solved)")]
    [InlineData("resolved(fast)", "resolved takes no details in parentheses")]
    [InlineData(" ", "is empty")]
    public void A_bad_condition_says_why(string text, string reason)
    {
        Assert.False(EventConditions.TryParse(text, out _, out var why));
        Assert.Equal(reason, why);
    }

    [Fact]
    public void A_condition_writes_back_as_it_reads()
    {
        foreach (var text in new[] { "resolved", "commented(agent, public)", "commented(customer)", "status_changed(solved)" })
        {
            Assert.True(EventConditions.TryParse(text, out var condition, out _));
            Assert.Equal(text, condition.ToString());
        }
    }

    [Fact]
    public void A_target_can_replace_the_events_that_stop_its_clock()
    {
        var repository = RepositoryKit.Valid(RepositoryKit.Parties().With("agreements/a.yaml", """
            id: a
            kind: sla
            level: corporate
            versions:
              - version: 1
                status: active
                effective: { from: 2026-01-01 }
                targets:
                  - kind: response
                    calendar: office
                    thresholds: { P1: 30m }
                    stop_on: ["commented(agent, public)", status_changed(in-progress)]
            """));
        var target = repository.Agreements["a"].Versions[0].Targets[0];

        var clock = target.ToClock("a/response", repository.Calendars["office"]);

        Assert.Equal([EventCondition.PublicAgentComment, new EventCondition(TicketEventKind.StatusChanged, Status: "in-progress")], clock.StopOn.ToArray());
        Assert.Equal([new EventCondition(TicketEventKind.Created)], clock.StartOn.ToArray());
    }

    [Fact]
    public void A_bad_condition_in_a_target_is_located()
    {
        var problems = RepositoryKit.Invalid(RepositoryKit.Parties().With("agreements/a.yaml", """
            id: a
            kind: sla
            level: corporate
            versions:
              - version: 1
                status: active
                effective: { from: 2026-01-01 }
                targets:
                  - kind: response
                    calendar: office
                    thresholds: { P1: 30m }
                    stop_on: [resolved, opened]
            """));

        var problem = Assert.Single(problems);
        Assert.Equal(("agreements/a.yaml", 12, 29, "versions[0].targets[0].stop_on[1]"), (problem.File, problem.Line, problem.Column, problem.Field));
        Assert.StartsWith("\"opened\" is not an event type", problem.Message, StringComparison.Ordinal);
    }
}
