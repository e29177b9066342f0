using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using OpenLedger.Actors.Abstractions.Datanets;
using OpenLedger.Actors.Abstractions.Governance;
using OpenLedger.Actors.Abstractions.Staking;
using OpenLedger.Actors.Http.Auth;
using OpenLedger.Actors.Http.Contracts;

namespace OpenLedger.Actors.Http.Endpoints;

/// <summary>
/// Governance, staking and the anti-gaming side of curation. Parameters, proposals and contributors' standing
/// (stake, penalties, reputation) are public. Proposing, voting and staking act as the caller's account only (the
/// governance grain refuses accounts that held no stake when the proposal was made); executing a passed proposal
/// may be done by any key holder once its timelock is over. Rejecting rows as adversarial and appointing curators go
/// through the Datanet grain, which checks the caller curates or owns the Datanet.
/// </summary>
internal static class GovernanceEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var governance = api.MapGroup("/governance").WithTags("Governance");

        governance.MapGet("/parameters", async Task<Ok<ParametersInForce>> (IGrainFactory grains) =>
            TypedResults.Ok(await Parameters(grains).GetCurrentAsync())).WithName("GetParameters");

        governance.MapGet("/parameters/{version:int}", async Task<Ok<ParametersInForce>> (int version, IGrainFactory grains) =>
            TypedResults.Ok(await Parameters(grains).GetVersionAsync(version))).WithName("GetParameterVersion");

        var proposals = governance.MapGroup("/proposals/{proposalId}");

        proposals.MapPut("", async Task<Ok<ProposalInfo>> (string proposalId, GovernanceParameters body, HttpContext http, IGrainFactory grains) =>
        {
            var caller = Caller.Required(http);
            return TypedResults.Ok(await Proposal(grains, proposalId).ProposeAsync(caller.Account, body));
        }).Mutating().WithName("Propose");

        proposals.MapGet("", async Task<Ok<ProposalInfo>> (string proposalId, IGrainFactory grains) =>
            TypedResults.Ok(await Proposal(grains, proposalId).GetAsync())).WithName("GetProposal");

        proposals.MapPost("/votes", async Task<Ok<ProposalInfo>> (string proposalId, VoteRequest body, HttpContext http, IGrainFactory grains) =>
        {
            var caller = Caller.Required(http);
            return TypedResults.Ok(await Proposal(grains, proposalId).VoteAsync(caller.Account, body.Support));
        }).Mutating().WithName("Vote");

        proposals.MapPost("/execution", async Task<Ok<ParametersInForce>> (string proposalId, IGrainFactory grains) =>
            TypedResults.Ok(await Proposal(grains, proposalId).ExecuteAsync())).Mutating().WithName("ExecuteProposal");

        var accounts = api.MapGroup("/accounts/{account}").WithTags("Staking");

        accounts.MapPost("/stakes", async Task<Ok<ContributorStandingInfo>> (string account, StakeRequest body, HttpContext http, IGrainFactory grains) =>
        {
            var caller = Caller.Required(http);
            RouteIds.Account(account);
            caller.RequireSelf(account);
            return TypedResults.Ok(await Staking(grains, account).StakeAsync(body.StakeId, body.Amount));
        }).Mutating().WithName("Stake");

        accounts.MapGet("/standing", async Task<Ok<ContributorStandingInfo>> (string account, IGrainFactory grains) =>
            TypedResults.Ok(await Staking(grains, RouteIds.Account(account)).GetStandingAsync())).WithName("GetStanding");

        var datanets = api.MapGroup("/datanets/{datanetId}").WithTags("Datanets");

        datanets.MapPost("/adversarial-rejections", async Task<Ok<ReviewResult>> (string datanetId, AdversarialRejectionRequest body, HttpContext http, IGrainFactory grains) =>
        {
            var caller = Caller.Required(http);
            var changed = await Datanet(grains, datanetId).RejectAdversarialAsync(caller.Account, body.RowIds, body.Reason);
            return TypedResults.Ok(new ReviewResult(datanetId, changed));
        }).Mutating(ApiRoles.Curator).WithName("RejectAdversarial");

        datanets.MapPut("/curators/{curator}", async Task<Ok<DatanetInfo>> (string datanetId, string curator, HttpContext http, IGrainFactory grains) =>
        {
            var caller = Caller.Required(http);
            return TypedResults.Ok(await Datanet(grains, datanetId).AppointCuratorAsync(caller.Account, RouteIds.Account(curator)));
        }).Mutating(ApiRoles.Curator).WithName("AppointCurator");

        // The invited account answers for itself: only a key of that account accepts or declines (no role needed).
        datanets.MapPost("/curators/{curator}/acceptance", async Task<Ok<DatanetInfo>> (string datanetId, string curator, HttpContext http, IGrainFactory grains) =>
        {
            var caller = Caller.Required(http);
            caller.RequireSelf(RouteIds.Account(curator));
            return TypedResults.Ok(await Datanet(grains, datanetId).AcceptCuratorAsync(caller.Account));
        }).Mutating().WithName("AcceptCuratorInvitation");

        datanets.MapDelete("/curators/{curator}/invitation", async Task<Ok<DatanetInfo>> (string datanetId, string curator, HttpContext http, IGrainFactory grains) =>
        {
            var caller = Caller.Required(http);
            caller.RequireSelf(RouteIds.Account(curator));
            return TypedResults.Ok(await Datanet(grains, datanetId).DeclineCuratorAsync(caller.Account));
        }).Mutating().WithName("DeclineCuratorInvitation");
    }

    private static IGovernanceParametersGrain Parameters(IGrainFactory grains) => grains.GetGrain<IGovernanceParametersGrain>(GovernanceIds.Main);

    private static IProposalGrain Proposal(IGrainFactory grains, string proposalId) => grains.GetGrain<IProposalGrain>(RouteIds.Id(proposalId, "proposal id"));

    private static IStakingGrain Staking(IGrainFactory grains, string account) => grains.GetGrain<IStakingGrain>(account);

    private static IDatanetGrain Datanet(IGrainFactory grains, string datanetId) =>
        grains.GetGrain<IDatanetGrain>(RouteIds.Id(datanetId, "Datanet id"));
}
