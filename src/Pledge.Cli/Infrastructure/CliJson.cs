using System.Text.Encodings.Web;
using System.Text.Json;

namespace Pledge.Cli.Infrastructure;

/// <summary>How the CLI writes JSON: readable characters (no \u escapes for '+' or accents), indented or not.</summary>
internal static class CliJson
{
    public static JsonSerializerOptions Indented { get; } = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static JsonSerializerOptions Lines { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
