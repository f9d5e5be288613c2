using NodaTime;
using Pledge.Cli.Infrastructure;

// The composition root: the only place that reads the real clock and the real console.
#pragma warning disable RS0030 // The wall clock is injected from here and nowhere else.
return PledgeApp.Run(args, SystemClock.Instance, Console.Out, Console.Error, Console.OpenStandardInput, Console.OpenStandardOutput);
#pragma warning restore RS0030
