using OpenLedger.Actors.Cli.Cluster;
using OpenLedger.Actors.Cli.Output;

namespace OpenLedger.Actors.UnitTests;

/// <summary>The CLI's own parsing and table layout (the cluster commands are tested against a real silo in CliClusterTests).</summary>
public sealed class CliParsingTests
{
    [Theory]
    [InlineData("localhost:30000", "localhost", 30000)]
    [InlineData("silo-1.internal:40000", "silo-1.internal", 40000)]
    [InlineData("30001", "localhost", 30001)]
    [InlineData(":30002", "localhost", 30002)]
    [InlineData("[::1]:30003", "::1", 30003)]
    public void Gateways_parse_as_host_and_port(string value, string host, int port) =>
        Assert.Equal((host, port), ClusterConnection.ParseGateway(value));

    [Theory]
    [InlineData("localhost:0")]
    [InlineData("localhost:65536")]
    [InlineData("localhost:")]
    [InlineData("localhost:-1")]
    [InlineData("host:port")]
    public void Bad_gateways_are_refused(string value) =>
        Assert.Throws<FormatException>(() => ClusterConnection.ParseGateway(value));

    [Fact]
    public void Row_id_lists_expand_ranges_in_order()
    {
        Assert.True(DatanetApproveCommand.TryParseRowIds("1-3, 7,10-11", out var ids, out _));
        Assert.Equal([1L, 2, 3, 7, 10, 11], ids);
        Assert.True(DatanetApproveCommand.TryParseRowIds("9223372036854775806-9223372036854775807", out var edge, out _));
        Assert.Equal([long.MaxValue - 1, long.MaxValue], edge);
    }

    [Theory]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("5-2")]
    [InlineData("-3")]
    [InlineData("1-x")]
    [InlineData("1-2000000")]
    [InlineData("9223372036854775807-9223372036854775807,1-1000000")]
    public void Bad_row_id_lists_are_refused_with_a_reason(string spec)
    {
        Assert.False(DatanetApproveCommand.TryParseRowIds(spec, out _, out var problem));
        Assert.NotEmpty(problem);
    }

    [Fact]
    public void Tables_pad_columns_and_right_align_numbers()
    {
        var table = new TextTable("account", "balance").AlignRight("balance");
        table.Add("alice", "1,000");
        table.Add("bob-the-builder", "7");
        var writer = new StringWriter();
        table.WriteTo(writer);
        Assert.Equal(
            ["account          balance", "---------------  -------", "alice              1,000", "bob-the-builder        7"],
            writer.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
    }
}
