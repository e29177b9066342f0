namespace OpenLedger.Actors.Domain.Validation;

/// <summary>
/// Checks rows offered to a Datanet: the schema is sane, each row has the schema's dimension, every
/// value is finite and within a sane magnitude, the label is in range, and a submission is not too large.
/// </summary>
public static class ContributionValidator
{
    public const int MaxRowsPerSubmission = 5_000;
    public const double MaxAbsoluteValue = 1e12;

    public static ValidationProblem? ValidateSchema(FeatureSchema schema)
    {
        if (schema.Dimension < 1 || schema.Dimension > FeatureSchema.MaxDimension)
            return new("schema.dimension", $"The feature dimension must be between 1 and {FeatureSchema.MaxDimension}; got {schema.Dimension}.");
        if (schema.ClassCount < 2 || schema.ClassCount > FeatureSchema.MaxClassCount)
            return new("schema.class_count", $"The class count must be between 2 and {FeatureSchema.MaxClassCount}; got {schema.ClassCount}.");
        return null;
    }

    public static ValidationProblem? ValidateSubmissionSize(int rowCount)
    {
        if (rowCount < 1) return new("submission.empty", "A submission needs at least one row.");
        if (rowCount > MaxRowsPerSubmission)
            return new("submission.too_large", $"A submission holds at most {MaxRowsPerSubmission} rows; got {rowCount}.");
        return null;
    }

    /// <summary>Validates one labelled row; <paramref name="rowIndex"/> only names the row in the message.</summary>
    public static ValidationProblem? ValidateRow(FeatureSchema schema, IReadOnlyList<double>? features, int label, int rowIndex = 0)
    {
        if (features is null) return new("row.features_missing", $"Row {rowIndex}: features are missing.");
        if (features.Count != schema.Dimension)
            return new("row.dimension", $"Row {rowIndex}: expected {schema.Dimension} features, got {features.Count}.");
        for (var k = 0; k < features.Count; k++)
        {
            var v = features[k];
            if (!double.IsFinite(v)) return new("row.not_finite", $"Row {rowIndex}: feature {k} is {v}; every value must be a finite number.");
            if (Math.Abs(v) > MaxAbsoluteValue) return new("row.out_of_range", $"Row {rowIndex}: feature {k} = {v} exceeds ±{MaxAbsoluteValue:E0}.");
        }
        return ValidateLabel(schema, label, rowIndex);
    }

    public static ValidationProblem? ValidateLabel(FeatureSchema schema, int label, int rowIndex = 0) =>
        label < 0 || label >= schema.ClassCount
            ? new("row.label", $"Row {rowIndex}: label {label} is outside [0, {schema.ClassCount}).")
            : null;

    /// <summary>Validates a query's features (no label needed).</summary>
    public static ValidationProblem? ValidateQuery(int dimension, IReadOnlyList<double>? features)
    {
        if (features is null) return new("query.features_missing", "Query features are missing.");
        if (features.Count != dimension) return new("query.dimension", $"Expected {dimension} features, got {features.Count}.");
        for (var k = 0; k < features.Count; k++)
        {
            if (!double.IsFinite(features[k])) return new("query.not_finite", $"Feature {k} is {features[k]}; every value must be a finite number.");
            if (Math.Abs(features[k]) > MaxAbsoluteValue) return new("query.out_of_range", $"Feature {k} = {features[k]} exceeds ±{MaxAbsoluteValue:E0}.");
        }
        return null;
    }
}
