namespace OpenLedger.Actors.Domain.Validation;

/// <summary>Why an input was refused: a stable machine-readable code and a message for people.</summary>
public sealed record ValidationProblem(string Code, string Message);
