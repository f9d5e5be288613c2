namespace Pledge.Server;

/// <summary>The server's settings: command-line options, <c>PLEDGE_*</c> environment variables, or configuration.</summary>
internal static class ServerOptions
{
    /// <summary>Environment variables with this prefix are settings: <c>PLEDGE_DATABASE</c>, <c>PLEDGE_URLS</c>.</summary>
    public const string EnvironmentPrefix = "PLEDGE_";

    /// <summary>Where the server listens (<c>--urls</c>, <c>PLEDGE_URLS</c>), separated by <c>;</c>.</summary>
    public const string UrlsKey = "urls";

    /// <summary>The database (<c>--database</c>, <c>PLEDGE_DATABASE</c>): a SQLite path or a connection string.</summary>
    public const string DatabaseKey = "database";

    /// <summary>Whether to load the beverage-supplier sample into an empty database (<c>--demo</c>).</summary>
    public const string DemoKey = "demo";

    /// <summary>Where the sample is (<c>--demo-dir</c>); by default found above the content root.</summary>
    public const string DemoDirectoryKey = "demo-dir";

    /// <summary>How the server logs (<c>--log-format</c>): <c>text</c> for people (default) or <c>json</c>, one object per
    /// line with its fields, for log collectors.</summary>
    public const string LogFormatKey = "log-format";

    /// <summary>How long a stop waits for requests in flight and background work (<c>--shutdown-timeout</c>, seconds).</summary>
    public const string ShutdownTimeoutKey = "shutdown-timeout";

    /// <summary>The default wait on stop: long enough for a batch of 10,000 events to be stored.</summary>
    public static readonly TimeSpan DefaultShutdownTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Loopback only by default: exposing the server is a decision the operator makes with <c>--urls</c>.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>The default database: a SQLite file in the working folder.</summary>
    public const string DefaultDatabase = "pledge.db";

    /// <summary>
    /// Turns the switch <c>--demo</c> into <c>--demo=true</c>: the configuration's command-line reader would
    /// otherwise take the next argument as its value.
    /// </summary>
    public static string[] NormalizeArguments(string[] args) =>
        [.. args.Select(a => string.Equals(a, "--demo", StringComparison.Ordinal) ? "--demo=true" : a)];

    /// <summary>
    /// The arguments the host is built with: <paramref name="args"/> normalised, after an instruction not to watch the
    /// configuration files for changes (the command line can still turn it back on).
    /// </summary>
    /// <remarks>
    /// The watcher watches the whole content root, which is the working folder, and the SQLite database lives there
    /// by default: every write to the database or its log woke it. Under a stream of event batches that cost about a
    /// tenth of the server's CPU, for a reload nobody relies on (settings take effect at start-up).
    /// </remarks>
    public static string[] HostArguments(string[] args) => ["--hostBuilder:reloadConfigOnChange=false", .. NormalizeArguments(args)];
}
