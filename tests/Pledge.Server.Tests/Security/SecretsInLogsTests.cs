using System.Net;
using System.Net.Http.Json;
using Pledge.Server.Security;
using Pledge.Testing;

namespace Pledge.Server.Tests.Security;

/// <summary>No secret (API key, password, session token) appears in any log line, at any level, of anything the server logs.</summary>
public abstract class SecretsInLogsTests<TDatabase> : ServerTest<TDatabase> where TDatabase : TestDatabase, new()
{
    [Fact]
    public async Task Keys_passwords_and_session_tokens_never_reach_the_logs()
    {
        using var logs = new LogCapture();
        var server = Start(logs: logs);
        const string password = "a password that must stay secret";
        const string wrongPassword = "a wrong password that must stay secret too";
        var secrets = new List<string> { PledgeTestServer.AdminKey, password, wrongPassword };

        Assert.Equal(HttpStatusCode.Created, (await server.Client.PostAsJsonAsync("/api/v1/users", new { name = "lea.koch", role = "agent", password })).StatusCode);
        await server.Client.PutAsJsonAsync("/api/v1/users/lea.koch/password", new { password });
        var (key, _) = await server.CreateKeyAsync("lea.koch", [Scopes.ReportsRead]);
        secrets.Add(key);
        var anonymous = server.ClientWith(null);
        await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { name = "lea.koch", password = wrongPassword });
        var login = await ReadJsonAsync(await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { name = "lea.koch", password }));
        var token = login.GetProperty("token").GetString()!;
        secrets.Add(token);
        var session = server.ClientWith(token);
        await session.GetAsync("/api/v1/auth/me");
        await session.GetAsync("/api/v1/repository");
        await server.ClientWith(key).GetAsync("/api/v1/auth/me");
        await server.ClientWith(key + "x").GetAsync("/api/v1/auth/me");
        await server.ClientWith(token + "x").GetAsync("/api/v1/auth/me");
        var created = await ReadJsonAsync(await session.PostAsJsonAsync("/api/v1/auth/keys", new { label = "ci", scopes = new[] { Scopes.EventsWrite } }));
        secrets.Add(created.GetProperty("key").GetString()!);
        await session.PostAsync("/api/v1/auth/logout", null);
        await StopAsync(server);

        Assert.NotEmpty(logs.Lines);
        Assert.Contains(logs.Lines, l => l.Contains("Failed login for lea.koch", StringComparison.Ordinal));
        foreach (var secret in secrets)
        {
            // Also the secret half of a key alone, and the first 24 characters of any secret. A random secret may hold
            // '_' near its end: a "half" of a few characters would match unrelated lines (it did), so short ones are not looked for.
            foreach (var piece in new[] { secret, secret[(secret.LastIndexOf('_') + 1)..], secret[..24] }.Where(p => p.Length >= 16))
            {
                var line = logs.Lines.FirstOrDefault(l => l.Contains(piece, StringComparison.Ordinal));
                Assert.True(line is null, $"a secret is in the log: {line}");
            }
        }
    }
}
