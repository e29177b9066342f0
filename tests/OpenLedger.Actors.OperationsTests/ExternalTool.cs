namespace OpenLedger.Actors.OperationsTests;

/// <summary>
/// A program a test needs from the machine (Debian packages that <c>.ci/run</c> installs). Missing locally the
/// test is skipped with the install command; missing under CI (<c>CI=true</c>) it fails, so CI never skips it.
/// </summary>
internal static class ExternalTool
{
    public static string Require(string name, string installHint)
    {
        var path = Find(name);
        if (path is not null) return path;
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"'{name}' is not on PATH under CI; .ci/run must install it ({installHint}).");
        Skip.If(true, $"'{name}' is not installed here; install it with: {installHint}");
        return null!;
    }

    public static string? Find(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, name))
            .FirstOrDefault(File.Exists);
}
