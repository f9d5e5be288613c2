using System.Collections.Immutable;

namespace Pledge.Agreements;

/// <summary>A service of the catalogue (Tea, Coffee, Machine support) with its offerings.</summary>
public sealed record CatalogueService(string Id, string Name, ImmutableArray<Offering> Offerings);

/// <summary>A package of a service for a kind of customer.</summary>
public sealed record Offering(string Id, string Name);
