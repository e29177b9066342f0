using System.CommandLine;
using System.Globalization;
using OpenLedger.Actors.Abstractions.Sessions;

namespace OpenLedger.Actors.Cli.Cluster;

/// <summary>
/// <c>session open --session ID --payer ACCOUNT --model ID [--top-k N]</c> and <c>session show SESSION_ID</c>: opens an
/// inference session (the same request again answers the open session) and shows one.
/// </summary>
internal static class SessionCommand
{
    public static Command Create()
    {
        var session = new Option<string>("--session") { Description = "The session id (client-chosen).", Required = true };
        var payer = new Option<string>("--payer") { Description = "The account that pays each inference's fee.", Required = true };
        var model = new Option<string>("--model") { Description = "The model the session runs.", Required = true };
        var topK = new Option<int>("--top-k") { Description = "Influential rows kept per inference (1–1000).", DefaultValueFactory = _ => 10 };
        var open = new Command("open", "Open an inference session against a model, paid by an account (idempotent by id).") { session, payer, model, topK };
        ClusterConnection.Attach(open, async (parse, client, console, cancellationToken) =>
            Report(console, await client.OpenSessionAsync(parse.GetValue(session)!, parse.GetValue(payer)!, parse.GetValue(model)!, parse.GetValue(topK), cancellationToken)));

        var sessionId = new Argument<string>("sessionId") { Description = "The session id." };
        var show = new Command("show", "Show a session: payer, model, top-k, when it was opened. Exit code 3 (session.not_found) if there is none.") { sessionId };
        ClusterConnection.Attach(show, async (parse, client, console, cancellationToken) =>
            Report(console, await client.GetSessionAsync(parse.GetValue(sessionId)!, cancellationToken)));

        return new Command("session", "Inference sessions: open one, show one.") { open, show };
    }

    private static int Report(Output.CliConsole console, SessionInfo info)
    {
        if (console.Json)
        {
            console.WriteJson(info);
            return ExitCodes.Ok;
        }
        console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Session {info.SessionId}: model {info.ModelId}, paid by {info.PayerAccount}, top-k {info.TopK}, opened {info.OpenedAt.UtcDateTime:u}."));
        return ExitCodes.Ok;
    }
}
