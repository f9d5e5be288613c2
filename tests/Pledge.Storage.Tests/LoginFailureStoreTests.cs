using NodaTime;
using Pledge.Testing;

namespace Pledge.Storage.Tests;

/// <summary>Failed logins per name and per address, shared by two stores on one database (two server instances).</summary>
public abstract class LoginFailureStoreTests<TDatabase> : StoreTest<TDatabase>
    where TDatabase : TestDatabase, new()
{
    [Fact]
    public async Task Failures_recorded_through_one_store_are_read_through_another_newest_first_within_the_window_and_limit()
    {
        var one = await OpenAsync();
        var other = await OpenAsync();
        for (var i = 0; i < 4; i++)
        {
            await (i % 2 == 0 ? one : other).LoginFailures.RecordAsync("lea.koch", $"10.0.0.{i}");
            Time.Advance(TimeSpan.FromMinutes(1));
        }

        var recent = await one.LoginFailures.RecentAsync("lea.koch", "10.0.0.3", Ticks(Start), limit: 2);
        var fromOne = await other.LoginFailures.RecentAsync("nobody", "10.0.0.0", Ticks(Start) - Duration.FromTicks(1), limit: 5);

        // After 09:00 exclusive: 09:01, 09:02, 09:03 by name, newest two; the address 10.0.0.3 failed once at 09:03.
        Assert.Equal([Ticks(Start) + Duration.FromMinutes(3), Ticks(Start) + Duration.FromMinutes(2)], recent.ByName);
        Assert.Equal([Ticks(Start) + Duration.FromMinutes(3)], recent.ByAddress);
        Assert.Empty(fromOne.ByName);
        Assert.Equal([Ticks(Start)], fromOne.ByAddress);
    }

    [Fact]
    public async Task Clearing_a_name_keeps_its_addresses_failures_and_forgetting_drops_the_old_ones()
    {
        var store = await OpenAsync();
        await store.LoginFailures.RecordAsync("lea.koch", "10.0.0.1");
        Time.Advance(TimeSpan.FromMinutes(20));
        await store.LoginFailures.RecordAsync("lea.koch", "10.0.0.1");

        Assert.Equal(2, await store.LoginFailures.ClearNameAsync("lea.koch"));
        Assert.Equal(1, await store.LoginFailures.ForgetBeforeAsync(Ticks(Start) + Duration.FromMinutes(10)));

        var left = await store.LoginFailures.RecentAsync("lea.koch", "10.0.0.1", Ticks(Start) - Duration.FromDays(1), limit: 10);
        Assert.Empty(left.ByName);
        Assert.Equal([Ticks(Start) + Duration.FromMinutes(20)], left.ByAddress);
        Assert.Equal(1, await CountAsync(store, "login_failures"));
    }

    [Fact]
    public async Task A_name_the_database_cannot_store_is_refused_and_nothing_is_stored()
    {
        var store = await OpenAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => store.LoginFailures.RecordAsync("bad\0name", "10.0.0.1"));
        await Assert.ThrowsAsync<ArgumentException>(() => store.LoginFailures.RecordAsync(new string('x', 513), "10.0.0.1"));

        Assert.Equal(0, await CountAsync(store, "login_failures"));
    }
}
