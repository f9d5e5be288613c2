using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Time.Testing;
using Pledge.Testing;

namespace Pledge.Server.Tests.Security;

/// <summary>Login, sessions, logout, and the limit on failed logins (driven by a fake clock).</summary>
public abstract class LoginTests<TDatabase> : ServerTest<TDatabase> where TDatabase : TestDatabase, new()
{
    private const string Password = "correct horse battery staple";

    [Fact]
    public async Task A_login_gives_a_session_token_that_works_until_logout()
    {
        var server = Start();
        await CreateUserAsync(server, "lea.koch", "agent");
        var anonymous = server.ClientWith(null);

        var login = await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { name = "Lea.Koch", password = Password });

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var body = await ReadJsonAsync(login);
        var token = body.GetProperty("token").GetString()!;
        Assert.Equal("Bearer", body.GetProperty("tokenType").GetString());
        var session = server.ClientWith(token);
        var me = await ReadJsonAsync(await session.GetAsync("/api/v1/auth/me"));
        Assert.Equal(("lea.koch", "agent", "session"), (me.GetProperty("name").GetString(), me.GetProperty("role").GetString(), me.GetProperty("credential").GetString()));

        Assert.Equal(HttpStatusCode.NoContent, (await session.PostAsync("/api/v1/auth/logout", null)).StatusCode);

