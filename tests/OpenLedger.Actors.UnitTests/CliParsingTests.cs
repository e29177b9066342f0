using OpenLedger.Actors.Abstractions.Paging;
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

    [Theory]
    [InlineData(0)]
    [InlineData(25)]
    [InlineData(int.MaxValue)]
    public void List_cursors_round_trip_and_are_url_safe(int offset)
    {
        var cursor = PageCursor.Encode(offset);
        Assert.Matches("^[A-Za-z0-9_-]+$", cursor);
        Assert.True(PageCursor.TryDecodeNumber(cursor, out var decoded));
        Assert.Equal(offset, decoded);
    }

    [Fact]
    public void The_tool_reads_the_http_apis_cursor_tokens()
    {
        Assert.Equal("djE6MjU", PageCursor.Encode(25)); // base64url("v1:25"), what GET …/contributions?limit=25 returns as nextCursor
        Assert.True(PageCursor.TryDecodeNumber("djE6MjU", out var offset) && offset == 25);
        Assert.True(PageCursor.TryDecode(PageCursor.Encode("alice"), out var account) && account == "alice"); // claimables page by account id
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-cursor")]
    [InlineData("MjU")] // "25" without the version prefix
    [InlineData("Y2xpMToyNQ")] // "cli1:25", the tool's own token before it spoke the API's
    [InlineData("djE6LTE")] // "v1:-1"
    [InlineData("djE6")] // "v1:" and no position
    public void Foreign_or_broken_cursors_are_refused(string cursor) => Assert.False(PageCursor.TryDecodeNumber(cursor, out _));

    [Fact]
    public void A_page_read_with_one_extra_item_says_whether_there_is_a_next_page()
    {
        var (items, next) = PageOptions.FromOverfetch([1, 2, 3], offset: 10, limit: 2);
        Assert.Equal([1, 2], items);
        Assert.True(PageCursor.TryDecodeNumber(next!, out var offset) && offset == 12L);
        Assert.Null(PageOptions.FromOverfetch([1, 2], offset: 10, limit: 2).NextCursor);
    }

    [Fact]
    public void Proposed_parameters_are_those_in_force_with_the_named_ones_changed()
    {
        var inForce = new Abstractions.Governance.GovernanceParameters(1_000, 2_000, 1_000, 6_000, 100, 1_000_000, 1_000, 3, 5_000, 0.999, 10, 0, 1_000);
        Assert.True(ProposeCommand.TryApply(inForce, ["topK=20", "ContributorsBps = 5500", "protocolBps=1500"], out var proposed, out _));
        Assert.Equal(inForce with { TopK = 20, ContributorsBps = 5_500, ProtocolBps = 1_500 }, proposed);
        foreach (var bad in new[] { "topKay=20", "topK", "topK=lots", "topK=1.5" })
        {
            Assert.False(ProposeCommand.TryApply(inForce, [bad], out _, out var problem));
            Assert.Contains(bad, problem);
        }
    }

    [Theory]
    [InlineData(System.Net.HttpStatusCode.BadRequest, "api_key.roles", OpenLedger.Actors.Cli.ExitCodes.BadInput)]
    [InlineData(System.Net.HttpStatusCode.Unauthorized, "auth.key_invalid", OpenLedger.Actors.Cli.ExitCodes.Forbidden)]
    [InlineData(System.Net.HttpStatusCode.Forbidden, "auth.not_account_owner", OpenLedger.Actors.Cli.ExitCodes.Forbidden)]
    [InlineData(System.Net.HttpStatusCode.NotFound, "api_key.not_found", OpenLedger.Actors.Cli.ExitCodes.NotFound)]
    [InlineData(System.Net.HttpStatusCode.Conflict, "vote.changed", OpenLedger.Actors.Cli.ExitCodes.Conflict)]
    [InlineData(System.Net.HttpStatusCode.PaymentRequired, "ledger.insufficient_funds", OpenLedger.Actors.Cli.ExitCodes.InsufficientFunds)]
    [InlineData(System.Net.HttpStatusCode.TooManyRequests, "quota.api_keys", OpenLedger.Actors.Cli.ExitCodes.QuotaExceeded)]
    [InlineData(System.Net.HttpStatusCode.TooManyRequests, "rate.limited", OpenLedger.Actors.Cli.ExitCodes.Unavailable)]
    [InlineData(System.Net.HttpStatusCode.ServiceUnavailable, "transparency.pending", OpenLedger.Actors.Cli.ExitCodes.Unavailable)]
    [InlineData(System.Net.HttpStatusCode.InternalServerError, "server.error", OpenLedger.Actors.Cli.ExitCodes.Failed)]
    public void Http_refusals_exit_with_the_code_of_their_status(System.Net.HttpStatusCode status, string code, int exit) =>
        Assert.Equal(exit, OpenLedger.Actors.Cli.Api.ApiConnection.ExitCodeOf(new Sdk.OpenLedgerApiException(status, code, null, null, null, null)));

    [Theory]
    [InlineData("vote", "--proposal", "p", "--voter", "v", "--for", "--gateway", "localhost:0")]
    [InlineData("list", "contributions", "--limit", "many")]
    [InlineData("session", "open", "--session", "s")]
    [InlineData("stake", "--account", "a", "--amount", "1")]
    [InlineData("key", "issue", "--account", "a")]
    [InlineData("receipt", "show")]
    public async Task New_commands_report_argument_errors_as_one_json_error_object(params string[] args)
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        var exit = await OpenLedger.Actors.Cli.CliApp.RunAsync([.. args, "--json"], output, error);
        Assert.Equal(OpenLedger.Actors.Cli.ExitCodes.BadInput, exit);
        using var json = System.Text.Json.JsonDocument.Parse(output.ToString());
        Assert.Equal(2, json.RootElement.GetProperty("error").GetProperty("exitCode").GetInt32());
        Assert.StartsWith("cli.", json.RootElement.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task An_http_command_without_its_key_exits_2_before_any_request()
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        var exit = await OpenLedger.Actors.Cli.CliApp.RunAsync(["stake", "--account", "a", "--stake-id", "s", "--amount", "1", "--api-url", "http://127.0.0.1:9",
            "--api-key-env", $"CLI_UNIT_NO_KEY_{Guid.NewGuid():N}", "--json"], output, error);
        Assert.Equal(OpenLedger.Actors.Cli.ExitCodes.BadInput, exit);
        using var json = System.Text.Json.JsonDocument.Parse(output.ToString());
        Assert.Equal("cli.connection_options", json.RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.Contains("holds no API key", json.RootElement.GetProperty("error").GetProperty("message").GetString());
    }
}
