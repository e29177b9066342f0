using OpenLedger.Actors.Abstractions.Explorer;

namespace OpenLedger.Actors.Silo.Explorer;

/// <summary>The Datanets and models whose ids contain the words searched for (the form in every page's header).</summary>
public static class SearchPage
{
    public const int Limit = 50;

    public static Html Render(ExplorerSearchResult result) => Html.Of($"""
        <h1>Search: <code id="query">{result.Query}</code></h1>
        <p class="lede">Datanet and model ids containing these characters, in id order.</p>
        <h2>Datanets <span class="muted" id="datanet-matches">{Format.Count(result.DatanetMatches)} found{More(result.DatanetMatches)}</span></h2>
        {HomePage.DatanetTable(result.Datanets)}
        <h2>Models <span class="muted" id="model-matches">{Format.Count(result.ModelMatches)} found{More(result.ModelMatches)}</span></h2>
        {HomePage.ModelTable(result.Models)}
        """);

    private static string More(int matches) => matches > Limit ? $"; the first {Limit} shown — search for more of the id" : "";
}
