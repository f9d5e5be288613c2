using System.Net;
using System.Net.Http.Json;
using Pledge.Server.Security;
using Pledge.Testing;

namespace Pledge.Server.Tests.Security;

/// <summary>
/// Customer isolation over EVERY endpoint the server maps: a customer contact of acme calls each one with route
/// values and bodies naming another customer's data (globex's contact, its key, its customer id from
/// samples/beverage-supplier/customers.yaml), and must be refused or shown acme's data only.
/// </summary>
/// <remarks>
/// An endpoint missing from <see cref="Cases"/> fails the test: a new endpoint (from any branch) must say here how a
/// customer contact is kept out of other customers' data before it can ship.
/// </remarks>
public abstract class IsolationTests<TDatabase> : ServerTest<TDatabase> where TDatabase : TestDatabase, new()
{
    private const string Own = "acme";
    private const string OwnContact = "jana.richter";
    private const string OtherContact = "tom.becker";
    private const string OtherKeyId = "{other-key}";
    private const string At = "2026-11-30T18:00:00%2B01:00";

    /// <summary>What a customer contact may get from an endpoint.</summary>
    private enum Expect
    {
        /// <summary>A 4xx answer: refused (403), or nothing found of what was named (404), or a request it may not make.</summary>
        Refused,

        /// <summary>A 2xx answer showing its own customer's data only (it must name <c>acme</c> or the contact).</summary>
        OwnOnly,

        /// <summary>A 2xx answer with nothing of another customer, possibly empty (alerts depend on the clock).</summary>
        OwnOrNone,

        /// <summary>An anonymous endpoint: any answer, holding no customer's data.</summary>
        Public,

        /// <summary>A static file of the reference page (a script, an icon), the same for everyone: it holds no data.</summary>
        Asset,

        /// <summary>Ends the caller's own session (or refuses, for a key): run last, as nothing works after it.</summary>
        OwnSessionEnd,
    }

    /// <summary>One call of the table: the path (with <c>{other-key}</c> for the other contact's key id), an optional
    /// JSON body, and what a contact may get.</summary>
    private sealed record Probe(string Method, string Path, Expect Expect, object? Body = null);

