using System.CommandLine;
using OpenLedger.Actors.Cli.Cluster;

namespace OpenLedger.Actors.Cli;

/// <summary>The CLI's command tree and entry point (public so tests can run it in-process).</summary>
public static class CliApp
{
    public static RootCommand CreateRoot() => new("OpenLedger.Actors command-line tool: Proof of Attribution from a terminal.")
    {
        new Command("datanet", "Datanets: import a CSV, invite curators, approve rows and publish versions.") { DatanetImportCommand.Create(), DatanetApproveCommand.Create(), DatanetCuratorCommand.Create() },
        new Command("model", "Models: train the built-in model on a published Datanet version.") { ModelTrainCommand.Create() },
        InferCommand.Create(),
        AccountOpenCommand.Create(),
        DepositCommand.Create(),
        BalanceCommand.Create(),
        StatementCommand.Create(),
        ClaimCommand.Create(),
        AttributeCommand.Create(),
        EvaluateCommand.Create(),
        VerifyReceiptCommand.Create(),
    };

    /// <summary>
    /// Runs the CLI (see <see cref="ExitCodes"/>). Cluster commands write to <paramref name="output"/> and
    /// <paramref name="error"/> (default: the console), which lets tests capture them.
    /// </summary>
    public static async Task<int> RunAsync(string[] args, TextWriter? output = null, TextWriter? error = null)
    {
        var configuration = new InvocationConfiguration { Output = output ?? Console.Out, Error = error ?? Console.Error };
        var parse = CreateRoot().Parse(args);
        if (parse.Errors.Count > 0)
        {
            await parse.InvokeAsync(configuration); // prints the errors and usage
            return ExitCodes.BadInput;
        }
        return await parse.InvokeAsync(configuration);
    }
}
