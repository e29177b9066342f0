namespace OpenLedger.Actors.Domain.Economics;

/// <summary>One part of a split fee: who receives how many micro-units, and why.</summary>
public readonly record struct FeeAllocation(string Account, long Amount, FeeRecipientRole Role);
