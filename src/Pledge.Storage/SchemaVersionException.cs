using System.Globalization;

namespace Pledge.Storage;

/// <summary>
/// The database's schema is newer than this build of Pledge knows: a newer Pledge migrated it. Opening it anyway
/// could misread or damage data the older code does not understand, so the store refuses.
/// </summary>
public sealed class SchemaVersionException : InvalidOperationException
{
    public SchemaVersionException()
    {
    }

    public SchemaVersionException(string message)
        : base(message)
    {
    }

    public SchemaVersionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal SchemaVersionException(string location, int found, int known)
        : base(string.Create(
            CultureInfo.InvariantCulture,
            $"the database {location} has schema version {found}, but this Pledge knows versions up to {known}: a newer Pledge has migrated it. Run that version (or newer), or restore a backup taken before the upgrade."))
    {
        Found = found;
        Known = known;
    }

    /// <summary>The database's schema version.</summary>
    public int Found { get; }

    /// <summary>The newest version this build knows.</summary>
    public int Known { get; }
}
