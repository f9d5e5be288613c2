using Microsoft.Extensions.Time.Testing;
using Pledge.Server.Security;

namespace Pledge.Server.Tests.Security;

/// <summary>The failed-login limit, per name and per address, on a fake clock.</summary>
public sealed class LoginThrottleTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-11-28T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void Five_failures_from_one_address_lock_that_address_out_for_every_name_and_no_other_address()
    {
        var throttle = new LoginThrottle(_time);

        for (var i = 0; i < LoginThrottle.MaxFailures; i++)
        {
            Assert.Null(throttle.RetryAfter($"name{i}", "10.0.0.1"));
            throttle.Failed($"name{i}", "10.0.0.1");
        }

        Assert.Equal(LoginThrottle.Window, throttle.RetryAfter("someone.new", "10.0.0.1"));
        Assert.Null(throttle.RetryAfter("someone.new", "10.0.0.2"));
    }

    [Fact]
    public void Five_failures_of_one_name_lock_it_out_from_every_address()
    {
        var throttle = new LoginThrottle(_time);

        for (var i = 0; i < LoginThrottle.MaxFailures; i++)
        {
            throttle.Failed("lea.koch", $"10.0.0.{i}");
        }

        Assert.NotNull(throttle.RetryAfter("lea.koch", "192.168.1.1"));
        Assert.Null(throttle.RetryAfter("other", "192.168.1.1"));
    }

    [Fact]
    public void The_lockout_ends_when_the_oldest_failure_leaves_the_window()
    {
        var throttle = new LoginThrottle(_time);
        for (var i = 0; i < LoginThrottle.MaxFailures; i++)
        {
            throttle.Failed("lea.koch", "10.0.0.1");
            _time.Advance(TimeSpan.FromMinutes(2));
        }

        // Failures at 08:00 … 08:08; now 08:10: free at 08:15.
        Assert.Equal(TimeSpan.FromMinutes(5), throttle.RetryAfter("lea.koch", "10.0.0.9"));
        _time.Advance(TimeSpan.FromMinutes(5));
        Assert.Null(throttle.RetryAfter("lea.koch", "10.0.0.9"));
    }

    [Fact]
    public void Four_failures_lock_nothing_and_a_success_clears_the_names_count()
    {
        var throttle = new LoginThrottle(_time);
        for (var i = 0; i < LoginThrottle.MaxFailures - 1; i++)
        {
            throttle.Failed("lea.koch", "10.0.0.1");
        }

        Assert.Null(throttle.RetryAfter("lea.koch", "10.0.0.1"));
        throttle.Succeeded("lea.koch");
        throttle.Failed("lea.koch", "10.0.0.2");
        Assert.Null(throttle.RetryAfter("lea.koch", "10.0.0.2"));
    }
}
