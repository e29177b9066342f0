using OpenLedger.Actors.Domain.Data;
using OpenLedger.Actors.Domain.Validation;

namespace OpenLedger.Actors.UnitTests;

public sealed class ValidationTests
{
    private static readonly FeatureSchema Schema = new(3, 4);

    [Theory]
    [InlineData(new[] { 1.0, 2.0 }, 0, "row.dimension")]
    [InlineData(new[] { 1.0, double.NaN, 2.0 }, 0, "row.not_finite")]
    [InlineData(new[] { 1.0, double.PositiveInfinity, 2.0 }, 0, "row.not_finite")]
    [InlineData(new[] { 1.0, 1e13, 2.0 }, 0, "row.out_of_range")]
    [InlineData(new[] { 1.0, 2.0, 3.0 }, 4, "row.label")]
    [InlineData(new[] { 1.0, 2.0, 3.0 }, -1, "row.label")]
    public void Bad_rows_get_a_stable_code(double[] features, int label, string code)
    {
        Assert.Equal(code, ContributionValidator.ValidateRow(Schema, features, label)?.Code);
    }

    [Fact]
    public void Good_rows_pass_and_hash_deterministically()
    {
        Assert.Null(ContributionValidator.ValidateRow(Schema, [1, 2, 3], 3));
        Assert.Equal(ContentHash.Compute([1, 2, 3], 3), ContentHash.Compute([1, 2, 3], 3));
        Assert.NotEqual(ContentHash.Compute([1, 2, 3], 3), ContentHash.Compute([1, 2, 3], 2));
        Assert.Equal(64, ContentHash.Compute([1], 0).Length);
    }

    [Fact]
    public void Schemas_and_submission_sizes_are_bounded()
    {
        Assert.Equal("schema.dimension", ContributionValidator.ValidateSchema(new FeatureSchema(0, 2))?.Code);
        Assert.Equal("schema.class_count", ContributionValidator.ValidateSchema(new FeatureSchema(2, 1))?.Code);
        Assert.Equal("submission.empty", ContributionValidator.ValidateSubmissionSize(0)?.Code);
        Assert.Equal("submission.too_large", ContributionValidator.ValidateSubmissionSize(ContributionValidator.MaxRowsPerSubmission + 1)?.Code);
    }

    [Fact]
    public void Csv_reader_names_the_line_of_a_bad_cell()
    {
        var error = Assert.Throws<FormatException>(() => CsvDatasetReader.Read(new StringReader("a,b,label\n1,2,0\n1,x,1\n")));
        Assert.Contains(":3:", error.Message);
        Assert.Throws<FormatException>(() => CsvDatasetReader.Read(new StringReader("a,b,target\n1,2,0\n")));
        var ok = CsvDatasetReader.Read(new StringReader("a,b,label\n1,2,0\n3,4,2\n"));
        Assert.Equal((2, 2, 3), (ok.RowCount, ok.Dimension, ok.ClassCount));
    }
}
