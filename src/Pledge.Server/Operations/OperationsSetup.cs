using System.Globalization;
using Microsoft.AspNetCore.HttpLogging;

namespace Pledge.Server.Operations;

/// <summary>Logs, metrics and the graceful stop, set up from the server's options.</summary>
internal static class OperationsSetup
{
    /// <summary>Registers logging in the chosen format, one log line per request, the metrics and the stop timeout.</summary>
    /// <exception cref="InvalidOperationException">An option has a value the server does not know.</exception>
    public static WebApplicationBuilder AddOperations(this WebApplicationBuilder builder)
    {
        var format = builder.Configuration[ServerOptions.LogFormatKey]?.Trim().ToLowerInvariant();
        switch (format)
        {
            case null or "" or "text":
                break;
            case "json":
                builder.Logging.ClearProviders();
                builder.Logging.AddJsonConsole(options =>
                {
                    options.IncludeScopes = true;
                    options.UseUtcTimestamp = true;
                    options.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fffZ";
                });
                break;
            default:
                throw new InvalidOperationException($"--{ServerOptions.LogFormatKey} is \"{format}\": it is text or json");
        }

        // ASP.NET Core's own "Request starting" lines print the whole URL with its query string; the request log
        // below replaces them.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);

        // One line per request with its method, path, status and duration. Headers, query strings and bodies are
        // never logged: they are where API keys, session tokens and passwords travel.
        builder.Services.AddHttpLogging(options =>
        {
            options.LoggingFields = HttpLoggingFields.RequestMethod | HttpLoggingFields.RequestPath
                | HttpLoggingFields.ResponseStatusCode | HttpLoggingFields.Duration;
            options.CombineLogs = true;
        });

        builder.Services.AddSingleton<ServerMetrics>();
        builder.Services.AddSingleton<PrometheusExporter>();

        var timeout = ServerOptions.DefaultShutdownTimeout;
        if (builder.Configuration[ServerOptions.ShutdownTimeoutKey] is { Length: > 0 } seconds)
        {
            if (!double.TryParse(seconds, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < 0 || value > 3600)
            {
                throw new InvalidOperationException($"--{ServerOptions.ShutdownTimeoutKey} is \"{seconds}\": it is a number of seconds from 0 to 3600");
            }

            timeout = TimeSpan.FromSeconds(value);
        }

        // On SIGTERM or Ctrl+C the server stops taking connections, lets requests in flight finish and background
        // services end their work, for at most this long, then closes the database.
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = timeout);
        return builder;
    }

    /// <summary>The request log and <c>/metrics</c>.</summary>
    public static WebApplication UseOperations(this WebApplication app)
    {
        app.UseHttpLogging();
        // Created now, not at the first scrape, so that it listens from the first request on.
        _ = app.Services.GetRequiredService<PrometheusExporter>();
        app.MapMetrics();
        return app;
    }
}