        await AssertProblemAsync(await session.GetAsync("/api/v1/auth/me"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_session_expires_after_eight_hours()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-28T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var server = Start(time: time);
        await CreateUserAsync(server, "lea.koch", "agent");
        var login = await ReadJsonAsync(await server.ClientWith(null).PostAsJsonAsync("/api/v1/auth/login", new { name = "lea.koch", password = Password }));
        Assert.Equal("2026-11-28T16:00:00Z", login.GetProperty("expiresAt").GetString());
        var session = server.ClientWith(login.GetProperty("token").GetString());

        time.Advance(TimeSpan.FromHours(8) - TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/api/v1/auth/me")).StatusCode);
        time.Advance(TimeSpan.FromSeconds(1));
        await AssertProblemAsync(await session.GetAsync("/api/v1/auth/me"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_unknown_name_a_wrong_password_a_user_without_password_and_a_disabled_user_get_the_same_answer()
    {
        var server = Start();
        await CreateUserAsync(server, "lea.koch", "agent");
        await CreateUserAsync(server, "off", "agent");
        await server.Client.PatchAsJsonAsync("/api/v1/users/off", new { disabled = true });
        var anonymous = server.ClientWith(null);

        var answers = new List<string>();
        foreach (var (name, password) in new[] { ("nobody", Password), ("lea.koch", "wrong password!"), ("admin", Password), ("off", Password) })
        {
            var response = await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { name, password });
            var problem = await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
            answers.Add($"{problem.GetProperty("title").GetString()}|{problem.GetProperty("detail").GetString()}");
        }

        Assert.Single(answers.Distinct());
    }

    [Fact]
    public async Task Five_failures_lock_the_name_out_with_429_and_Retry_After_even_for_the_right_password_until_the_window_ends()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-28T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var server = Start(time: time);
        await CreateUserAsync(server, "lea.koch", "agent");
        var anonymous = server.ClientWith(null);

        for (var i = 0; i < 5; i++)
        {
            await AssertProblemAsync(await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { name = "lea.koch", password = $"guess number {i}" }), HttpStatusCode.Unauthorized);
            time.Advance(TimeSpan.FromMinutes(1));
        }

        var locked = await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { name = "lea.koch", password = Password });
        await AssertProblemAsync(locked, HttpStatusCode.TooManyRequests);
        // The first failure was at 08:00 and it is 08:05: the name is free at 08:15.
        Assert.Equal(TimeSpan.FromMinutes(10), locked.Headers.RetryAfter?.Delta);

        time.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(1));
        await AssertProblemAsync(await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { name = "lea.koch", password = Password }), HttpStatusCode.TooManyRequests);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { name = "lea.koch", password = Password })).StatusCode);
    }

    [Fact]
    public async Task Failed_logins_spread_over_two_instances_on_one_database_meet_one_limit()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-28T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var one = Start(time: time);
        var other = Start(time: time);
        await CreateUserAsync(one, "lea.koch", "agent");

        // An attacker alternates between the instances behind a balancer: five guesses in all.
        for (var i = 0; i < 5; i++)
        {
            var instance = i % 2 == 0 ? one : other;
            await AssertProblemAsync(await instance.ClientWith(null).PostAsJsonAsync("/api/v1/auth/login", new { name = "lea.koch", password = $"guess number {i}" }), HttpStatusCode.Unauthorized);
        }

        await AssertProblemAsync(await one.ClientWith(null).PostAsJsonAsync("/api/v1/auth/login", new { name = "lea.koch", password = Password }), HttpStatusCode.TooManyRequests);
        var locked = await other.ClientWith(null).PostAsJsonAsync("/api/v1/auth/login", new { name = "lea.koch", password = Password });
        await AssertProblemAsync(locked, HttpStatusCode.TooManyRequests);
        Assert.Equal(TimeSpan.FromMinutes(15), locked.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task Unknown_names_are_limited_like_real_ones()
    {
        var server = Start(time: new FakeTimeProvider());
        var anonymous = server.ClientWith(null);

        for (var i = 0; i < 5; i++)
        {
            await AssertProblemAsync(await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { name = "ghost", password = "whatever it is" }), HttpStatusCode.Unauthorized);
        }

        await AssertProblemAsync(await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { name = "ghost", password = "whatever it is" }), HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task A_password_change_ends_the_users_sessions()
    {
        var server = Start();
        await CreateUserAsync(server, "lea.koch", "agent");
        var login = await ReadJsonAsync(await server.ClientWith(null).PostAsJsonAsync("/api/v1/auth/login", new { name = "lea.koch", password = Password }));
        var session = server.ClientWith(login.GetProperty("token").GetString());

        await server.Client.PutAsJsonAsync("/api/v1/users/lea.koch/password", new { password = "another long password" });

        await AssertProblemAsync(await session.GetAsync("/api/v1/auth/me"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Users_change_their_own_password_with_the_current_one_and_wrong_ones_count_as_failed_logins()
    {
        var time = new FakeTimeProvider();
        var server = Start(time: time);
        await CreateUserAsync(server, "lea.koch", "agent");
        var login = await ReadJsonAsync(await server.ClientWith(null).PostAsJsonAsync("/api/v1/auth/login", new { name = "lea.koch", password = Password }));
        var session = server.ClientWith(login.GetProperty("token").GetString());

        var wrong = await session.PutAsJsonAsync("/api/v1/auth/password", new { current = "not it at all", password = "my new long password" });
        Assert.Equal(["current"], ErrorFields(await AssertProblemAsync(wrong, HttpStatusCode.BadRequest)));
        Assert.Equal(HttpStatusCode.NoContent, (await session.PutAsJsonAsync("/api/v1/auth/password", new { current = Password, password = "my new long password" })).StatusCode);

        await AssertProblemAsync(await session.GetAsync("/api/v1/auth/me"), HttpStatusCode.Unauthorized);
        var anonymous = server.ClientWith(null);
        await AssertProblemAsync(await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { name = "lea.koch", password = Password }), HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { name = "lea.koch", password = "my new long password" })).StatusCode);

        var (key, _) = await server.CreateKeyAsync("lea.koch", [Pledge.Server.Security.Scopes.ReportsRead]);
        var withKey = server.ClientWith(key);
        time.Advance(TimeSpan.FromMinutes(15)); // the failures above leave the window
        for (var i = 0; i < 5; i++)
        {
            await AssertProblemAsync(await withKey.PutAsJsonAsync("/api/v1/auth/password", new { current = $"guess {i} of many", password = "yet another password" }), HttpStatusCode.BadRequest);
        }

        await AssertProblemAsync(await withKey.PutAsJsonAsync("/api/v1/auth/password", new { current = "my new long password", password = "yet another password" }), HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task Logging_out_with_an_api_key_is_a_bad_request()
    {
        var server = Start();

        var problem = await AssertProblemAsync(await server.Client.PostAsync("/api/v1/auth/logout", null), HttpStatusCode.BadRequest);

        Assert.Equal(["Authorization"], ErrorFields(problem));
    }

    private static async Task CreateUserAsync(PledgeTestServer server, string name, string role) =>
        Assert.Equal(HttpStatusCode.Created, (await server.Client.PostAsJsonAsync("/api/v1/users", new { name, role, password = Password })).StatusCode);
}
