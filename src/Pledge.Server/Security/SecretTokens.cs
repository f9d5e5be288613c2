using System.Security.Cryptography;
using System.Text;

namespace Pledge.Server.Security;

/// <summary>
/// The bearer secrets the server hands out, and the one-way form it stores them in. Both are long random secrets
/// (256 bits), so a plain SHA-256 is the right hash: no password-style stretching is needed to resist guessing,
/// and a lookup by hash costs one index probe.
/// </summary>
internal static class SecretTokens
{
    /// <summary>What every API key the server makes starts with (a key set by <c>admin-key</c> may be any text).</summary>
    public const string KeyPrefix = "pk_";

    /// <summary>What every session token starts with: the authenticator looks these up among sessions.</summary>
    public const string SessionPrefix = "ps_";

    /// <summary>The shortest API key accepted from configuration (<c>admin-key</c>).</summary>
    public const int MinConfiguredKeyLength = 32;

    /// <summary>A new API key: its visible id (<c>pk_1a2b3c4d5e6f</c>) and the whole key (<c>pk_1a2b3c4d5e6f_…</c>), whose
    /// beginning is the id so a key seen in a config file can be found in the key list.</summary>
    public static (string Id, string Key) NewApiKey()
    {
        var id = KeyPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        return (id, id + "_" + Random256());
    }

    /// <summary>A new session token.</summary>
    public static string NewSessionToken() => SessionPrefix + Random256();

    /// <summary>The SHA-256 of <paramref name="secret"/> (UTF-8), lower-case hex: what is stored and looked up.</summary>
    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string Random256() => Base64Url(RandomNumberGenerator.GetBytes(32));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
