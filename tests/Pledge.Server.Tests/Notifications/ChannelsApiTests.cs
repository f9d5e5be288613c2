using System.Net;
using System.Text.Json;
using Pledge.Testing;

namespace Pledge.Server.Tests.Notifications;

/// <summary><c>/api/v1/channels</c>: create, read, update, list, delete, every validation error, and a secret that never comes back.</summary>
public abstract class ChannelsApiTests<TDatabase> : ServerTest<TDatabase> where TDatabase : TestDatabase, new()
{
    private const string Webhook = $$"""{"name": "Ops", "type": "webhook", "url": "https://hooks.example/pledge", "secret": "{{NotificationKit.Secret}}"}""";

    [Fact]
    public async Task A_webhook_channel_is_created_read_listed_updated_and_deleted_without_its_secret_ever_shown()
    {
        var server = Start();
        var client = server.Client;

        var created = await client.PostAsync("/api/v1/channels", Json(Webhook));
        var createdText = await created.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/api/v1/channels/ops", created.Headers.Location?.ToString());
        var body = JsonDocument.Parse(createdText).RootElement;
        Assert.Equal("ops", body.GetProperty("name").GetString());
        Assert.Equal("webhook", body.GetProperty("type").GetString());
        Assert.Equal("https://hooks.example/pledge", body.GetProperty("url").GetString());
        Assert.True(body.GetProperty("secretSet").GetBoolean());
        Assert.False(body.TryGetProperty("secret", out _));

        var read = await client.GetAsync("/api/v1/channels/OPS");
        var readText = await read.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("https://hooks.example/pledge", JsonDocument.Parse(readText).RootElement.GetProperty("url").GetString());

        var updated = await client.PutAsync("/api/v1/channels/ops", Json("""{"type": "webhook", "url": "https://hooks.example/v2"}"""));
        var updatedText = await updated.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal("https://hooks.example/v2", JsonDocument.Parse(updatedText).RootElement.GetProperty("url").GetString());
        var stored = await (await server.StoreAsync()).Channels.GetAsync("ops");
        Assert.Equal(NotificationKit.Secret, stored!.Secret);

        var email = await client.PostAsync("/api/v1/channels", Json("""{"name": "managers", "type": "email", "addresses": ["a@provider.example", "b@provider.example"]}"""));
        Assert.Equal(HttpStatusCode.Created, email.StatusCode);
        var list = await client.GetAsync("/api/v1/channels");
        var listText = await list.Content.ReadAsStringAsync();
        var channels = JsonDocument.Parse(listText).RootElement.GetProperty("channels");
        Assert.Equal(["managers", "ops"], channels.EnumerateArray().Select(c => c.GetProperty("name").GetString()));
        Assert.Equal(["a@provider.example", "b@provider.example"], channels[0].GetProperty("addresses").EnumerateArray().Select(a => a.GetString()));
        Assert.False(channels[0].GetProperty("secretSet").GetBoolean());

        foreach (var text in new[] { createdText, readText, updatedText, listText })
        {
            Assert.DoesNotContain(NotificationKit.Secret, text, StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync("/api/v1/channels/ops")).StatusCode);
        await AssertProblemAsync(await client.GetAsync("/api/v1/channels/ops"), HttpStatusCode.NotFound);
        await AssertProblemAsync(await client.DeleteAsync("/api/v1/channels/ops"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_new_secret_replaces_the_old_one_on_update()
    {
        var server = Start();
        await server.Client.PostAsync("/api/v1/channels", Json(Webhook));

        var response = await server.Client.PutAsync("/api/v1/channels/ops", Json("""{"name": "ops", "type": "webhook", "url": "https://hooks.example/pledge", "secret": "another-secret-of-length-20"}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("another-secret-of-length-20", (await (await server.StoreAsync()).Channels.GetAsync("ops"))!.Secret);
    }

    [Theory]
    [InlineData("""{"type": "webhook", "url": "https://h.example", "secret": "0123456789abcdef"}""", "name")]
    [InlineData("""{"name": "ops room", "type": "webhook", "url": "https://h.example", "secret": "0123456789abcdef"}""", "name")]
    [InlineData("""{"name": 7, "type": "webhook", "url": "https://h.example", "secret": "0123456789abcdef"}""", "name")]
    [InlineData("""{"name": "ops", "url": "https://h.example", "secret": "0123456789abcdef"}""", "type")]
    [InlineData("""{"name": "ops", "type": "pager"}""", "type")]
    [InlineData("""{"name": "ops", "type": "webhook", "secret": "0123456789abcdef"}""", "url")]
    [InlineData("""{"name": "ops", "type": "webhook", "url": "ftp://h.example", "secret": "0123456789abcdef"}""", "url")]
    [InlineData("""{"name": "ops", "type": "webhook", "url": "https://user:pw@h.example", "secret": "0123456789abcdef"}""", "url")]
    [InlineData("""{"name": "ops", "type": "webhook", "url": "/relative", "secret": "0123456789abcdef"}""", "url")]
    [InlineData("""{"name": "ops", "type": "webhook", "url": "https://h.example"}""", "secret")]
    [InlineData("""{"name": "ops", "type": "webhook", "url": "https://h.example", "secret": "short"}""", "secret")]
    [InlineData("""{"name": "ops", "type": "webhook", "url": "https://h.example", "secret": "0123456789abcdef", "addresses": ["a@b.example"]}""", "addresses")]
    [InlineData("""{"name": "ops", "type": "email"}""", "addresses")]
    [InlineData("""{"name": "ops", "type": "email", "addresses": []}""", "addresses")]
    [InlineData("""{"name": "ops", "type": "email", "addresses": "a@b.example"}""", "addresses")]
    [InlineData("""{"name": "ops", "type": "email", "addresses": ["a@b.example", "nobody"]}""", "addresses[1]")]
    [InlineData("""{"name": "ops", "type": "email", "addresses": ["a@b.example"], "url": "https://h.example"}""", "url")]
    [InlineData("""{"name": "ops", "type": "email", "addresses": ["a@b.example"], "colour": "red"}""", "colour")]
    [InlineData("""[1, 2]""", "body")]
    [InlineData("""{"name": "ops",""", "body")]
    public async Task An_invalid_channel_is_refused_naming_the_field_and_nothing_is_stored(string json, string field)
    {
        var server = Start();

        var problem = await AssertProblemAsync(await server.Client.PostAsync("/api/v1/channels", Json(json)), HttpStatusCode.BadRequest);

        Assert.Equal([field], ErrorFields(problem));
        Assert.Empty(await (await server.StoreAsync()).Channels.ListAsync());
    }

    [Fact]
    public async Task A_channel_name_is_taken_once()
    {
        var client = Start().Client;
        await client.PostAsync("/api/v1/channels", Json(Webhook));

        var problem = await AssertProblemAsync(await client.PostAsync("/api/v1/channels", Json(Webhook.Replace("\"Ops\"", "\"ops\"", StringComparison.Ordinal))), HttpStatusCode.Conflict);

        Assert.Equal(["name"], ErrorFields(problem));
    }

    [Fact]
    public async Task Updating_a_missing_channel_or_renaming_one_is_refused()
    {
        var client = Start().Client;
        await AssertProblemAsync(await client.PutAsync("/api/v1/channels/nobody", Json("""{"type": "email", "addresses": ["a@b.example"]}""")), HttpStatusCode.NotFound);
        await client.PostAsync("/api/v1/channels", Json(Webhook));

        var problem = await AssertProblemAsync(await client.PutAsync("/api/v1/channels/ops", Json("""{"name": "other", "type": "email", "addresses": ["a@b.example"]}""")), HttpStatusCode.BadRequest);

        Assert.Equal(["name"], ErrorFields(problem));
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_channels_and_notifications()
    {
        var response = await Start().Client.GetAsync("/openapi/v1.json");

        var paths = (await ReadJsonAsync(response)).GetProperty("paths");
        foreach (var (path, verbs) in new[]
        {
            ("/api/v1/channels", new[] { "get", "post" }),
            ("/api/v1/channels/{name}", new[] { "get", "put", "delete" }),
            ("/api/v1/notifications", new[] { "get" }),
            ("/api/v1/notifications/{id}", new[] { "get" }),
        })
        {
            foreach (var verb in verbs)
            {
                Assert.True(paths.GetProperty(path).TryGetProperty(verb, out _), $"{verb} {path}");
            }
        }
    }
}
