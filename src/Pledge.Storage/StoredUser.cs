using NodaTime;

namespace Pledge.Storage;

/// <summary>A person or system that calls the server.</summary>
/// <param name="Name">The login name, lower case: the key.</param>
/// <param name="DisplayName">The name shown to people.</param>
/// <param name="Email">Where to reach them, if known.</param>
/// <param name="Role">The role's name (<c>admin</c>, <c>service-level-manager</c>, <c>agent</c>, <c>customer-contact</c>);
/// the server gives it meaning.</param>
/// <param name="Customer">The customer a customer contact belongs to; null for the provider's own people.</param>
/// <param name="PasswordHash">The password hash with its algorithm and parameters, or null when the user cannot log in
/// with a password (API keys only).</param>
/// <param name="Disabled">Whether every credential of the user is refused.</param>
/// <param name="CreatedAt">When the user was created.</param>
/// <param name="UpdatedAt">When it last changed.</param>
public sealed record StoredUser(
    string Name,
    string DisplayName,
    string? Email,
    string Role,
    string? Customer,
    string? PasswordHash,
    bool Disabled,
    Instant CreatedAt,
    Instant UpdatedAt);
