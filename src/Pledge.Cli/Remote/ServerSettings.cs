using System.ComponentModel;
using Spectre.Console.Cli;

namespace Pledge.Cli.Remote;

/// <summary>The options of commands that talk to a Pledge server.</summary>
internal class ServerSettings : CommandSettings
{
    /// <summary>The environment variable read for the API key when <c>--api-key</c> is not given.</summary>
    public const string ApiKeyVariable = "PLEDGE_API_KEY";

    [CommandOption("--server <URL>")]
    [Description("The Pledge server, such as http://127.0.0.1:5080.")]
    public string? Server { get; init; }

    [CommandOption("--api-key <KEY>")]
    [Description("The API key, sent as Authorization: Bearer KEY (default: the PLEDGE_API_KEY environment variable).")]
    public string? ApiKey { get; init; }
}
