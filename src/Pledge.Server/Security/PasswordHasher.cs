using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Konscious.Security.Cryptography;

namespace Pledge.Server.Security;

/// <summary>
/// Argon2id password hashes in the PHC string format (<c>$argon2id$v=19$m=19456,t=2,p=1$salt$hash</c>), so each hash
/// carries the parameters it was made with and the parameters can be raised later without breaking stored hashes.
/// </summary>
/// <remarks>
/// The default parameters are OWASP's minimum for Argon2id (19 MiB, 2 passes, 1 lane; Password Storage Cheat Sheet).
/// Verification recomputes with the stored parameters and compares in constant time. Thread-safe.
/// </remarks>
internal sealed class PasswordHasher
{
    private const int SaltBytes = 16;
    private const int HashBytes = 32;
    private const string Prefix = "$argon2id$v=19$";

    // Refused when reading a stored hash: a corrupt or hostile row must not make a login use gigabytes or hours.
    private const int MaxMemoryKib = 1024 * 1024;
    private const int MaxIterations = 64;
    private const int MaxLanes = 16;

    /// <summary>The shortest password accepted.</summary>
    public const int MinPasswordLength = 12;

    /// <summary>The longest password accepted (hashing cost grows with it).</summary>
    public const int MaxPasswordLength = 1024;

    private readonly string _decoy;

    /// <summary>A hasher with <paramref name="memoryKib"/> KiB, <paramref name="iterations"/> passes and <paramref name="lanes"/> lanes.</summary>
    public PasswordHasher(int memoryKib = 19 * 1024, int iterations = 2, int lanes = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(memoryKib, 8 * lanes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(memoryKib, MaxMemoryKib);
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(iterations, MaxIterations);
        ArgumentOutOfRangeException.ThrowIfLessThan(lanes, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(lanes, MaxLanes);
        MemoryKib = memoryKib;
        Iterations = iterations;
        Lanes = lanes;
        // Random bytes in place of a hash: verifying against it costs what a real verification costs, and always fails.
        _decoy = string.Create(CultureInfo.InvariantCulture,
            $"{Prefix}m={MemoryKib},t={Iterations},p={Lanes}${Encode(RandomNumberGenerator.GetBytes(SaltBytes))}${Encode(RandomNumberGenerator.GetBytes(HashBytes))}");
    }

    public int MemoryKib { get; }

    public int Iterations { get; }

    public int Lanes { get; }

    /// <summary>A new hash of <paramref name="password"/> with a fresh random salt and this hasher's parameters.</summary>
    public string Hash(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Compute(password, salt, MemoryKib, Iterations, Lanes);
        return string.Create(CultureInfo.InvariantCulture,
            $"{Prefix}m={MemoryKib},t={Iterations},p={Lanes}${Encode(salt)}${Encode(hash)}");
    }

    /// <summary>Whether <paramref name="password"/> is the one <paramref name="stored"/> was made from; false for a
    /// hash that cannot be read. With a null <paramref name="stored"/> (an unknown user, a user without a password)
    /// the same work is done against a decoy hash, so the time taken does not tell which case it was.</summary>
    public bool Verify(string password, string? stored)
    {
        ArgumentNullException.ThrowIfNull(password);
        var readable = stored is not null && TryParse(stored, out _, out _, out _, out _, out _);
        if (!TryParse(readable ? stored! : _decoy, out var memory, out var iterations, out var lanes, out var salt, out var expected))
        {
            throw new InvalidOperationException("the decoy hash cannot be read");
        }

        var same = CryptographicOperations.FixedTimeEquals(Compute(password, salt, memory, iterations, lanes), expected);
        return readable && same;
    }

    /// <summary>Whether <paramref name="stored"/> was made with weaker parameters than this hasher's (rehash it at the next login).</summary>
    public bool NeedsRehash(string stored) =>
        !TryParse(stored, out var memory, out var iterations, out var lanes, out _, out _)
        || memory < MemoryKib || iterations < Iterations || lanes < Lanes;

    private static byte[] Compute(string password, byte[] salt, int memoryKib, int iterations, int lanes)
    {
        var bytes = Encoding.UTF8.GetBytes(password);
        try
        {
            using var argon = new Argon2id(bytes) { Salt = salt, MemorySize = memoryKib, Iterations = iterations, DegreeOfParallelism = lanes };
            return argon.GetBytes(HashBytes);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    private static bool TryParse(string stored, out int memoryKib, out int iterations, out int lanes, out byte[] salt, out byte[] hash)
    {
        memoryKib = iterations = lanes = 0;
        salt = hash = [];
        if (!stored.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var parts = stored[Prefix.Length..].Split('$');
        if (parts.Length != 3)
        {
            return false;
        }

        foreach (var pair in parts[0].Split(','))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0 || !int.TryParse(pair.AsSpan(equals + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                return false;
            }

            switch (pair[..equals])
            {
                case "m": memoryKib = value; break;
                case "t": iterations = value; break;
                case "p": lanes = value; break;
                default: return false;
            }
        }

        if (lanes is < 1 or > MaxLanes || iterations is < 1 or > MaxIterations || memoryKib < 8 * lanes || memoryKib > MaxMemoryKib)
        {
            return false;
        }

        try
        {
            salt = Decode(parts[1]);
            hash = Decode(parts[2]);
        }
        catch (FormatException)
        {
            return false;
        }

        return salt.Length >= 8 && hash.Length >= 16;
    }

    // PHC strings use standard base64 without padding.
    private static string Encode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=');

    private static byte[] Decode(string text) => Convert.FromBase64String(text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '='));
}
