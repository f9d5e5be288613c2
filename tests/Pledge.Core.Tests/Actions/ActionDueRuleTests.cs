using NodaTime;
using Pledge.Actions;
using Pledge.Calendars;

namespace Pledge.Tests.Actions;

/// <summary><c>corrective_actions.due_in</c>: how it is written, and the due day it gives.</summary>
public sealed class ActionDueRuleTests
{
    [Theory]
    [InlineData("5 business days", 5, true)]
    [InlineData("1 business day", 1, true)]
    [InlineData("0 Business Days", 0, true)]
    [InlineData("10 days", 10, false)]
    [InlineData("1 day", 1, false)]
    [InlineData("7d", 7, false)]
    [InlineData("P5D", 5, false)]
    [InlineData("p2w", 14, false)]
    [InlineData(" 3 days ", 3, false)]
    public void A_delay_is_read(string text, int days, bool business)
    {
        Assert.True(ActionDueRule.TryParse(text, out var rule));
        Assert.Equal(new ActionDueRule(days, business), rule);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("-1 days")]
    [InlineData("5 weeks")]
    [InlineData("PT5H")]
    [InlineData("367 days")]
    [InlineData("P53W")]
    [InlineData("5 business")]
    public void Anything_else_is_not_a_delay(string? text) => Assert.False(ActionDueRule.TryParse(text, out _));

    [Theory]
    // Opened on Friday 2026-11-20.
    [InlineData(5, true, "2026-11-27")]
    [InlineData(1, true, "2026-11-23")]
    [InlineData(0, true, "2026-11-20")]
    [InlineData(5, false, "2026-11-25")]
    [InlineData(0, false, "2026-11-20")]
    public void Without_a_calendar_business_days_are_monday_to_friday(int days, bool business, string due) =>
        Assert.Equal(NodaTime.Text.LocalDatePattern.Iso.Parse(due).Value, new ActionDueRule(days, business).DueFrom(new LocalDate(2026, 11, 20), null));

    [Fact]
    public void Opened_on_a_weekend_zero_business_days_is_the_next_monday() =>
        Assert.Equal(new LocalDate(2026, 11, 23), new ActionDueRule(0, true).DueFrom(new LocalDate(2026, 11, 21), null));

    [Fact]
    public void A_calendars_holidays_are_not_business_days()
    {
        var calendar = CalendarFile.Load("""
            name: office
            timezone: Europe/Berlin
            week:
              monday: ["09:00-17:00"]
              tuesday: ["09:00-17:00"]
              wednesday: ["09:00-17:00"]
              thursday: ["09:00-17:00"]
              friday: ["09:00-17:00"]
            holidays:
              - 2026-12-24
              - 2026-12-25
            """, "office.yaml");

        // Wednesday 23 December: Thursday and Friday are holidays, so two business days are Monday and Tuesday.
        Assert.Equal(new LocalDate(2026, 12, 29), new ActionDueRule(2, true).DueFrom(new LocalDate(2026, 12, 23), calendar));
    }
}