    /// <summary>
    /// Every endpoint, keyed <c>METHOD /route/pattern</c> as the server maps it. Add a row for each new endpoint,
    /// its route values naming ANOTHER customer's data (globex, initech, tom.becker).
    /// </summary>
    private static readonly Dictionary<string, Probe[]> Cases = new(StringComparer.Ordinal)
    {
        ["GET /health"] = [new Probe("GET", "/health", Expect.Public)],
        ["GET /openapi/{documentName}.json"] = [new Probe("GET", "/openapi/v1.json", Expect.Public)],
        ["GET /reference/{documentName?}"] = [new Probe("GET", "/reference/v1", Expect.Public)],
        ["GET /reference/favicon.svg"] = [new Probe("GET", "/reference/favicon.svg", Expect.Asset)],
        ["GET /reference/scalar.js"] = [new Probe("GET", "/reference/scalar.js", Expect.Asset)],
        ["GET /reference/scalar.aspnetcore.js"] = [new Probe("GET", "/reference/scalar.aspnetcore.js", Expect.Asset)],
        ["POST /api/v1/auth/login"] = [new Probe("POST", "/api/v1/auth/login", Expect.Refused, new { name = OtherContact, password = "not the password of tom" })],
        ["POST /api/v1/auth/logout"] = [new Probe("POST", "/api/v1/auth/logout", Expect.OwnSessionEnd)],
        ["PUT /api/v1/auth/password"] = [new Probe("PUT", "/api/v1/auth/password", Expect.Refused, new { current = "not the current password", password = "a new password for jana" })],
        ["GET /api/v1/auth/me"] = [new Probe("GET", "/api/v1/auth/me", Expect.OwnOnly)],
        ["GET /api/v1/auth/keys"] = [new Probe("GET", "/api/v1/auth/keys", Expect.OwnOnly)],
        ["POST /api/v1/auth/keys"] = [new Probe("POST", "/api/v1/auth/keys", Expect.OwnOnly, new { label = "portal", scopes = new[] { Scopes.ReportsRead } })],
        ["DELETE /api/v1/auth/keys/{id}"] = [new Probe("DELETE", $"/api/v1/auth/keys/{OtherKeyId}", Expect.Refused)],
        ["GET /api/v1/users/"] = [new Probe("GET", "/api/v1/users", Expect.Refused)],
        ["POST /api/v1/users/"] = [new Probe("POST", "/api/v1/users", Expect.Refused, new { name = "mallory", role = "customer-contact", customer = "globex" })],
        ["GET /api/v1/users/{name}"] = [new Probe("GET", $"/api/v1/users/{OtherContact}", Expect.Refused)],
        ["PATCH /api/v1/users/{name}"] = [new Probe("PATCH", $"/api/v1/users/{OtherContact}", Expect.Refused, new { customer = Own })],
        ["PUT /api/v1/users/{name}/password"] = [new Probe("PUT", $"/api/v1/users/{OtherContact}/password", Expect.Refused, new { password = "a new password for tom" })],
        ["GET /api/v1/users/{name}/keys"] = [new Probe("GET", $"/api/v1/users/{OtherContact}/keys", Expect.Refused)],
        ["POST /api/v1/users/{name}/keys"] = [new Probe("POST", $"/api/v1/users/{OtherContact}/keys", Expect.Refused, new { label = "x", scopes = new[] { Scopes.ReportsRead } })],
        ["DELETE /api/v1/users/{name}/keys/{id}"] = [new Probe("DELETE", $"/api/v1/users/{OtherContact}/keys/{OtherKeyId}", Expect.Refused)],
        ["POST /api/v1/events/"] = [new Probe("POST", "/api/v1/events", Expect.Refused, new { id = "iso-1", ticket = "G-1", type = "created", at = "2026-11-02T09:00:00Z", customer = "globex", service = "coffee", priority = "P2", status = "open" })],
        ["GET /api/v1/repository/"] = [new Probe("GET", "/api/v1/repository", Expect.Refused)],
        ["PUT /api/v1/repository/"] = [new Probe("PUT", "/api/v1/repository", Expect.Refused, new { files = new Dictionary<string, string> { ["customers.yaml"] = "customers: []" } })],
        ["GET /metrics"] = [new Probe("GET", "/metrics", Expect.Public)],
        ["GET /api/v1/services/"] = [new Probe("GET", "/api/v1/services", Expect.Refused)],
        ["GET /api/v1/services/{id}"] = [new Probe("GET", "/api/v1/services/machine-support", Expect.Refused)],
        ["GET /api/v1/services/{id}/history"] = [new Probe("GET", "/api/v1/services/machine-support/history", Expect.Refused)],
        ["GET /api/v1/services/{id}/history/{revision:int}"] = [new Probe("GET", "/api/v1/services/machine-support/history/1", Expect.Refused)],
        ["GET /api/v1/services/{id}/diff"] = [new Probe("GET", "/api/v1/services/machine-support/diff?from=1&to=1", Expect.Refused)],
        ["POST /api/v1/services/"] = [new Probe("POST", "/api/v1/services", Expect.Refused, new { id = "mallory" })],
        ["PUT /api/v1/services/{id}"] = [new Probe("PUT", "/api/v1/services/machine-support", Expect.Refused, new { id = "machine-support" })],
        ["DELETE /api/v1/services/{id}"] = [new Probe("DELETE", "/api/v1/services/machine-support", Expect.Refused)],
        ["GET /api/v1/calendars/"] = [new Probe("GET", "/api/v1/calendars", Expect.Refused)],
        ["GET /api/v1/calendars/{id}"] = [new Probe("GET", "/api/v1/calendars/berlin-office", Expect.Refused)],
        ["GET /api/v1/calendars/{id}/history"] = [new Probe("GET", "/api/v1/calendars/berlin-office/history", Expect.Refused)],
        ["GET /api/v1/calendars/{id}/history/{revision:int}"] = [new Probe("GET", "/api/v1/calendars/berlin-office/history/1", Expect.Refused)],
        ["GET /api/v1/calendars/{id}/diff"] = [new Probe("GET", "/api/v1/calendars/berlin-office/diff?from=1&to=1", Expect.Refused)],
        ["POST /api/v1/calendars/"] = [new Probe("POST", "/api/v1/calendars", Expect.Refused, new { id = "mallory" })],
        ["PUT /api/v1/calendars/{id}"] = [new Probe("PUT", "/api/v1/calendars/berlin-office", Expect.Refused, new { id = "berlin-office" })],
        ["DELETE /api/v1/calendars/{id}"] = [new Probe("DELETE", "/api/v1/calendars/berlin-office", Expect.Refused)],
        ["GET /api/v1/customers/"] = [new Probe("GET", "/api/v1/customers", Expect.OwnOnly)],
        ["GET /api/v1/customers/{id}"] = [new Probe("GET", "/api/v1/customers/globex", Expect.Refused)],
        ["GET /api/v1/customers/{id}/history"] = [new Probe("GET", "/api/v1/customers/globex/history", Expect.Refused)],
        ["GET /api/v1/customers/{id}/history/{revision:int}"] = [new Probe("GET", "/api/v1/customers/globex/history/1", Expect.Refused)],
        ["GET /api/v1/customers/{id}/diff"] = [new Probe("GET", "/api/v1/customers/globex/diff?from=1&to=1", Expect.Refused)],
        ["POST /api/v1/customers/"] = [new Probe("POST", "/api/v1/customers", Expect.Refused, new { id = "mallory" })],
        ["PUT /api/v1/customers/{id}"] = [new Probe("PUT", "/api/v1/customers/globex", Expect.Refused, new { id = "globex" })],
        ["DELETE /api/v1/customers/{id}"] = [new Probe("DELETE", "/api/v1/customers/globex", Expect.Refused)],
        ["GET /api/v1/agreements/"] = [new Probe("GET", "/api/v1/agreements", Expect.OwnOnly)],
        ["GET /api/v1/agreements/{id}"] = [new Probe("GET", "/api/v1/agreements/globex-drinks", Expect.Refused)],
        ["GET /api/v1/agreements/{id}/history"] = [new Probe("GET", "/api/v1/agreements/globex-drinks/history", Expect.Refused)],
        ["GET /api/v1/agreements/{id}/history/{revision:int}"] = [new Probe("GET", "/api/v1/agreements/globex-drinks/history/1", Expect.Refused)],
        ["GET /api/v1/agreements/{id}/diff"] = [new Probe("GET", "/api/v1/agreements/globex-drinks/diff?from=1&to=1", Expect.Refused)],
        ["POST /api/v1/agreements/"] = [new Probe("POST", "/api/v1/agreements", Expect.Refused, new { id = "mallory" })],
        ["PUT /api/v1/agreements/{id}"] = [new Probe("PUT", "/api/v1/agreements/globex-drinks", Expect.Refused, new { id = "globex-drinks" })],
        ["DELETE /api/v1/agreements/{id}"] = [new Probe("DELETE", "/api/v1/agreements/globex-drinks", Expect.Refused)],
        ["GET /api/v1/agreements/{id}/versions"] = [new Probe("GET", "/api/v1/agreements/globex-drinks/versions", Expect.Refused)],
        ["GET /api/v1/agreements/{id}/versions/{version:int}"] = [new Probe("GET", "/api/v1/agreements/globex-drinks/versions/1", Expect.Refused)],
        ["POST /api/v1/agreements/{id}/transitions"] = [new Probe("POST", "/api/v1/agreements/globex-drinks/transitions", Expect.Refused, new { to = "terminated", version = 1 })],
        ["GET /api/v1/actions/"] = [new Probe("GET", "/api/v1/actions", Expect.OwnOnly), new Probe("GET", "/api/v1/actions?customer=globex", Expect.OwnOrNone)],
        ["GET /api/v1/actions/{id}"] = [new Probe("GET", "/api/v1/actions/CA-1", Expect.Refused)],
        ["GET /api/v1/actions/{id}/history"] = [new Probe("GET", "/api/v1/actions/CA-1/history", Expect.Refused)],
        ["PATCH /api/v1/actions/{id}"] = [new Probe("PATCH", "/api/v1/actions/CA-1", Expect.Refused, new { owner = "mallory" })],
        ["POST /api/v1/actions/"] = [new Probe("POST", "/api/v1/actions", Expect.Refused, new { customer = "globex", title = "x", agreement = "globex-drinks", target = "resolution" })],
        ["POST /api/v1/actions/{id}/status"] = [new Probe("POST", "/api/v1/actions/CA-1/status", Expect.Refused, new { status = "done" })],
        ["POST /api/v1/actions/{id}/links"] = [new Probe("POST", "/api/v1/actions/CA-1/links", Expect.Refused, new { links = Array.Empty<object>() })],
        ["POST /api/v1/actions/evaluate"] = [new Probe("POST", "/api/v1/actions/evaluate", Expect.Refused, new { period = "2026-10" })],
        ["GET /api/v1/tickets/{id}/clocks"] = [new Probe("GET", "/api/v1/tickets/T-7-000003/clocks", Expect.Refused)],
        ["GET /api/v1/attainment"] = [new Probe("GET", $"/api/v1/attainment?period=2026-11&at={At}", Expect.OwnOnly), new Probe("GET", $"/api/v1/attainment?period=2026-11&at={At}&customer=globex", Expect.OwnOrNone)],
        ["GET /api/v1/breaches"] = [new Probe("GET", $"/api/v1/breaches?period=2026-11&at={At}", Expect.OwnOnly), new Probe("GET", $"/api/v1/breaches?period=2026-11&at={At}&customer=globex", Expect.OwnOrNone)],
        ["GET /api/v1/at-risk"] = [new Probe("GET", $"/api/v1/at-risk?period=2026-11&at={At}", Expect.OwnOrNone), new Probe("GET", $"/api/v1/at-risk?period=2026-11&at={At}&customer=globex", Expect.OwnOrNone)],
        ["GET /api/v1/budgets"] = [new Probe("GET", $"/api/v1/budgets?period=2026-11&at={At}", Expect.OwnOnly), new Probe("GET", $"/api/v1/budgets?period=2026-11&at={At}&customer=globex", Expect.OwnOrNone)],
        ["GET /api/v1/alerts/"] = [new Probe("GET", "/api/v1/alerts", Expect.OwnOrNone), new Probe("GET", "/api/v1/alerts?customer=globex", Expect.OwnOrNone)],
        ["GET /api/v1/monitor/"] = [new Probe("GET", "/api/v1/monitor", Expect.Refused)],
        ["GET /api/v1/channels/"] = [new Probe("GET", "/api/v1/channels", Expect.Refused)],
        ["GET /api/v1/channels/{name}"] = [new Probe("GET", "/api/v1/channels/globex-hook", Expect.Refused)],
        ["POST /api/v1/channels/"] = [new Probe("POST", "/api/v1/channels", Expect.Refused, new { name = "mallory", type = "webhook", url = "http://127.0.0.1:9/x", secret = "0123456789abcdef0123456789abcdef" })],
        ["PUT /api/v1/channels/{name}"] = [new Probe("PUT", "/api/v1/channels/globex-hook", Expect.Refused, new { type = "webhook", url = "http://127.0.0.1:9/x" })],
        ["DELETE /api/v1/channels/{name}"] = [new Probe("DELETE", "/api/v1/channels/globex-hook", Expect.Refused)],
        ["GET /api/v1/notifications/"] = [new Probe("GET", "/api/v1/notifications", Expect.Refused)],
        ["GET /api/v1/notifications/{id}"] = [new Probe("GET", "/api/v1/notifications/1", Expect.Refused)],
        ["GET /api/v1/report/"] =
        [
            new Probe("GET", $"/api/v1/report?period=2026-11&at={At}", Expect.OwnOnly),
            new Probe("GET", $"/api/v1/report?period=2026-11&at={At}&format=csv", Expect.OwnOnly),
            new Probe("GET", $"/api/v1/report?period=2026-11&at={At}&format=markdown", Expect.OwnOnly),
            new Probe("GET", $"/api/v1/report?period=2026-11&at={At}&format=html", Expect.OwnOnly),
            new Probe("GET", $"/api/v1/report?period=30d&at={At}", Expect.OwnOnly),
        ],
    };

