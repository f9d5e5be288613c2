using NodaTime;
using Pledge.Agreements;
using Pledge.Measures;
using Pledge.Reports;
using Pledge.Server.Actions;
using Pledge.Server.Security;
using Pledge.Storage;
using Pledge.Tickets;

namespace Pledge.Server.Api;

/// <summary>
/// What every report and read of the API is built from, loaded from the store once per request: the repository,
/// the measure events, and the stored corrective actions as the Core action states the report understands
/// (merged with <c>action</c> events). Reports and reads then run the same Core code as <c>pledge report</c>.
/// </summary>
internal sealed class ReportInputs
{
    /// <summary>How long after a ticket is closed its late events are still taken (the CLI's default --grace).</summary>
    public static readonly Duration Grace = Duration.FromDays(7);

    private readonly CustomerView _view;

    private ReportInputs(CustomerView view, ServiceLevelRepository repository, MeasureEvents measures, IReadOnlyList<StoredAction> actions)
    {
        _view = view;
        Repository = repository;
        Measures = measures;
        Actions = actions;
    }

    /// <summary>The stored repository, as much of it as the caller may see (a customer contact: its own customer's part).</summary>
    public ServiceLevelRepository Repository { get; }

    /// <summary>Measure events, with the stored actions' states among their actions.</summary>
    public MeasureEvents Measures { get; }

    /// <summary>The stored actions.</summary>
    public IReadOnlyList<StoredAction> Actions { get; }

    /// <summary>Loads the inputs for the caller of <paramref name="context"/>; a 409 problem when no valid repository
    /// is stored. Customer isolation of every report and read lives here: a customer contact's inputs are its part of
    /// the repository and its tickets, and the finished report is filtered again (<see cref="CustomerView"/>).</summary>
    public static async Task<(ReportInputs? Inputs, IResult? Problem)> LoadAsync(PledgeStore store, HttpContext context, CancellationToken cancellationToken)
    {
        var (stored, problem) = await RepositoryAsync(store, cancellationToken);
        if (stored is null)
        {
            return (null, problem);
        }

        var view = new CustomerView(Caller.Of(context) ?? throw new InvalidOperationException("reports need an authenticated caller"));
        var repository = view.Repository(stored);

        var builder = new MeasureEvents.Builder();
        await foreach (var e in store.Events.ReadAsync(EventQuery.OfTypes([.. MeasureEventReader.Types]), cancellationToken))
        {
            // Stored events were read by the same reader when they came in, so each reads again.
            if (MeasureEventReader.ReadLine(e.Body, 1).Event is { } measure)
            {
                builder.Add(measure);
            }
        }

        var actions = await store.Actions.ListAsync(ActionQuery.All, cancellationToken);
        foreach (var state in ActionStates.Of(actions, await store.Actions.HistoryAsync(cancellationToken)))
        {
            builder.Add(state);
        }

        return (new ReportInputs(view, repository, builder.Build(), actions), null);
    }

    /// <summary>The stored repository, read and validated; a 409 problem when there is none or it is not valid.</summary>
    public static async Task<(ServiceLevelRepository? Repository, IResult? Problem)> RepositoryAsync(PledgeStore store, CancellationToken cancellationToken)
    {
        var files = await RepositoryDocuments.LoadAsync(store, cancellationToken);
        if (files.Count == 0)
        {
            return (null, TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "No repository",
                detail: "no service-level repository is stored yet: PUT /api/v1/repository first (or start the server with --demo)"));
        }

        var read = ServiceLevelRepositoryReader.Read(new InMemoryRepositorySource(files));
        return read.Repository is { } repository
            ? (repository, null)
            : (null, TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Invalid stored repository",
                detail: $"the stored repository is not valid: {read.Problems.First(p => !p.IsWarning)}"));
    }

    /// <summary>
    /// The ticket clocks of <paramref name="period"/>: ticket events stream from the database in time order through
    /// <see cref="TicketAssembler"/>, as the CLI streams a file. Synchronous (the report code is): run it on a pool thread.
    /// </summary>
    public AttainmentReport Tickets(PledgeStore store, ReportPeriod period, Instant asOf, TicketOutcomes? outcomes, CancellationToken cancellationToken)
    {
        var histories = _view.Tickets(new TicketAssembler(Grace).Assemble(TicketEvents(store, cancellationToken)));
        return AttainmentReport.Build(Repository, histories, period, asOf, outcomes);
    }

    /// <summary>The whole report of <paramref name="period"/>, as <c>pledge report</c> builds it. Synchronous: run it on a pool thread.</summary>
    public ServiceReport Report(PledgeStore store, ReportPeriod period, Instant asOf, int trendPeriods, CancellationToken cancellationToken)
    {
        var outcomes = new TicketOutcomes(Repository, period.LastPeriods(trendPeriods), asOf);
        var attainment = Tickets(store, period, asOf, outcomes, cancellationToken);
        return _view.Report(ServiceReport.Build(Repository, attainment, Measures, period, asOf, trendPeriods, outcomes: outcomes));
    }

    /// <summary>Stored ticket events in time order, read again by the reader that took them.</summary>
    public static IEnumerable<TicketEvent> TicketEvents(PledgeStore store, CancellationToken cancellationToken, string? ticket = null) =>
        store.Events.ReadAsync(new EventQuery { Types = [.. TicketEventNames.All], Subject = ticket }, cancellationToken)
            .ToBlockingEnumerable(cancellationToken)
            .Select(TicketEventOf)
            .OfType<TicketEvent>();

    private static TicketEvent? TicketEventOf(StoredEvent stored) =>
        TicketEventReader.ReadJsonLines(new StringReader(stored.Body)).FirstOrDefault().Event;
}
