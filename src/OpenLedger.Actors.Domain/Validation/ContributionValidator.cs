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
    public static ValidationProblem? ValidateRow(FeatureSchema schema, IReadOnlyList<double>? features, int label, int rowIndex = 0) =>
        ValidateFeatures("row", $"Row {rowIndex}: ", schema.Dimension, features) ?? ValidateLabel(schema, label, rowIndex);

    public static ValidationProblem? ValidateLabel(FeatureSchema schema, int label, int rowIndex = 0) =>
        label < 0 || label >= schema.ClassCount
            ? new("row.label", $"Row {rowIndex}: label {label} is outside [0, {schema.ClassCount}).")
            : null;

    /// <summary>Validates a query's features (no label needed).</summary>
    public static ValidationProblem? ValidateQuery(int dimension, IReadOnlyList<double>? features) =>
        ValidateFeatures("query", "", dimension, features);

    /// <summary>Present, of the right dimension, finite and within ±<see cref="MaxAbsoluteValue"/>; codes are <c>{codePrefix}.…</c>.</summary>
    private static ValidationProblem? ValidateFeatures(string codePrefix, string messagePrefix, int dimension, IReadOnlyList<double>? features)
    {
        if (features is null) return new($"{codePrefix}.features_missing", $"{messagePrefix}features are missing.");
        if (features.Count != dimension) return new($"{codePrefix}.dimension", $"{messagePrefix}expected {dimension} features, got {features.Count}.");
        for (var k = 0; k < features.Count; k++)
        {
            var v = features[k];
            if (!double.IsFinite(v)) return new($"{codePrefix}.not_finite", $"{messagePrefix}feature {k} is {v}; every value must be a finite number.");
            if (Math.Abs(v) > MaxAbsoluteValue) return new($"{codePrefix}.out_of_range", $"{messagePrefix}feature {k} = {v} exceeds ±{MaxAbsoluteValue:E0}.");
        }
        return null;
    }
}
