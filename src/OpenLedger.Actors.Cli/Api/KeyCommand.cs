using System.CommandLine;
using OpenLedger.Actors.Sdk.Requests;

namespace OpenLedger.Actors.Cli.Api;

/// <summary>
/// <c>key issue --account ACCOUNT --role ROLE…</c> and <c>key revoke KEY_ID</c> (over HTTP, with an operator's key): issues an
/// API key acting for an account (printed once; store it then) and revokes one (idempotent; <c>api_key.not_found</c>, exit code 3).
/// </summary>
internal static class KeyCommand
{
    public static Command Create()
    {
        var account = new Option<string>("--account") { Description = "The account the new key acts for.", Required = true };
        var roles = new Option<string[]>("--role")
        {
            Description = "A role of the key (repeatable): platform, contributor, curator, model-owner, operator.", Required = true, AllowMultipleArgumentsPerToken = true,
        };
        var issue = new Command("issue", "Issue an API key for an account (operator key). The key is shown once.") { account, roles };
        ApiConnection.Attach(issue, async (parse, api, console, cancellationToken) =>
        {
            var issued = await api.IssueApiKeyAsync(new IssueApiKeyRequest(parse.GetValue(account)!, parse.GetValue(roles)!), cancellationToken);
            return console.Result(issued, output =>
            {
                output.WriteLine($"Key {issued.KeyId} for {issued.Account} ({string.Join(", ", issued.Roles)}): {issued.ApiKey}");
                console.Info("The key is shown only now: store it in a secret store.");
            });
        });

        var keyId = new Argument<string>("keyId") { Description = "The key id (the part after olk_ and before the next _)." };
        var revoke = new Command("revoke", "Revoke an API key (operator key); requests with it are refused from now on.") { keyId };
        ApiConnection.Attach(revoke, async (parse, api, console, cancellationToken) =>
        {
            var revoked = await api.RevokeApiKeyAsync(parse.GetValue(keyId)!, cancellationToken);
            return console.Result(revoked, output =>
            {
                output.WriteLine($"Key {revoked.KeyId} of {revoked.Account} is revoked.");
            });
        });

        return new Command("key", "API keys for the HTTP API: issue and revoke (operators).") { issue, revoke };
    }
}
