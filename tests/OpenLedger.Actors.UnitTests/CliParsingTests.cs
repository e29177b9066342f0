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
    public void Redirected_tables_are_plain_Markdown_with_numbers_right_aligned_and_markup_shown_as_text()
    {
        var table = CliTable.Create(["account", "balance"], "balance");
        table.Add("alice", "1,000");
        table.Add("[bob]", 7);
        var writer = new StringWriter();
        new CliConsole(writer, new StringWriter(), json: false).Write(table);
        Assert.Equal(
            ["| account | balance |", "| ------- | ------: |", "| alice   |   1,000 |", "| [bob]   |       7 |"],
            writer.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Redirected_progress_is_plain_lines_without_escape_codes()
    {
        var error = new StringWriter();
        var console = new CliConsole(new StringWriter(), error, json: false);
        var result = await console.ProgressAsync("Importing into [x]", 4, async task =>
        {
            for (var i = 0; i < 4; i++)
            {
                await Task.Yield();
                task.Increment(1);
            }
            return 42;
        });
        Assert.Equal(42, result);
        Assert.DoesNotContain('\u001b', error.ToString());
        Assert.Contains("Importing into [x]: done (4/4)", error.ToString());
    }

    [Fact]
    public async Task Argument_errors_with_json_are_one_error_object_on_stdout_without_help_or_type_names()
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        var exit = await OpenLedger.Actors.Cli.CliApp.RunAsync(["deposit", "--deposit-id", "d1", "--account", "a", "--amount", "lots", "--json"], output, error);
        Assert.Equal(OpenLedger.Actors.Cli.ExitCodes.BadInput, exit);
        using var json = System.Text.Json.JsonDocument.Parse(output.ToString());
        var problem = json.RootElement.GetProperty("error");
        Assert.Equal("cli.usage", problem.GetProperty("code").GetString());
        Assert.Equal(2, problem.GetProperty("exitCode").GetInt32());
        Assert.Contains("'--amount' as a whole number", problem.GetProperty("message").GetString());
        Assert.DoesNotContain("System.", output.ToString());
        Assert.Equal("", error.ToString());

        (output, error) = (new StringWriter(), new StringWriter());
        Assert.Equal(2, await OpenLedger.Actors.Cli.CliApp.RunAsync(["deposit", "--amount", "lots"], output, error));
        Assert.Equal("", output.ToString()); // no help text on stdout
        Assert.Contains("error [cli.usage]: Option '--deposit-id' is required.", error.ToString());
        Assert.Contains("See 'openledger deposit --help'.", error.ToString());
        Assert.DoesNotContain("System.", error.ToString());
    }
}
