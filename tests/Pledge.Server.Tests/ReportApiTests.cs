using System.Net;
using NodaTime;
using Pledge.Testing;

namespace Pledge.Server.Tests;

/// <summary><c>GET /api/v1/report</c>: the CLI's report from stored data, in each format, and its parameter errors.</summary>
public abstract class ReportApiTests<TDatabase> : ServerTest<TDatabase> where TDatabase : TestDatabase, new()
{
    private const string At = "2026-11-30T18:00:00%2B01:00";

    [Fact]
    public async Task The_sample_posted_in_reverse_order_in_batches_gives_the_report_of_the_files()
    {
        var server = Start();
        await PutSampleRepositoryAsync(server.Client);
        var lines = Sample.EventLines();
        lines.Reverse();

        var distinct = Sample.DistinctEventIds();
        Assert.Equal((distinct, lines.Count - distinct), await PostEventsAsync(server.Client, lines, batchSize: 3_000));
        Assert.Equal((0, lines.Count), await PostEventsAsync(server.Client, lines));

        var response = await server.Client.GetAsync($"/api/v1/report?period=2026-11&at={At}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Sample.ExpectedJsonReport("2026-11", Instant.FromUtc(2026, 11, 30, 17, 0)), await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("json", "application/json", "\"period\": \"2026-11\"")]
    [InlineData("csv", "text/csv", "customer")]
    [InlineData("markdown", "text/markdown", "# ")]
    [InlineData("html", "text/html", "<!DOCTYPE html>")]
    public async Task Each_format_has_its_content_type(string format, string contentType, string expected)
    {
        var server = Start(demo: true, demoDirectory: Sample.Folder);

        var response = await server.Client.GetAsync($"/api/v1/report?period=2026-11&at={At}&format={format}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, ContentType(response)?.MediaType);
        Assert.Equal("utf-8", ContentType(response)?.CharSet);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("period=2026-13", "period")]
    [InlineData("at=2026-11-30", "period")]
    [InlineData("period=2026-11&at=yesterday", "at")]
    [InlineData("period=2026-11&format=pdf", "format")]
    [InlineData("period=2026-11&trend=0", "trend")]
    public async Task A_bad_parameter_is_a_bad_request_naming_it(string query, string parameter)
    {
        var server = Start(demo: true, demoDirectory: Sample.Folder);

        var problem = await AssertProblemAsync(await server.Client.GetAsync($"/api/v1/report?{query}"), HttpStatusCode.BadRequest);

        Assert.Equal([parameter], ErrorFields(problem));
    }

    [Fact]
    public async Task Without_a_repository_the_report_is_a_conflict_saying_what_to_do()
    {
        var server = Start();

        var problem = await AssertProblemAsync(await server.Client.GetAsync("/api/v1/report?period=2026-11"), HttpStatusCode.Conflict);

        Assert.Contains("PUT /api/v1/repository", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
