using Microsoft.Extensions.Time.Testing;
using Pledge.Server.Security;
using Pledge.Testing;

namespace Pledge.Server.Tests.Security;

/// <summary>The failed-login limit, per name and per address, on a fake clock, kept in the server's database.</summary>
public abstract class LoginThrottleTests<TDatabase> : ServerTest<TDatabase> where TDatabase : TestDatabase, new()
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-11-28T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    private LoginThrottle Throttle() => Start(time: _time).Service<LoginThrottle>();

    [Fact]
    public async Task Five_failures_from_one_address_lock_that_address_out_for_every_name_and_no_other_address()
    {
        var throttle = Throttle();

        for (var i = 0; i < LoginThrottle.MaxFailures; i++)
        {
            Assert.Null(await throttle.RetryAfterAsync($"name{i}", "10.0.0.1"));
            await throttle.FailedAsync($"name{i}", "10.0.0.1");
        }

        Assert.Equal(LoginThrottle.Window, await throttle.RetryAfterAsync("someone.new", "10.0.0.1"));
        Assert.Null(await throttle.RetryAfterAsync("someone.new", "10.0.0.2"));
    }

    [Fact]
    public async Task Five_failures_of_one_name_lock_it_out_from_every_address()
    {
        var throttle = Throttle();

        for (var i = 0; i < LoginThrottle.MaxFailures; i++)
        {
            await throttle.FailedAsync("lea.koch", $"10.0.0.{i}");
        }

        Assert.NotNull(await throttle.RetryAfterAsync("lea.koch", "192.168.1.1"));
        Assert.Null(await throttle.RetryAfterAsync("other", "192.168.1.1"));
    }

    [Fact]
    public async Task The_lockout_ends_when_the_oldest_failure_leaves_the_window()
    {
        var throttle = Throttle();
        for (var i = 0; i < LoginThrottle.MaxFailures; i++)
        {
            await throttle.FailedAsync("lea.koch", "10.0.0.1");
            _time.Advance(TimeSpan.FromMinutes(2));
        }

        // Failures at 08:00 … 08:08; now 08:10: free at 08:15.
        Assert.Equal(TimeSpan.FromMinutes(5), await throttle.RetryAfterAsync("lea.koch", "10.0.0.9"));
        _time.Advance(TimeSpan.FromMinutes(5));
        Assert.Null(await throttle.RetryAfterAsync("lea.koch", "10.0.0.9"));
    }

    [Fact]
    public async Task Four_failures_lock_nothing_and_a_success_clears_the_names_count()
    {
        var throttle = Throttle();
        for (var i = 0; i < LoginThrottle.MaxFailures - 1; i++)
        {
            await throttle.FailedAsync("lea.koch", "10.0.0.1");
        }

        Assert.Null(await throttle.RetryAfterAsync("lea.koch", "10.0.0.1"));
        await throttle.SucceededAsync("lea.koch");
        await throttle.FailedAsync("lea.koch", "10.0.0.2");
        Assert.Null(await throttle.RetryAfterAsync("lea.koch", "10.0.0.2"));
    }

    [Fact]
    public async Task Names_no_database_can_store_are_counted_apart_by_their_hash()
    {
        var throttle = Throttle();
        var huge = new string('x', 100_000);
        for (var i = 0; i < LoginThrottle.MaxFailures; i++)
        {
            await throttle.FailedAsync("nul\0name", $"10.0.0.{i}");
            await throttle.FailedAsync(huge, $"10.0.1.{i}");
        }

        Assert.NotNull(await throttle.RetryAfterAsync("nul\0name", "192.168.1.1"));
        Assert.NotNull(await throttle.RetryAfterAsync(huge, "192.168.1.1"));
        Assert.Null(await throttle.RetryAfterAsync("nul\0other", "192.168.1.1"));
        Assert.Null(await throttle.RetryAfterAsync(huge + "y", "192.168.1.1"));
    }

    [Fact]
    public async Task Failures_counted_by_one_instance_lock_the_name_out_on_another_and_after_a_restart()
    {
        var one = Start(time: _time);
        var other = Start(time: _time);

        // Three failures on one instance, two on the other: five in all, from five addresses.
        for (var i = 0; i < LoginThrottle.MaxFailures; i++)
        {
            await (i < 3 ? one : other).Service<LoginThrottle>().FailedAsync("lea.koch", $"10.0.0.{i}");
        }

        Assert.Equal(LoginThrottle.Window, await one.Service<LoginThrottle>().RetryAfterAsync("lea.koch", "192.168.1.1"));
        Assert.Equal(LoginThrottle.Window, await other.Service<LoginThrottle>().RetryAfterAsync("lea.koch", "192.168.1.1"));
        await StopAsync(one);
        await StopAsync(other);
        Assert.Equal(LoginThrottle.Window, await Start(time: _time).Service<LoginThrottle>().RetryAfterAsync("lea.koch", "192.168.1.1"));
    }
}