    /// <summary>Text that only another customer's data holds: its customer ids and names, its contact, its key.</summary>
    private static readonly string[] OtherMarkers = ["globex", "initech", OtherContact, "Tom Becker", "Priya"];

    [Fact]
    public async Task Every_endpoint_has_a_row_in_the_isolation_table()
    {
        var server = Start();

        var mapped = ServerEndpoints.Of(server).Select(e => e.Key).ToHashSet(StringComparer.Ordinal);

        var missing = mapped.Where(k => !Cases.ContainsKey(k)).ToList();
        Assert.True(missing.Count == 0,
            $"endpoints without a row in IsolationTests.Cases (say how a customer contact of acme is kept out of globex's data): {string.Join(", ", missing)}");
        var stale = Cases.Keys.Where(k => !mapped.Contains(k)).ToList();
        Assert.True(stale.Count == 0, $"rows of IsolationTests.Cases for endpoints the server no longer maps: {string.Join(", ", stale)}");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_customer_contact_is_refused_or_sees_only_its_own_customer_through_every_endpoint(bool session)
    {
        var server = Start(demo: true, demoDirectory: Sample.Folder);
        var (own, _) = await ContactAsync(server, OwnContact, Own, session);
        var (other, otherKeyId) = await ContactAsync(server, OtherContact, "globex", session: false);
        var failures = new List<string>();

        // Stored actions of both customers (CA-1 globex's, CA-2 acme's), for the action probes.
        foreach (var (customer, agreement) in new[] { ("globex", "globex-drinks"), (Own, "acme-gold") })
        {
            var made = await server.Client.PostAsJsonAsync("/api/v1/actions", new { customer, title = $"Seals for {customer}", agreement, target = "response", service = "tea" });
            Assert.True(made.IsSuccessStatusCode, await made.Content.ReadAsStringAsync());
        }

        // Logging out ends the session the calls use: it goes last.
        foreach (var (key, endpoint) in ServerEndpoints.Of(server).OrderBy(e => Cases.TryGetValue(e.Key, out var p) && p.Any(c => c.Expect == Expect.OwnSessionEnd)))
        {
            if (!Cases.TryGetValue(key, out var cases))
            {
                failures.Add($"{key}: no row in the isolation table");
                continue;
            }

            foreach (var c in cases)
            {
                var path = c.Path.Replace(OtherKeyId, otherKeyId, StringComparison.Ordinal);
                using var request = new HttpRequestMessage(new HttpMethod(c.Method), path);
                if (c.Body is not null)
                {
                    request.Content = JsonContent.Create(c.Body);
                }

                var response = await own.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                var status = (int)response.StatusCode;
                // A refusal may echo what the request named ("there is no agreement globex-drinks"): that is not a leak.
                var leak = c.Expect == Expect.Asset ? null : OtherMarkers.Append(otherKeyId!).FirstOrDefault(m =>
                    body.Contains(m, StringComparison.OrdinalIgnoreCase) && !(status >= 400 && path.Contains(m, StringComparison.OrdinalIgnoreCase)));
                var what = $"{c.Method} {path} ({key})";
                if (leak is not null)
                {
                    failures.Add($"{what}: {status}, shows \"{leak}\"");
                }

                // A 401 would mean the contact's own credential failed, and a refusal would prove nothing.
                if (status == 401 && !ServerEndpoints.IsAnonymous(endpoint))
                {
                    failures.Add($"{what}: 401, the contact's credential was not accepted");
                }

                switch (c.Expect)
                {
                    case Expect.Refused when status is < 400 or >= 500:
                        failures.Add($"{what}: {status}, not refused");
                        break;
                    case Expect.OwnOnly when status is < 200 or >= 300:
                        failures.Add($"{what}: {status}, expected its own data: {Head(body)}");
                        break;
                    case Expect.OwnOnly when body.Trim() != "[]" && !body.Contains(Own, StringComparison.OrdinalIgnoreCase) && !body.Contains(OwnContact, StringComparison.OrdinalIgnoreCase):
                        failures.Add($"{what}: {status}, shows nothing of its own customer: {Head(body)}");
                        break;
                    case Expect.OwnOrNone when status is < 200 or >= 300:
                        failures.Add($"{what}: {status}, expected an answer: {Head(body)}");
                        break;
                    case Expect.Public or Expect.Asset or Expect.OwnSessionEnd when status >= 500:
                        failures.Add($"{what}: {status}");
                        break;
                    default:
                        break;
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));

        // Nothing the contact did reached the other customer: its contact and key are as they were.
        var me = await other.GetAsync("/api/v1/auth/me");
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        var tom = await ReadJsonAsync(await server.Client.GetAsync($"/api/v1/users/{OtherContact}"));
        Assert.Equal(("globex", false), (tom.GetProperty("customer").GetString(), tom.GetProperty("hasPassword").GetBoolean()));
        var ownKeys = (await ReadJsonAsync(await server.Client.GetAsync($"/api/v1/users/{OwnContact}/keys"))).EnumerateArray().ToList();
        Assert.Equal(session ? 1 : 2, ownKeys.Count);
        Assert.All(ownKeys, k => Assert.Equal(OwnContact, k.GetProperty("user").GetString()));
    }

    [Fact]
    public async Task Every_endpoint_declares_a_scope_or_is_a_documented_anonymous_or_own_account_endpoint()
    {
        var server = Start();
        string[] anonymous = ["GET /health", "GET /metrics", "GET /openapi/{documentName}.json", "POST /api/v1/auth/login"];

        var undeclared = new List<string>();
        foreach (var (key, endpoint) in ServerEndpoints.Of(server))
        {
            var isAnonymous = ServerEndpoints.IsAnonymous(endpoint);
            var listed = anonymous.Contains(key, StringComparer.Ordinal) || key.StartsWith("GET /reference/", StringComparison.Ordinal);
            if (isAnonymous != listed)
            {
                undeclared.Add($"{key}: {(isAnonymous ? "anonymous but not in the documented list" : "in the anonymous list but not anonymous")}");
            }
            else if (!isAnonymous && endpoint.Metadata.GetMetadata<ScopeRequirement>() is null && endpoint.Metadata.GetMetadata<AnyCallerAccess>() is null)
            {
                undeclared.Add($"{key}: declares no scope (.RequireScope(Scopes.…)), so only admins can call it");
            }
        }

        Assert.True(undeclared.Count == 0, string.Join("\n", undeclared));
    }

    [Fact]
    public async Task A_contacts_report_is_its_customers_part_of_the_whole_report_corporate_targets_included()
    {
        var server = Start(demo: true, demoDirectory: Sample.Folder);
        var (contact, _) = await ContactAsync(server, OwnContact, Own, session: false);
        var path = $"/api/v1/report?period=2026-11&at={At}";

        var whole = await ReadJsonAsync(await server.Client.GetAsync(path));
        var own = await ReadJsonAsync(await contact.GetAsync(path));

        var customers = own.GetProperty("customers").EnumerateArray().ToList();
        Assert.Equal([Own], customers.Select(c => c.GetProperty("id").GetString()));
        var wholeAcme = whole.GetProperty("customers").EnumerateArray().Single(c => c.GetProperty("id").GetString() == Own);
        Assert.Equal(wholeAcme.ToString(), customers[0].ToString());
        Assert.Contains(customers[0].GetProperty("agreements").EnumerateArray(), a => a.GetProperty("id").GetString() == "corporate");
        Assert.All(own.GetProperty("attainment").EnumerateArray(), r => Assert.Equal(Own, r.GetProperty("customer").GetString()));
        Assert.All(own.GetProperty("breaches").EnumerateArray(), r => Assert.Equal(Own, r.GetProperty("customer").GetString()));
        Assert.NotEqual(0, own.GetProperty("attainment").GetArrayLength());
        Assert.True(own.GetProperty("tickets").GetInt32() < whole.GetProperty("tickets").GetInt32());
    }

    [Fact]
    public async Task A_contact_of_a_customer_the_repository_does_not_know_sees_an_empty_report()
    {
        var server = Start(demo: true, demoDirectory: Sample.Folder);
        var (contact, _) = await ContactAsync(server, "nobody", "umbrella", session: false);

        var report = await ReadJsonAsync(await contact.GetAsync($"/api/v1/report?period=2026-11&at={At}"));

        Assert.Equal(0, report.GetProperty("customers").GetArrayLength());
        Assert.Equal(0, report.GetProperty("attainment").GetArrayLength());
        Assert.Equal(0, report.GetProperty("tickets").GetInt32());
    }

    private static async Task<(HttpClient Client, string? KeyId)> ContactAsync(PledgeTestServer server, string name, string customer, bool session)
    {
        if (!session)
        {
            var (client, _, keyId) = await server.ClientForAsync(Role.CustomerContact, customer, name: name);
            return (client, keyId);
        }

        const string password = "a long enough password";
        Assert.Equal(HttpStatusCode.Created, (await server.Client.PostAsJsonAsync("/api/v1/users", new { name, role = "customer-contact", customer, password })).StatusCode);
        var login = await server.ClientWith(null).PostAsJsonAsync("/api/v1/auth/login", new { name, password });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        return (server.ClientWith((await ReadJsonAsync(login)).GetProperty("token").GetString()), null);
    }

    private static string Head(string body) => body.Length <= 300 ? body : body[..300] + "…";
}
