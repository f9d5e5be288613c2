using Pledge.Actions;

namespace Pledge.Tests.Actions;

/// <summary>The status rules of corrective actions, as a table of every pair.</summary>
public sealed class ActionTransitionsTests
{
    [Theory]
    // from, to, allowed to anyone, allowed to a manager
    [InlineData(ActionStatus.Open, ActionStatus.InProgress, true, true)]
    [InlineData(ActionStatus.Open, ActionStatus.Done, false, false)]
    [InlineData(ActionStatus.Open, ActionStatus.Verified, false, false)]
    [InlineData(ActionStatus.InProgress, ActionStatus.Done, true, true)]
    [InlineData(ActionStatus.InProgress, ActionStatus.Open, false, false)]
    [InlineData(ActionStatus.InProgress, ActionStatus.Verified, false, false)]
    [InlineData(ActionStatus.Done, ActionStatus.Verified, true, true)]
    [InlineData(ActionStatus.Done, ActionStatus.Open, true, true)]
    [InlineData(ActionStatus.Done, ActionStatus.InProgress, true, true)]
    [InlineData(ActionStatus.Verified, ActionStatus.Open, false, true)]
    [InlineData(ActionStatus.Verified, ActionStatus.InProgress, false, true)]
    [InlineData(ActionStatus.Verified, ActionStatus.Done, false, false)]
    [InlineData(ActionStatus.Open, ActionStatus.Open, false, false)]
    public void Each_change_is_allowed_or_not(ActionStatus from, ActionStatus to, bool anyone, bool manager)
    {
        Assert.Equal(anyone, ActionTransitions.IsAllowed(from, to, byManager: false));
        Assert.Equal(manager, ActionTransitions.IsAllowed(from, to, byManager: true));
    }

    [Fact]
    public void The_next_statuses_are_listed_in_order()
    {
        Assert.Equal([ActionStatus.Open, ActionStatus.InProgress, ActionStatus.Verified], ActionTransitions.Next(ActionStatus.Done, byManager: false));
        Assert.Empty(ActionTransitions.Next(ActionStatus.Verified, byManager: false));
        Assert.Equal([ActionStatus.Open, ActionStatus.InProgress], ActionTransitions.Next(ActionStatus.Verified, byManager: true));
    }

    [Theory]
    [InlineData("open", ActionStatus.Open)]
    [InlineData("in-progress", ActionStatus.InProgress)]
    [InlineData("in_progress", ActionStatus.InProgress)]
    [InlineData("done", ActionStatus.Done)]
    [InlineData("verified", ActionStatus.Verified)]
    public void Statuses_read_as_written(string text, ActionStatus status)
    {
        Assert.True(ActionTransitions.TryParse(text, out var read));
        Assert.Equal(status, read);
    }

    [Theory]
    [InlineData("Open")]
    [InlineData("closed")]
    [InlineData(null)]
    public void Other_statuses_are_not_read(string? text) => Assert.False(ActionTransitions.TryParse(text, out _));
}
