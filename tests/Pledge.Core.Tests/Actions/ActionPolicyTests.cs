using Pledge.Actions;
using static Pledge.Tests.Agreements.RepositoryKit;

namespace Pledge.Tests.Actions;

/// <summary>An agreement's <c>corrective_actions</c> policy: read, validated, and absent by default.</summary>
public sealed class ActionPolicyTests
{
    private const string File = "agreements/corporate.yaml";

    [Fact]
    public void Without_a_policy_actions_open_by_hand_only() =>
        Assert.Null(Valid(Base()).Agreements["corporate"].CorrectiveActions);

    [Fact]
    public void A_policy_is_read_with_its_owner_delay_and_calendar()
    {
        var repository = Valid(Base().With(File, Corporate + "\ncorrective_actions: { open_on: [breach, failing_target], owner: desk, due_in: 5 business days, calendar: office }\n"));

        var policy = repository.Agreements["corporate"].CorrectiveActions!;

        Assert.Equal(ActionTriggers.Breach | ActionTriggers.FailingTarget, policy.OpenOn);
        Assert.True(policy.Opens(ActionTriggers.Breach));
        Assert.Equal(("desk", new ActionDueRule(5, true), "office"), (policy.Owner, policy.DueIn, policy.Calendar));
    }

    [Fact]
    public void One_trigger_may_be_written_alone()
    {
        var policy = Valid(Base().With(File, Corporate + "\ncorrective_actions: { open_on: failing_target }\n")).Agreements["corporate"].CorrectiveActions!;

        Assert.Equal(ActionTriggers.FailingTarget, policy.OpenOn);
        Assert.False(policy.Opens(ActionTriggers.Breach));
        Assert.Null(policy.DueIn);
    }

    [Theory]
    [InlineData("{ owner: desk }", "corrective_actions.open_on", "is required: breach, failing_target, or both as a list")]
    [InlineData("{ open_on: outage }", "corrective_actions.open_on", "\"outage\" is not breach or failing_target")]
    [InlineData("{ open_on: [] }", "corrective_actions.open_on", "is empty: breach, failing_target, or both")]
    [InlineData("{ open_on: breach, due_in: soon }", "corrective_actions.due_in", "\"soon\" is not a delay such as 5 business days, 10 days or P5D (at most 366 days)")]
    [InlineData("{ open_on: breach, calendar: nights }", "corrective_actions.calendar", "\"nights\" is not a calendar of calendars/ (known: always, early, office)")]
    [InlineData("{ open_on: breach, escalate: true }", "corrective_actions.escalate", "unknown field \"escalate\" (expected open_on, owner, due_in, calendar)")]
    public void A_bad_policy_is_an_error_naming_its_field(string policy, string field, string message)
    {
        var problems = Invalid(Base().With(File, Corporate + $"\ncorrective_actions: {policy}\n"));

        var problem = Assert.Single(problems);
        Assert.Equal((File, field, message), (problem.File, problem.Field, problem.Message));
    }

    [Fact]
    public void A_calendar_with_plain_days_is_a_warning()
    {
        var result = Read(Base().With(File, Corporate + "\ncorrective_actions: { open_on: breach, due_in: 10 days, calendar: office }\n"));

        Assert.True(result.IsValid);
        Assert.Contains(result.Problems, p => p.IsWarning && p.Field == "corrective_actions.calendar");
    }
}
