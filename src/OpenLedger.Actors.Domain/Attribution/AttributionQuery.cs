namespace OpenLedger.Actors.Domain.Attribution;

/// <summary>One query to attribute: raw features and, when known, the label its loss is taken against.</summary>
public sealed record AttributionQuery(double[] Features, int? Label);
