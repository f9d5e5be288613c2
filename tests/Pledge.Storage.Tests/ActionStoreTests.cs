using System.Data.Common;
using NodaTime;
using Pledge.Actions;
using Pledge.Testing;

namespace Pledge.Storage.Tests;

/// <summary>Corrective actions in the store: opened once per key, changed by the rules, linked, and every change kept.</summary>
public abstract class ActionStoreTests<TDatabase> : StoreTest<TDatabase>
    where TDatabase : TestDatabase, new()
{
    private static readonly NewAction Seals = new("acme", "Stock spare seals", ActionOpener.Hand)
    {
        Agreement = "acme-gold",
        Target = "resolution",
        Service = "coffee",
        Owner = "machine-repair",
        Due = new LocalDate(2026, 3, 9),
        Links = [new ActionLink("acme-gold/resolution", "T-1", null), new ActionLink("acme-gold/resolution", "T-1", null)],
    };

    [Fact]
    public async Task An_opened_action_reads_back_with_its_links_and_history()
    {
        var store = await OpenAsync();

        var opened = await store.Actions.OpenAsync(Seals, "lea");

        Assert.True(opened.Opened);
        var action = await store.Actions.GetAsync(opened.Action.Id);
        Assert.Equal(opened.Action, action);
        Assert.StartsWith("CA-", action!.Id, StringComparison.Ordinal);
        Assert.Equal((ActionStatus.Open, "acme", new LocalDate(2026, 3, 9), 1, Ticks(Start)), (action.Status, action.Customer, action.Due, action.Version, action.CreatedAt));
        Assert.Equal<ActionLink>([new ActionLink("acme-gold/resolution", "T-1", null)], action.Links);
        var entry = Assert.Single(await store.Actions.HistoryAsync(action.Id));
        Assert.Equal(("opened", (ActionStatus?)null, ActionStatus.Open, "lea"), (entry.Change, entry.From, entry.To, entry.Actor));
        Assert.Null(await store.Actions.GetAsync("CA-999"));
        Assert.Null(await store.Actions.GetAsync("T-1"));
    }

    [Fact]
    public async Task Opening_with_a_key_already_taken_returns_the_first_action_even_when_concurrent()
    {
        var store = await OpenAsync();
        var keyed = Seals with { OpenKey = "breach:acme-gold/resolution:T-1:1", OpenedBy = ActionOpener.Policy };

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => store.Actions.OpenAsync(keyed, "policy")));

        Assert.Single(results, r => r.Opened);
        Assert.Single(results.Select(r => r.Action.Id).Distinct());
        Assert.Equal(1, await CountAsync(store, "actions"));
        Assert.Equal(1, await CountAsync(store, "action_history"));
        Assert.Equal(ActionOpener.Policy, results[0].Action.OpenedBy);
        Assert.True((await store.Actions.OpenAsync(Seals, "lea")).Opened);
    }

    [Fact]
    public async Task Status_changes_follow_the_rules_and_each_is_kept()
    {
        var store = await OpenAsync();
        var id = (await store.Actions.OpenAsync(Seals, "lea")).Action.Id;

        var skipped = await store.Actions.TransitionAsync(id, ActionStatus.Done, byManager: true, "lea");
        Time.Advance(TimeSpan.FromHours(1));
        var started = await store.Actions.TransitionAsync(id, ActionStatus.InProgress, byManager: false, "lea", "on it");
        var same = await store.Actions.TransitionAsync(id, ActionStatus.InProgress, byManager: false, "lea");

        Assert.Equal((false, true, ActionStatus.Open), (skipped.Changed, skipped.Refused, skipped.Action!.Status));
        Assert.Equal((true, false, ActionStatus.InProgress, 2, Ticks(Start.AddHours(1))), (started.Changed, started.Refused, started.Action!.Status, started.Action.Version, started.Action.UpdatedAt));
        Assert.Equal((false, false, 2), (same.Changed, same.Refused, same.Action!.Version));
        var history = await store.Actions.HistoryAsync(id);
        Assert.Equal([ActionStatus.Open, ActionStatus.InProgress], history.Select(h => h.To));
        Assert.Equal(("status", ActionStatus.InProgress, "on it"), (history[1].Change, history[1].To, history[1].Detail));
        Assert.Null((await store.Actions.TransitionAsync("CA-404", ActionStatus.Done, byManager: true, "lea")).Action);
    }

    [Fact]
    public async Task An_edit_that_changes_nothing_stores_nothing()
    {
        var store = await OpenAsync();
        var id = (await store.Actions.OpenAsync(Seals, "lea")).Action.Id;

        var same = await store.Actions.UpdateAsync(id, a => a with { Owner = "machine-repair" }, "lea");
        var changed = await store.Actions.UpdateAsync(id, a => a with { Owner = null, Outcome = "fixed", Due = new LocalDate(2026, 3, 12) }, "lea");

        Assert.Equal(1, same!.Version);
        Assert.Equal((2, null, "fixed", new LocalDate(2026, 3, 12)), (changed!.Version, changed.Owner, changed.Outcome, changed.Due));
        var history = await store.Actions.HistoryAsync(id);
        Assert.Equal(["opened", "updated"], history.Select(h => h.Change));
        Assert.Equal("owner, due, outcome", history[1].Detail);
        await Assert.ThrowsAsync<ArgumentException>(() => store.Actions.UpdateAsync(id, a => a with { Title = " " }, "lea"));
        Assert.Equal(2, (await store.Actions.GetAsync(id))!.Version);
    }

    [Fact]
    public async Task Links_are_added_once_each()
    {
        var store = await OpenAsync();
        var id = (await store.Actions.OpenAsync(Seals, "lea")).Action.Id;
        ActionLink[] links = [new("acme-gold/resolution", "T-1", null), new("acme-gold/availability", null, "2026-03"), new("acme-gold/resolution", "T-2", null)];

        var linked = await store.Actions.LinkAsync(id, links, "lea");
        var again = await store.Actions.LinkAsync(id, links, "lea");

        Assert.Equal(3, linked!.Links.Length);
        Assert.Equal(linked, again);
        Assert.Equal(3, await CountAsync(store, "action_links"));
        Assert.Throws<ArgumentException>(() => store.Actions.LinkAsync(id, [new ActionLink("acme-gold/resolution", "T-3", "2026-03")], "lea").GetAwaiter().GetResult());
    }

    [Fact]
    public async Task The_list_filters_by_status_customer_and_agreement()
    {
        var store = await OpenAsync();
        var a = (await store.Actions.OpenAsync(Seals, "lea")).Action.Id;
        var b = (await store.Actions.OpenAsync(new NewAction("globex", "Recalibrate", ActionOpener.Hand) { Agreement = "globex-drinks" }, "lea")).Action.Id;
        var c = (await store.Actions.OpenAsync(Seals with { Title = "Train the team" }, "lea")).Action.Id;
        await store.Actions.TransitionAsync(c, ActionStatus.InProgress, byManager: false, "lea");

        Assert.Equal([a, b, c], (await store.Actions.ListAsync()).Select(x => x.Id));
        Assert.Equal([a, c], (await store.Actions.ListAsync(new ActionQuery { Customer = "acme" })).Select(x => x.Id));
        Assert.Equal([b], (await store.Actions.ListAsync(new ActionQuery { Agreement = "globex-drinks" })).Select(x => x.Id));
        Assert.Equal([c], (await store.Actions.ListAsync(new ActionQuery { Statuses = [ActionStatus.InProgress, ActionStatus.Done], Customer = "acme" })).Select(x => x.Id));
        Assert.Equal<ActionLink>([new ActionLink("acme-gold/resolution", "T-1", null)], (await store.Actions.ListAsync(new ActionQuery { Customer = "acme" }))[1].Links);
    }

    [Fact]
    public async Task History_and_links_are_append_only()
    {
        var store = await OpenAsync();
        await store.Actions.OpenAsync(Seals, "lea");

        await Assert.ThrowsAnyAsync<DbException>(() => ExecuteAsync(store, "UPDATE action_history SET actor = 'mallory'"));
        await Assert.ThrowsAnyAsync<DbException>(() => ExecuteAsync(store, "DELETE FROM action_history"));
        await Assert.ThrowsAnyAsync<DbException>(() => ExecuteAsync(store, "DELETE FROM action_links"));
        Assert.Equal(1, await CountAsync(store, "action_history"));
    }

    [Fact]
    public async Task Text_the_databases_cannot_store_is_refused_and_nothing_is_stored()
    {
        var store = await OpenAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => store.Actions.OpenAsync(Seals with { Title = "bad\0title" }, "lea"));
        await Assert.ThrowsAsync<ArgumentException>(() => store.Actions.OpenAsync(Seals with { Customer = " " }, "lea"));
        await Assert.ThrowsAsync<ArgumentException>(() => store.Actions.OpenAsync(Seals with { Owner = "\ud83d" }, "lea"));

        Assert.Equal(0, await CountAsync(store, "actions"));
    }
}
