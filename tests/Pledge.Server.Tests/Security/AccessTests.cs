using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Time.Testing;
using Pledge.Server.Security;
using Pledge.Testing;

namespace Pledge.Server.Tests.Security;

/// <summary>Credentials (missing, wrong, revoked, expired, disabled), the role and scope rules, and the admin's user and key endpoints.</summary>
public abstract class AccessTests<TDatabase> : ServerTest<TDatabase> where TDatabase : TestDatabase, new()
{
    [Fact]
    public async Task Every_endpoint_not_marked_anonymous_answers_401_with_a_bearer_challenge_without_a_credential()
    {
        var server = Start();
        var anonymous = server.ClientWith(null);

        foreach (var (key, endpoint) in ServerEndpoints.Of(server).Where(e => !ServerEndpoints.IsAnonymous(e.Endpoint)))
        {
            var method = key.Split(' ')[0];
            var path = ServerEndpoints.SamplePath(endpoint);
            using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = method is "GET" or "DELETE" ? null : Json("{}") };

            var response = await anonymous.SendAsync(request);

            await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
            Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        }
    }

    [Theory]
    [InlineData("Bearer pk_000000000000_not-a-key-that-exists-anywhere-at-all", "invalid_token")]
    [InlineData("Bearer " + PledgeTestServer.AdminKey + "x", "invalid_token")]
    [InlineData("Basic YWRtaW46YWRtaW4=", "invalid_request")]
    [InlineData("Bearer ps_not-a-session", "invalid_token")]
    public async Task A_wrong_credential_is_401_with_the_bearer_error(string authorization, string error)
    {
        var server = Start();
        var client = server.ClientWith(null);
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization);

        var response = await client.GetAsync("/api/v1/auth/me");

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains($"error=\"{error}\"", response.Headers.WwwAuthenticate.Single().Parameter, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_test_client_is_the_admin_with_every_scope()
    {
        var server = Start();

        var me = await ReadJsonAsync(await server.Client.GetAsync("/api/v1/auth/me"));

        Assert.Equal(("admin", "admin"), (me.GetProperty("name").GetString(), me.GetProperty("role").GetString()));
        Assert.Equal(Scopes.All, me.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
    }

    [Theory]
    [MemberData(nameof(AccessCalls.All), MemberType = typeof(AccessCalls))]
    public async Task Each_role_reaches_exactly_the_endpoints_its_scopes_and_customer_rule_allow(string call, string scope, string what)
    {
        var server = Start(demo: true, demoDirectory: Sample.Folder);
        foreach (var role in Roles.All)
        {
            var (client, _, _) = await server.ClientForAsync(role, role == Role.CustomerContact ? "acme" : null);

            var response = await SendAsync(client, call, what);

            var allowed = Roles.MaxScopes(role).Contains(scope) && (role != Role.CustomerContact || what == "report");
            Assert.True(allowed == (response.StatusCode != HttpStatusCode.Forbidden),
                $"{Roles.Name(role)} {call}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            Assert.NotEqual(HttpStatusCode.Unauthorized, response.StatusCode);
        }
    }

    [Theory]
    [MemberData(nameof(AccessCalls.All), MemberType = typeof(AccessCalls))]
    public async Task A_key_reaches_an_endpoint_only_with_its_scope_whatever_its_owners_role(string call, string scope, string what)
    {
        var server = Start(demo: true, demoDirectory: Sample.Folder);
        var (without, _, _) = await server.ClientForAsync(Role.Admin, scopes: Scopes.All.Where(s => s != scope));
        var (with, _, _) = await server.ClientForAsync(Role.Admin, scopes: [scope]);

        var refused = await SendAsync(without, call, what);
        var allowed = await SendAsync(with, call, what);

        await AssertProblemAsync(refused, HttpStatusCode.Forbidden);
        Assert.Contains($"scope=\"{scope}\"", refused.Headers.WwwAuthenticate.Single().Parameter, StringComparison.Ordinal);
        Assert.True(allowed.IsSuccessStatusCode, $"{call}: {(int)allowed.StatusCode} {await allowed.Content.ReadAsStringAsync()}");
    }

    [Fact]
    public async Task A_key_cannot_hold_scopes_beyond_its_owners_role_nor_beyond_the_credential_creating_it()
    {
        var server = Start();
        var (agent, agentName, _) = await server.ClientForAsync(Role.Agent, scopes: [Scopes.ReportsRead]);

        var beyondRole = await server.Client.PostAsJsonAsync($"/api/v1/users/{agentName}/keys", new { label = "x", scopes = new[] { Scopes.DefinitionsWrite } });
        var beyondCredential = await agent.PostAsJsonAsync("/api/v1/auth/keys", new { label = "x", scopes = new[] { Scopes.EventsWrite } });
        var unknown = await agent.PostAsJsonAsync("/api/v1/auth/keys", new { label = "x", scopes = new[] { "everything" } });
        var within = await agent.PostAsJsonAsync("/api/v1/auth/keys", new { label = "x", scopes = new[] { Scopes.ReportsRead } });

        Assert.Equal(["scopes"], ErrorFields(await AssertProblemAsync(beyondRole, HttpStatusCode.BadRequest)));
        Assert.Equal(["scopes"], ErrorFields(await AssertProblemAsync(beyondCredential, HttpStatusCode.BadRequest)));
        Assert.Equal(["scopes"], ErrorFields(await AssertProblemAsync(unknown, HttpStatusCode.BadRequest)));
        Assert.Equal(HttpStatusCode.Created, within.StatusCode);
    }

    [Fact]
    public async Task A_demoted_users_keys_lose_the_scopes_of_its_old_role_at_once()
    {
        var server = Start();
        var (manager, name, _) = await server.ClientForAsync(Role.ServiceLevelManager);
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync("/api/v1/repository")).StatusCode);

        await server.Client.PatchAsJsonAsync($"/api/v1/users/{name}", new { role = "customer-contact", customer = "acme" });

        await AssertProblemAsync(await manager.GetAsync("/api/v1/repository"), HttpStatusCode.Forbidden);
        var me = await ReadJsonAsync(await manager.GetAsync("/api/v1/auth/me"));
        Assert.Equal([Scopes.DefinitionsRead, Scopes.ReportsRead, Scopes.ActionsRead], me.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
    }

    [Fact]
    public async Task A_revoked_key_is_refused_and_its_owner_can_revoke_only_its_own()
    {
        var server = Start();
        var (agent, agentName, agentKey) = await server.ClientForAsync(Role.Agent);
        var (other, _, otherKey) = await server.ClientForAsync(Role.Agent);

        await AssertProblemAsync(await agent.DeleteAsync($"/api/v1/auth/keys/{otherKey}"), HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/api/v1/auth/me")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await agent.DeleteAsync($"/api/v1/auth/keys/{agentKey}")).StatusCode);

        var refused = await agent.GetAsync("/api/v1/auth/me");
        await AssertProblemAsync(refused, HttpStatusCode.Unauthorized);
        var listed = (await ReadJsonAsync(await server.Client.GetAsync($"/api/v1/users/{agentName}/keys"))).EnumerateArray().Single();
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, listed.GetProperty("revokedAt").ValueKind);
    }

    [Fact]
    public async Task An_expired_key_is_refused_from_its_expiry_on()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-28T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var server = Start(time: time);
        var (_, name, _) = await server.ClientForAsync(Role.Agent);
        var (key, _) = await server.CreateKeyAsync(name, [Scopes.ReportsRead], "2026-11-28T13:00:00Z");
        var client = server.ClientWith(key);

        time.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/auth/me")).StatusCode);
        time.Advance(TimeSpan.FromMinutes(1));
        await AssertProblemAsync(await client.GetAsync("/api/v1/auth/me"), HttpStatusCode.Unauthorized);

        var past = await server.Client.PostAsJsonAsync($"/api/v1/users/{name}/keys", new { label = "x", scopes = new[] { Scopes.ReportsRead }, expiresAt = "2026-11-28T12:00:00Z" });
        Assert.Equal(["expiresAt"], ErrorFields(await AssertProblemAsync(past, HttpStatusCode.BadRequest)));
    }

    [Fact]
    public async Task A_disabled_users_keys_are_refused_until_it_is_enabled_again()
    {
        var server = Start();
        var (agent, name, _) = await server.ClientForAsync(Role.Agent);

        Assert.Equal(HttpStatusCode.OK, (await server.Client.PatchAsJsonAsync($"/api/v1/users/{name}", new { disabled = true })).StatusCode);
        await AssertProblemAsync(await agent.GetAsync("/api/v1/auth/me"), HttpStatusCode.Unauthorized);

        await server.Client.PatchAsJsonAsync($"/api/v1/users/{name}", new { disabled = false });
        Assert.Equal(HttpStatusCode.OK, (await agent.GetAsync("/api/v1/auth/me")).StatusCode);
    }

    [Fact]
    public async Task The_admin_creates_reads_updates_and_lists_users_and_every_change_is_audited_with_the_admin_as_actor()
    {
        var server = Start();

        var created = await server.Client.PostAsJsonAsync("/api/v1/users", new { name = "Lea.Koch", displayName = "Lea Koch", email = "lea@provider.example", role = "service-level-manager" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var user = await ReadJsonAsync(created);
        Assert.Equal(("lea.koch", "Lea Koch", false), (user.GetProperty("name").GetString(), user.GetProperty("displayName").GetString(), user.GetProperty("hasPassword").GetBoolean()));
        Assert.False(user.TryGetProperty("passwordHash", out _));

        await AssertProblemAsync(await server.Client.PostAsJsonAsync("/api/v1/users", new { name = "lea.koch", role = "agent" }), HttpStatusCode.Conflict);
        var updated = await ReadJsonAsync(await server.Client.PatchAsJsonAsync("/api/v1/users/lea.koch", new { role = "agent" }));
        Assert.Equal("agent", updated.GetProperty("role").GetString());
        Assert.Equal("agent", (await ReadJsonAsync(await server.Client.GetAsync("/api/v1/users/LEA.KOCH"))).GetProperty("role").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await server.Client.PutAsJsonAsync("/api/v1/users/lea.koch/password", new { password = "twelve chars!" })).StatusCode);
        Assert.True((await ReadJsonAsync(await server.Client.GetAsync("/api/v1/users/lea.koch"))).GetProperty("hasPassword").GetBoolean());
        var names = (await ReadJsonAsync(await server.Client.GetAsync("/api/v1/users"))).EnumerateArray().Select(u => u.GetProperty("name").GetString());
        Assert.Equal(["admin", "lea.koch"], names);
        await AssertProblemAsync(await server.Client.GetAsync("/api/v1/users/nobody"), HttpStatusCode.NotFound);

        var store = await server.StoreAsync();
        var audit = new List<Pledge.Storage.AuditEntry>();
        await foreach (var entry in store.Audit.ReadAsync("user/lea.koch"))
        {
            audit.Add(entry);
        }

        Assert.Equal(["user.create", "user.update", "user.password"], audit.Select(a => a.Action));
        Assert.All(audit, a => Assert.Equal("admin", a.Actor));
        Assert.DoesNotContain(audit, a => (a.Detail ?? string.Empty).Contains("twelve", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{"name": "bad name!", "role": "agent"}""", "name")]
    [InlineData("""{"name": "x", "role": "owner"}""", "role")]
    [InlineData("""{"name": "x", "role": "customer-contact"}""", "customer")]
    [InlineData("""{"name": "x", "role": "agent", "password": "short"}""", "password")]
    [InlineData("""{"name": "x", "role": "agent", "email": "not-an-address"}""", "email")]
    public async Task A_bad_user_is_refused_naming_the_field_and_nothing_is_stored(string body, string field)
    {
        var server = Start();

        var problem = await AssertProblemAsync(await server.Client.PostAsync("/api/v1/users", Json(body)), HttpStatusCode.BadRequest);

        Assert.Equal([field], ErrorFields(problem));
        Assert.Single((await ReadJsonAsync(await server.Client.GetAsync("/api/v1/users"))).EnumerateArray());
    }

    [Fact]
    public async Task The_last_enabled_admin_cannot_be_disabled_or_demoted()
    {
        var server = Start();

        await AssertProblemAsync(await server.Client.PatchAsJsonAsync("/api/v1/users/admin", new { disabled = true }), HttpStatusCode.Conflict);
        await AssertProblemAsync(await server.Client.PatchAsJsonAsync("/api/v1/users/admin", new { role = "agent" }), HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync("/api/v1/auth/me")).StatusCode);
    }

    [Fact]
    public async Task A_new_keys_secret_is_shown_once_and_never_listed()
    {
        var server = Start();
        var (agent, _, _) = await server.ClientForAsync(Role.Agent);

        var created = await ReadJsonAsync(await agent.PostAsJsonAsync("/api/v1/auth/keys", new { label = "ci", scopes = new[] { Scopes.EventsWrite } }));
        var secret = created.GetProperty("key").GetString()!;
        var id = created.GetProperty("details").GetProperty("id").GetString()!;

        Assert.StartsWith(id + "_", secret, StringComparison.Ordinal);
        var listed = await (await agent.GetAsync("/api/v1/auth/keys")).Content.ReadAsStringAsync();
        Assert.Contains(id, listed, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, listed, StringComparison.Ordinal);
        var keyClient = server.ClientWith(secret);
        Assert.Equal($"key {id}", (await ReadJsonAsync(await keyClient.GetAsync("/api/v1/auth/me"))).GetProperty("credential").GetString());
        var keys = await (await server.StoreAsync()).Access.ListKeysAsync();
        Assert.DoesNotContain(keys, k => k.SecretHash.Contains(secret, StringComparison.Ordinal) || k.SecretHash == secret);
    }

    [Fact]
    public async Task A_restarted_server_keeps_users_and_keys_and_takes_the_same_admin_key()
    {
        var first = Start();
        var (_, name, _) = await first.ClientForAsync(Role.Agent);
        var (key, _) = await first.CreateKeyAsync(name, [Scopes.ReportsRead]);
        await StopAsync(first);

        var second = Start();

        Assert.Equal(HttpStatusCode.OK, (await second.Client.GetAsync("/api/v1/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await second.ClientWith(key).GetAsync("/api/v1/auth/me")).StatusCode);
        Assert.Equal(2, (await ReadJsonAsync(await second.Client.GetAsync("/api/v1/users"))).GetArrayLength());
    }

    [Fact]
    public async Task The_OpenAPI_document_requires_a_bearer_credential_except_on_anonymous_endpoints_and_names_each_scope()
    {
        var server = Start();

        var document = await ReadJsonAsync(await server.ClientWith(null).GetAsync("/openapi/v1.json"));

        Assert.Equal("bearer", document.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer").GetProperty("scheme").GetString());
        Assert.True(document.GetProperty("security")[0].TryGetProperty("bearer", out _));
        var paths = document.GetProperty("paths");
        Assert.Equal(0, paths.GetProperty("/api/v1/auth/login").GetProperty("post").GetProperty("security").GetArrayLength());
        Assert.Equal(0, paths.GetProperty("/health").GetProperty("get").GetProperty("security").GetArrayLength());
        Assert.Contains("events:write", paths.GetProperty("/api/v1/events").GetProperty("post").GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Servers_starting_at_once_on_a_new_database_make_one_admin_and_all_take_the_admin_key()
    {
        var servers = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => PledgeTestServer.Start(ConnectionString))));
        try
        {
            foreach (var server in servers)
            {
                Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync("/api/v1/auth/me")).StatusCode);
            }

            var users = await ReadJsonAsync(await servers[0].Client.GetAsync("/api/v1/users"));
            Assert.Equal(["admin"], users.EnumerateArray().Select(u => u.GetProperty("name").GetString()));
            Assert.Single((await ReadJsonAsync(await servers[0].Client.GetAsync("/api/v1/users/admin/keys"))).EnumerateArray());
        }
        finally
        {
            foreach (var server in servers)
            {
                await server.DisposeAsync();
            }
        }
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string call, string what)
    {
        var (method, path) = (call.Split(' ')[0], call.Split(' ')[1]);
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        request.Content = (method, what) switch
        {
            ("POST", "events") => Json("""{"id":"scope-1","ticket":"S-1","type":"created","at":"2026-11-02T09:00:00Z","customer":"acme","service":"coffee","priority":"P2","status":"open"}"""),
            ("PUT", "repository") => Json(System.Text.Json.JsonSerializer.Serialize(new { files = new Dictionary<string, string> { ["teams.yaml"] = Sample.RepositoryFiles()["teams.yaml"] } })),
            _ => null,
        };
        return await client.SendAsync(request);
    }
}

/// <summary>A call of each scope the existing endpoints need: the call, its scope, what it touches.</summary>
public static class AccessCalls
{
    public static TheoryData<string, string, string> All => new()
    {
        { "POST /api/v1/events", Scopes.EventsWrite, "events" },
        { "GET /api/v1/repository", Scopes.DefinitionsRead, "repository" },
        { "PUT /api/v1/repository", Scopes.DefinitionsWrite, "repository" },
        { "GET /api/v1/report?period=2026-11", Scopes.ReportsRead, "report" },
        { "GET /api/v1/users", Scopes.UsersManage, "users" },
    };
}
