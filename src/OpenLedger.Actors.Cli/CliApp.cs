using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.RegularExpressions;
using OpenLedger.Actors.Cli.Api;
using OpenLedger.Actors.Cli.Cluster;
using OpenLedger.Actors.Cli.Output;

namespace OpenLedger.Actors.Cli;

/// <summary>The CLI's command tree and entry point (public so tests can run it in-process).</summary>
public static partial class CliApp
{
    public static RootCommand CreateRoot() => new("OpenLedger.Actors command-line tool: Proof of Attribution from a terminal.")
    {
        new Option<bool>(CliConsole.JsonOption) { Description = "Write the result as one JSON document to standard output (errors too, as {\"error\": {code, exitCode, message}}), for scripts.", Recursive = true },
        new Command("datanet", "Datanets: import a CSV, invite curators, approve rows and publish versions.") { DatanetImportCommand.Create(), DatanetApproveCommand.Create(), DatanetCuratorCommand.Create() },
        new Command("model", "Models: train the built-in model on a published Datanet version.") { ModelTrainCommand.Create() },
        InferCommand.Create(),
        SessionCommand.Create(),
        ReceiptCommand.Create(),
        ListCommand.Create(),
        AccountOpenCommand.Create(),
        DepositCommand.Create(),
        BalanceCommand.Create(),
        StatementCommand.Create(),
        ClaimCommand.Create(),
        StakeCommand.Create(),
        ProposeCommand.Create(),
        VoteCommand.Create(),
        ExecuteCommand.Create(),
        KeyCommand.Create(),
        TransparencyCommand.Create(),
        LedgerCommand.Create(),
        AttributeCommand.Create(),
        EvaluateCommand.Create(),
        VerifyReceiptCommand.Create(),
    };

    /// <summary>
    /// Runs the CLI (see <see cref="ExitCodes"/>). Commands write to <paramref name="output"/> and
    /// <paramref name="error"/> (default: the console), which lets tests capture them.
    /// </summary>
    public static async Task<int> RunAsync(string[] args, TextWriter? output = null, TextWriter? error = null)
    {
        var configuration = new InvocationConfiguration { Output = output ?? Console.Out, Error = error ?? Console.Error };
        var parse = CreateRoot().Parse(args);
        if (parse.Errors.Count > 0) return ReportUsageErrors(parse, args.Contains(CliConsole.JsonOption), configuration);
        return await parse.InvokeAsync(configuration);
    }

    /// <summary>
    /// Argument errors: with <c>--json</c> one error object on standard output (code <c>cli.usage</c>), else the errors and
    /// where to find help on standard error; never the help text itself, never a .NET type name.
    /// </summary>
    private static int ReportUsageErrors(ParseResult parse, bool json, InvocationConfiguration configuration)
    {
        var console = new CliConsole(configuration.Output, configuration.Error, json);
        var message = string.Join(" ", parse.Errors.Select(e => Readable(e.Message)));
        var exit = console.Fail(ExitCodes.BadInput, message, "cli.usage");
        if (!json) console.Info($"See '{CommandPath(parse.CommandResult)} --help'.");
        return exit;
    }

    private static string CommandPath(CommandResult result)
    {
        var names = new List<string>();
        for (SymbolResult? at = result; at is CommandResult command && command.Parent is not null; at = command.Parent) names.Insert(0, command.Command.Name);
        return string.Join(" ", names.Prepend("openledger"));
    }

    /// <summary>System.CommandLine names the expected .NET type (<c>'System.Int64'</c>); a user wants the kind of value.</summary>
    internal static string Readable(string message) => ExpectedType().Replace(message, match => match.Groups[1].Value switch
    {
        var t when t.Contains("Int32", StringComparison.Ordinal) || t.Contains("Int64", StringComparison.Ordinal) => "as a whole number",
        var t when t.Contains("Double", StringComparison.Ordinal) => "as a number",
        var t when t.Contains("Boolean", StringComparison.Ordinal) => "as true or false",
        var t when t.Contains("FileInfo", StringComparison.Ordinal) => "as a file path",
        _ => "as a value of the right kind",
    });

    [GeneratedRegex(@"as expected type '([^']+)'")]
    private static partial Regex ExpectedType();
}
