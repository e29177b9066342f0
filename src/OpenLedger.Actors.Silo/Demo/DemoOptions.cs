using System.Globalization;

namespace OpenLedger.Actors.Silo.Demo;

/// <summary>Settings of the demo workload, from <c>--demo [--demo-inferences N] [--demo-contributors N] [--demo-exit]</c>.</summary>
public sealed record DemoOptions(int Inferences, int Contributors, int Concurrency, bool ExitWhenDone)
{
    public static DemoOptions? Parse(IReadOnlyList<string> args)
    {
        if (!args.Contains("--demo")) return null;
        var options = new DemoOptions(Inferences: 3_000, Contributors: 36, Concurrency: 32, ExitWhenDone: args.Contains("--demo-exit"));
        for (var i = 0; i < args.Count - 1; i++)
        {
            options = args[i] switch
            {
                "--demo-inferences" => options with { Inferences = PositiveInt(args[i + 1], args[i], 1_000_000) },
                "--demo-contributors" => options with { Contributors = PositiveInt(args[i + 1], args[i], 500) },
                "--demo-concurrency" => options with { Concurrency = PositiveInt(args[i + 1], args[i], 1_024) },
                _ => options,
            };
        }
        return options;
    }

    private static int PositiveInt(string value, string option, int max) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= 1 && n <= max
            ? n
            : throw new ArgumentException($"{option} takes a whole number from 1 to {max}; got '{value}'.");
}
