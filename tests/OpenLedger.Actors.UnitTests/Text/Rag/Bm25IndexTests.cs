using OpenLedger.Actors.Domain.Text.Rag;

namespace OpenLedger.Actors.UnitTests.Text.Rag;

public sealed class Bm25IndexTests
{
    private static readonly RetrievalDocument[] Documents =
    [
        new(10, "The cat sat."),                  // 3 words
        new(20, "the dog sat on the mat"),        // 6 words
        new(30, "Cats and dogs"),                 // 3 words
    ];

    [Fact]
    public void Scores_follow_the_okapi_formula_by_hand()
    {
        var index = Bm25Index.Build(Documents);
        // N = 3, avgdl = 4, k1 = 1.2, b = 0.75. "cat": only row 10 (tf 1, |d| 3): idf = ln(1 + 2.5 / 1.5).
        var idfCat = Math.Log(1 + 2.5 / 1.5);
        var expected10 = idfCat * 1 * 2.2 / (1 + 1.2 * (0.25 + 0.75 * 3 / 4.0));
        // "sat": rows 10 and 20 (tf 1 each): idf = ln(1 + 1.5 / 2.5); "the" in row 20 twice (|d| 6), row 10 once.
        var idfSat = Math.Log(1 + 1.5 / 2.5);
        var idfThe = idfSat;
        var scores = index.Scores("the cat sat, the cat");
        Assert.Equal(expected10 + idfSat * 2.2 / (1 + 1.2 * (0.25 + 0.75 * 3 / 4.0)) + idfThe * 2.2 / (1 + 1.2 * (0.25 + 0.75 * 3 / 4.0)), scores[0], 12);
        Assert.Equal(idfSat * 2.2 / (1 + 1.2 * (0.25 + 0.75 * 6 / 4.0)) + idfThe * 2 * 2.2 / (2 + 1.2 * (0.25 + 0.75 * 6 / 4.0)), scores[1], 12);
        Assert.Equal(0, scores[2]); // "cats" is not "cat": words, not stems
        Assert.Equal(1, index.DocumentFrequency("CAT"));
        Assert.Equal(2, index.DocumentFrequency("the"));
    }

    [Fact]
    public void Parameters_change_the_scores_as_documented()
    {
        // b = 0: length does not matter, so one "sat" scores the same in the short and the long document.
        var flat = Bm25Index.Build(Documents, new Bm25Parameters(K1: 1.2, B: 0));
        var sat = flat.Scores("sat");
        Assert.Equal(sat[0], sat[1], 15);
        // k1 = 0: presence only, so "the" twice counts as once.
        var presence = Bm25Index.Build(Documents, new Bm25Parameters(K1: 0, B: 0.75));
        var the = presence.Scores("the");
        Assert.Equal(the[0], the[1], 15);
        // With the defaults the shorter document wins for "sat".
        var normal = Bm25Index.Build(Documents).Scores("sat");
        Assert.True(normal[0] > normal[1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => Bm25Index.Build(Documents, new Bm25Parameters(B: 1.5)));
    }

    [Fact]
    public void Search_ranks_best_first_breaks_ties_by_row_id_and_drops_non_matches()
    {
        var index = Bm25Index.Build([new(5, "alpha beta"), new(3, "alpha beta"), new(9, "gamma"), new(1, "alpha gamma delta epsilon")]);
        var found = index.Search("alpha beta", 10);
        Assert.Equal([3L, 5L, 1L], found.Select(f => f.RowId));
        Assert.Equal(found[0].Score, found[1].Score);
        Assert.Equal([3L], index.Search("alpha beta", 1).Select(f => f.RowId));
        Assert.Empty(index.Search("zeta", 10));
        Assert.Throws<ArgumentException>(() => Bm25Index.Build([new(1, "a"), new(1, "b")]));
    }
}
