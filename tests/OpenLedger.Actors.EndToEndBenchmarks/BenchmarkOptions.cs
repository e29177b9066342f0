using System.Globalization;

namespace OpenLedger.Actors.EndToEndBenchmarks;

/// <summary>The storage a case's silos keep grain state, reminders and artifacts in.</summary>
internal enum BenchmarkStorage
{
    Memory,
    Azurite,
}

/// <summary>The command line: which cases run (silos × storage × model) and how much load each gets.</summary>
internal sealed record BenchmarkOptions(
    bool Smoke,
    IReadOnlyList<int> SiloCounts,
    IReadOnlyList<BenchmarkStorage> Storages,
    IReadOnlyList<string> Models,
    int Inferences,
    int WarmUp,
    int Concurrency,
    int SyntheticRows,
    int SyntheticDimension,
    int SyntheticClasses,
    int Seed)
{
    public const string Digits = "digits";
    public const string Synthetic = "synthetic";

    public const string Usage = """
        End-to-end benchmark: attributed, charged, durable inferences per second through the real inference path.
          --smoke                 200 inferences, memory only, digits, 1 and 3 silos (well under a minute)
          --storage memory|azurite|both   (default both; Azurite from OPENLEDGER_AZURITE, else development storage)
          --models digits,synthetic       (default both)
          --silos 1,3             silo counts (default 1,3)
          --inferences N          timed inferences per case (default 2000)
          --warmup N              inferences before timing starts, not timed (default 200)
          --concurrency N         concurrent callers (default 32)
          --rows N --dim D --classes C    the synthetic Datanet (default 100000 × 16, 4 classes)
          --seed N                synthetic data seed (default 1)
        """;

    /// <summary>Parses the arguments; null (after printing why) when they are not valid.</summary>
    public static BenchmarkOptions? Parse(string[] args)
    {
        var smoke = args.Contains("--smoke");
        var errors = new List<string>();
        var known = new HashSet<string> { "--smoke", "--storage", "--models", "--silos", "--inferences", "--warmup", "--concurrency", "--rows", "--dim", "--classes", "--seed" };
        for (var i = 0; i < args.Length; i++)
        {
            if (!known.Contains(args[i])) errors.Add($"unknown option '{args[i]}'");
            else if (args[i] != "--smoke") i++;
        }

        var storages = Parts("--storage", smoke ? "memory" : "both", errors, ["memory", "azurite", "both"]);
        var options = new BenchmarkOptions(
            smoke,
            Parts("--silos", "1,3", errors, ["1", "2", "3", "4", "5", "6", "7", "8"]).Select(n => int.Parse(n, CultureInfo.InvariantCulture)).ToList(),
            [.. new[] { BenchmarkStorage.Memory, BenchmarkStorage.Azurite }.Where(s => storages.Contains("both") || storages.Contains(s.ToString().ToLowerInvariant()))],
            Parts("--models", smoke ? Digits : $"{Digits},{Synthetic}", errors, [Digits, Synthetic]),
            Number("--inferences", smoke ? 200 : 2_000, errors),
            Number("--warmup", smoke ? 20 : 200, errors),
            Number("--concurrency", smoke ? 8 : 32, errors),
            Number("--rows", 100_000, errors),
            Number("--dim", 16, errors),
            Number("--classes", 4, errors),
            Number("--seed", 1, errors));
        if (errors.Count == 0) return options;
        foreach (var error in errors) Console.Error.WriteLine(error);
        Console.Error.WriteLine(Usage);
        return null;

        int Number(string name, int fallback, List<string> problems)
        {
            var at = Array.IndexOf(args, name);
            if (at < 0) return fallback;
            if (at + 1 < args.Length && int.TryParse(args[at + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= 1) return value;
            problems.Add($"{name} needs a positive whole number");
            return fallback;
        }

        // A comma-separated list whose every part is one of the allowed values.
        List<string> Parts(string name, string fallback, List<string> problems, string[] allowed)
        {
            var at = Array.IndexOf(args, name);
            var text = at < 0 ? fallback : at + 1 < args.Length ? args[at + 1] : "";
            var parts = text.Split(',', StringSplitOptions.RemoveEmptyEntries).Distinct().ToList();
            if (parts.Count > 0 && parts.All(allowed.Contains)) return parts;
            problems.Add($"{name}: '{text}' is not one of {string.Join(", ", allowed)} (comma-separated)");
            return [];
        }
    }
}
