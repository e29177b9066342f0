using System.CommandLine;

namespace OpenLedger.Actors.Cli;

/// <summary>The CLI's command tree and entry point (public so tests can run it in-process).</summary>
public static class CliApp
{
    public static RootCommand CreateRoot() => new("OpenLedger.Actors command-line tool: Proof of Attribution from a terminal.")
    {
        AttributeCommand.Create(),
        EvaluateCommand.Create(),
    };

    /// <summary>Runs the CLI; exit codes: 0 done, 1 the work failed, 2 bad arguments or input.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var parse = CreateRoot().Parse(args);
        if (parse.Errors.Count > 0)
        {
            await parse.InvokeAsync(); // prints the errors and usage
            return ExitCodes.BadInput;
        }
        return await parse.InvokeAsync();
    }
}
