using System.Data.Common;
using Pledge.Testing;

namespace Pledge.Storage.Tests;

/// <summary>Alerts: each id recorded once, what goes with a new alert committed in its transaction, reads by filter and page.</summary>
public abstract class AlertStoreTests<TDatabase> : StoreTest<TDatabase>
    where TDatabase : TestDatabase, new()
{
    [Fact]
    public async Task An_alert_is_recorded_once_however_often_it_is_raised()
    {
        var store = await OpenAsync();
        var first = await store.Alerts.RecordAsync([Alert("T-1|sla/resolution|1|75%"), Alert("T-1|sla/resolution|1|breach", AlertKinds.Breach)]);
        var again = await store.Alerts.RecordAsync([Alert("T-1|sla/resolution|1|75%", firedAt: "2026-03-02T12:00:00Z"), Alert("T-2|sla/resolution|1|75%"), Alert("T-2|sla/resolution|1|75%")]);

        Assert.Equal(["T-1|sla/resolution|1|75%", "T-1|sla/resolution|1|breach"], first.Select(a => a.Id));
        Assert.Equal(["T-2|sla/resolution|1|75%"], again.Select(a => a.Id));
        var all = await store.Alerts.ReadAsync(new AlertQuery());
        Assert.Equal(3, all.Count);
        Assert.Equal(At("2026-03-02T10:00:00Z"), all.Single(a => a.Id == "T-1|sla/resolution|1|75%").FiredAt);
        Assert.Equal(first[0], all.Single(a => a.Id == first[0].Id));
        Assert.Equal(new Dictionary<string, long> { [AlertKinds.Warning] = 2, [AlertKinds.Breach] = 1 }, await store.Alerts.CountByKindAsync());
    }

    [Fact]
    public async Task What_goes_alongside_runs_in_the_transaction_only_for_new_alerts_and_a_failure_records_nothing()
    {
        var store = await OpenAsync();
        var seen = new List<string>();
        Task Audit(DbConnection connection, DbTransaction transaction, AlertRecord alert, CancellationToken cancellationToken)
        {
            seen.Add(alert.Id);
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "INSERT INTO audit (at, actor, action, target) VALUES (0, 'monitor', 'notify', @target)";
            var target = command.CreateParameter();
            target.ParameterName = "@target";
            target.Value = alert.Id;
            command.Parameters.Add(target);
            return command.ExecuteNonQueryAsync(cancellationToken);
        }

        await store.Alerts.RecordAsync([Alert("a")], Audit);
        await store.Alerts.RecordAsync([Alert("a"), Alert("b")], Audit);
        Assert.Equal(["a", "b"], seen);

        await Assert.ThrowsAsync<InvalidOperationException>(() => store.Alerts.RecordAsync(
            [Alert("c"), Alert("d")],
            async (connection, transaction, alert, cancellationToken) =>
            {
                await Audit(connection, transaction, alert, cancellationToken);
                if (alert.Id == "d")
                {
                    throw new InvalidOperationException("the outbox refuses");
                }
            }));

        Assert.Equal(["a", "b"], (await store.Alerts.ReadAsync(new AlertQuery())).Select(a => a.Id));
        var audited = new List<string>();
        await foreach (var entry in store.Audit.ReadAsync())
        {
            audited.Add(entry.Target);
        }

        Assert.Equal(["a", "b"], audited);
    }

    [Fact]
    public async Task Alerts_are_read_by_kind_customer_agreement_ticket_and_since_a_page_at_a_time()
    {
        var store = await OpenAsync();
        await store.Alerts.RecordAsync(
        [
            Alert("1", customer: "acme", ticket: "T-1", firedAt: "2026-03-02T10:00:00Z"),
            Alert("2", AlertKinds.Breach, customer: "acme", ticket: "T-1", firedAt: "2026-03-02T11:00:00Z"),
            Alert("3", customer: "globex", agreement: "globex-sla", ticket: "T-2", firedAt: "2026-03-02T12:00:00Z"),
            Alert("4", AlertKinds.Budget, customer: "globex", agreement: "globex-sla", ticket: null, firedAt: "2026-03-02T13:00:00Z"),
        ]);

        async Task<List<string>> Ids(AlertQuery query) => [.. (await store.Alerts.ReadAsync(query)).Select(a => a.Id)];
        Assert.Equal(["2"], await Ids(new AlertQuery { Kind = AlertKinds.Breach }));
        Assert.Equal(["3", "4"], await Ids(new AlertQuery { Customer = "globex" }));
        Assert.Equal(["1", "2"], await Ids(new AlertQuery { Customers = ["acme", "initech"] }));
        Assert.Empty(await Ids(new AlertQuery { Customers = [] }));
        Assert.Equal(["3", "4"], await Ids(new AlertQuery { Agreement = "globex-sla" }));
        Assert.Equal(["1", "2"], await Ids(new AlertQuery { Ticket = "T-1" }));
        Assert.Equal(["3", "4"], await Ids(new AlertQuery { Since = At("2026-03-02T12:00:00Z") }));

        var page = await store.Alerts.ReadAsync(new AlertQuery { Limit = 3 });
        Assert.Equal(["1", "2", "3"], page.Select(a => a.Id));
        Assert.Equal(["4"], await Ids(new AlertQuery { Limit = 3, After = page[^1].Sequence }));
        Assert.Null((await store.Alerts.ReadAsync(new AlertQuery { Kind = AlertKinds.Budget }))[0].Ticket);
    }

    [Fact]
    public async Task A_bad_alert_is_refused_naming_it_and_nothing_is_recorded()
    {
        var store = await OpenAsync();
        var refused = await Assert.ThrowsAsync<ArgumentException>(() => store.Alerts.RecordAsync([Alert("ok"), Alert("bad", kind: "page")]));
        Assert.StartsWith("alerts[1].kind \"page\" is not one of warning, breach, budget", refused.Message, StringComparison.Ordinal);
        var empty = await Assert.ThrowsAsync<ArgumentException>(() => store.Alerts.RecordAsync([Alert(" ")]));
        Assert.StartsWith("alerts[0].id is empty", empty.Message, StringComparison.Ordinal);
        Assert.Empty(await store.Alerts.ReadAsync(new AlertQuery()));
    }

    [Fact]
    public async Task Alerts_cannot_be_changed_or_deleted()
    {
        var store = await OpenAsync();
        await store.Alerts.RecordAsync([Alert("a")]);
        await using var connection = await store.OpenConnectionAsync();
        foreach (var sql in new[] { "UPDATE alerts SET text = 'x'", "DELETE FROM alerts" })
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            var refused = await Assert.ThrowsAnyAsync<DbException>(() => command.ExecuteNonQueryAsync());
            Assert.Contains("alerts is append-only", refused.Message, StringComparison.Ordinal);
        }
    }

    private static AlertRecord Alert(
        string id, string kind = AlertKinds.Warning, string customer = "acme", string agreement = "acme-gold", string? ticket = "T-1", string firedAt = "2026-03-02T10:00:00Z") =>
        new(id, kind, At("2026-03-02T10:00:00Z"), At(firedAt), agreement, "resolution", customer, "coffee", ticket is null ? null : "P2", ticket, "75%", $"alert {id}");
}
