using NodaTime;
using Pledge.Cli.Calendars;
using Pledge.Cli.Remote;
using Pledge.Cli.Reports;
using Pledge.Cli.Repositories;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Pledge.Cli.Infrastructure;

/// <summary>The <c>pledge</c> command line: commands, their services, and how errors become exit codes.</summary>
internal static class PledgeApp
{
    /// <summary>Exit code for bad input (a file, a value) found while running.</summary>
    public const int InputError = 1;

    /// <summary>Exit code for a command line that does not parse.</summary>
    public const int UsageError = 2;

    /// <summary>Options that take a value. Spectre.Console.Cli fills a value-less one with an internal placeholder, so catch them first.</summary>
    private static readonly HashSet<string> ValueOptions =
        ["-c", "--calendar", "-s", "--start", "-m", "--minutes", "-f", "--from", "-t", "--to", "-r", "--repo", "--customer", "--service", "--priority", "--at", "--events", "-p", "--period", "-o", "--output", "--grace", "--trend", "--set", "--periods", "--target", "--attainment", "--server", "--api-key"];

    private static void RequireOptionValues(string[] args)
    {
        for (var i = 0; i < args.Length; i++)
        {
            // A following "-60" is a value (negative minutes); a following "--x" is the next option.
            if (ValueOptions.Contains(args[i]) && (i + 1 == args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal)))
            {
                throw new CliException($"{args[i]} needs a value", UsageError);
            }
        }
    }

    public static int Run(
        string[] args,
        IClock clock,
        TextWriter output,
        TextWriter error,
        Func<Stream> openInput,
        Func<Stream> openOutput)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.Detect,
            ColorSystem = ColorSystemSupport.Detect,
        });
        if (!ReferenceEquals(output, Console.Out) || Console.IsOutputRedirected)
        {
            // Tables written to a file or a pipe are read later or by scripts: do not wrap them at 80 columns.
            console.Profile.Width = 200;
        }

        var registrar = new TypeRegistrar();
        registrar.RegisterInstance(typeof(IClock), clock);
        registrar.RegisterInstance(typeof(IAnsiConsole), console);
        registrar.RegisterInstance(typeof(CliStreams), new CliStreams(output, error, openInput, openOutput));

        var app = new CommandApp(registrar);
        app.Configure(config =>
        {
            config.SetApplicationName("pledge");
            config.Settings.Console = console;
            config.PropagateExceptions();
            config.UseStrictParsing();
            config.AddCommand<ValidateCommand>("validate")
                .WithDescription("Check a service-level repository: every problem with file, line and field.")
                .WithExample("validate", "samples/beverage-supplier");
            config.AddCommand<ApplyCommand>("apply")
                .WithDescription("Validate a repository folder and send it to a Pledge server as the whole repository in one call; print what changed per file.")
                .WithExample("apply", "samples/beverage-supplier", "--server", "http://127.0.0.1:5080");
            config.AddCommand<ExportCommand>("export")
                .WithDescription("Write a Pledge server's repository into a folder, as pledge apply sends it.")
                .WithExample("export", "--server", "http://127.0.0.1:5080", "exported");
            config.AddCommand<ServiceReportCommand>("report")
                .WithDescription("Every target of every customer in a period: ticket clocks, availability, deliveries, satisfaction, compliance, custom series; budgets, burn rates, trends, actions, watermelon flags.")
                .WithExample("report", "--repo", "samples/beverage-supplier", "--events", "samples/beverage-supplier/events", "--period", "2026-11");
            config.AddCommand<WhatIfCommand>("whatif")
                .WithDescription("Attainment of the last periods under the current and a proposed target value.")
                .WithExample("whatif", "--repo", "samples/beverage-supplier", "--events", "samples/beverage-supplier/events", "--set", "acme-gold/resolution.P1=4h", "--at", "2026-12-01T00:00:00+01:00");
            config.AddCommand<SuggestCommand>("suggest")
                .WithDescription("The target value history would have met at a given attainment, for negotiating agreements.")
                .WithExample("suggest", "--repo", "samples/beverage-supplier", "--events", "samples/beverage-supplier/events", "--target", "acme-gold/resolution", "--priority", "P2", "--attainment", "95%");
            config.AddBranch("events", events =>
            {
                events.SetDescription("Ticket event files.");
                events.AddCommand<EventsCheckCommand>("check")
                    .WithDescription("Read a whole events file: how many events, over what time, which lines cannot be read.");
            });
            config.AddBranch("explain", explain =>
            {
                explain.SetDescription("Explain where a target comes from, or how a ticket's clocks ran.");
                explain.AddCommand<ExplainTargetCommand>("target")
                    .WithDescription("The targets in force for a customer, service and priority, where each comes from and what it overrides.")
                    .WithExample("explain", "target", "--repo", "samples/beverage-supplier", "--customer", "acme", "--service", "machine-support", "--priority", "P1", "--at", "2026-11-02T10:00:00+01:00");
                explain.AddCommand<ExplainTicketCommand>("ticket")
                    .WithDescription("A ticket's clocks: targets applied and why, starts, pauses, stops, closed time skipped, deadlines, warnings, verdicts.")
                    .WithExample("explain", "ticket", "T-1001", "--repo", "samples/beverage-supplier", "--events", "samples/beverage-supplier/events/tickets.jsonl");
            });
            config.AddBranch("calendar", calendar =>
            {
                calendar.SetDescription("Business calendars and business-time arithmetic.");
                calendar.AddCommand<DueCommand>("due")
                    .WithDescription("Print the instant a business duration after (or before) a start.")
                    .WithExample("calendar", "due", "--calendar", "samples/calendars/beverage-supplier.yaml", "--start", "2026-12-23T16:00:00+01:00", "--minutes", "240");
                calendar.AddCommand<ElapsedCommand>("elapsed")
                    .WithDescription("Print the business minutes between two instants (negative when --to is earlier).")
                    .WithExample("calendar", "elapsed", "--calendar", "samples/calendars/beverage-supplier.yaml", "--from", "2026-12-23T16:00:00+01:00", "--to", "2026-12-28T09:00:00+01:00");
                calendar.AddCommand<BatchCommand>("batch")
                    .WithDescription("Answer JSON lines ({\"op\":\"due\",…} / {\"op\":\"elapsed\",…}) from stdin, one JSON line out per line in.");
                calendar.AddCommand<CheckCommand>("check")
                    .WithDescription("Validate a calendar file and summarise it: zone, weekly hours, holidays and offset changes ahead.");
                calendar.AddCommand<ShowCommand>("show")
                    .WithDescription("List the business windows between two dates.");
            });
        });

        try
        {
            RequireOptionValues(args);
            return app.Run(args);
        }
        catch (CliException e)
        {
            error.WriteLine($"error: {e.Message}");
            return e.ExitCode;
        }
        catch (CommandParseException e)
        {
            error.WriteLine($"error: {e.Message}");
            return UsageError;
        }
        catch (CommandRuntimeException e)
        {
            error.WriteLine($"error: {e.Message}");
            return UsageError;
        }
    }
}
