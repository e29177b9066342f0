using System.Diagnostics;
using System.Text.Json;

namespace OpenLedger.Actors.OperationsTests;

/// <summary>
/// The CLI as the .NET tool the README installs: <c>dotnet pack</c> of <c>src/OpenLedger.Actors.Cli</c> into a temporary
/// folder, <c>dotnet tool install --tool-path</c> from that folder alone (a NuGet.config that clears every other source, so
/// nothing is fetched: restore uses the packages already in the local cache), then the installed <c>openledger</c> shim
/// answering <c>--help</c> and a <c>--json</c> command that needs no server (<c>claim sign</c>). Packing takes about a minute
/// (the package carries SkiaSharp's native libraries for every platform), so it is tagged <c>Category=Tool</c>; the fast tier
/// (./test.sh) runs it once.
/// </summary>
[Trait("Category", "Tool")]
public sealed class CliToolPackageTests : IDisposable
{
    private const string PackageId = "OpenLedger.Actors.Cli";
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("openledger-tool-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task The_packed_tool_installs_from_a_local_folder_and_answers_help_and_json()
    {
        var packages = Path.Combine(_folder.FullName, "nupkg");
        var tools = Path.Combine(_folder.FullName, "bin");
        var project = Path.Combine(RepositoryPaths.Root, "src", "OpenLedger.Actors.Cli", "OpenLedger.Actors.Cli.csproj");
        var configuration = typeof(CliToolPackageTests).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyConfigurationAttribute), false)
            .OfType<System.Reflection.AssemblyConfigurationAttribute>().FirstOrDefault()?.Configuration ?? "Release";
        var pack = await RunAsync(Dotnet, ["pack", project, "-c", configuration, "-o", packages, "--nologo"], TimeSpan.FromMinutes(8));
        Assert.True(pack.Exit == 0, $"dotnet pack failed ({pack.Exit}):\n{pack.Out}\n{pack.Error}");
        var package = Assert.Single(Directory.GetFiles(packages, $"{PackageId}.*.nupkg"));

        var config = Path.Combine(_folder.FullName, "NuGet.config"); // the local folder and nothing else: installing must not need the network
        await File.WriteAllTextAsync(config, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{packages}" />
              </packageSources>
            </configuration>
            """);
        var install = await RunAsync(Dotnet, ["tool", "install", PackageId, "--tool-path", tools, "--configfile", config, "--add-source", packages], TimeSpan.FromMinutes(3));
        Assert.True(install.Exit == 0, $"dotnet tool install failed ({install.Exit}) for {Path.GetFileName(package)}:\n{install.Out}\n{install.Error}");
        var openledger = Path.Combine(tools, OperatingSystem.IsWindows() ? "openledger.exe" : "openledger");
        Assert.True(File.Exists(openledger), $"no shim at {openledger}:\n{install.Out}");

        var help = await RunAsync(openledger, ["--help"], TimeSpan.FromMinutes(1));
        Assert.True(help.Exit == 0, $"openledger --help exited {help.Exit}:\n{help.Out}\n{help.Error}");
        Assert.Contains("OpenLedger.Actors command-line tool", help.Out);
        foreach (var command in new[] { "datanet", "transparency", "ledger", "verify", "claim" }) Assert.Contains(command, help.Out);

        var keyVariable = $"OPENLEDGER_TOOL_TEST_KEY_{Guid.NewGuid():N}";
        var sign = await RunAsync(openledger, ["claim", "sign", "--claim-id", "c-1", "--account", "alice", "--amount", "1000",
            "--destination", "0x00000000000000000000000000000000000000a1", "--key-env", keyVariable, "--ledger", "openledger", "--chain-id", "31337", "--json"],
            TimeSpan.FromMinutes(1), new Dictionary<string, string> { [keyVariable] = "0x" + new string('1', 64) });
        Assert.True(sign.Exit == 0, $"claim sign exited {sign.Exit}:\n{sign.Out}\n{sign.Error}");
        using var body = JsonDocument.Parse(sign.Out);
        Assert.Equal(("c-1", 1000L, 31337L), (body.RootElement.GetProperty("claimId").GetString(), body.RootElement.GetProperty("amount").GetInt64(),
            body.RootElement.GetProperty("chainId").GetInt64()));
        Assert.Matches("^0x[0-9a-f]{130}$", body.RootElement.GetProperty("signature").GetString()!);

        var usage = await RunAsync(openledger, ["deposit", "--amount", "lots", "--json"], TimeSpan.FromMinutes(1));
        Assert.Equal(2, usage.Exit);
        using var error = JsonDocument.Parse(usage.Out);
        Assert.Equal("cli.usage", error.RootElement.GetProperty("error").GetProperty("code").GetString());
    }

    /// <summary>The <c>dotnet</c> host running these tests (so the shim and the packing use the same SDK and runtime).</summary>
    private static string Dotnet => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    private sealed record Result(int Exit, string Out, string Error);

    private static async Task<Result> RunAsync(string program, string[] args, TimeSpan timeout, IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetTempPath() };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["CI"] = "true"; // plain output, no terminal probing
        if (DotnetRoot() is { } root) start.Environment["DOTNET_ROOT"] = root; // the shim finds the runtime where this dotnet lives
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Path.GetFileName(program)} {string.Join(' ', args)} did not finish within {timeout}.");
        }
        return new Result(process.ExitCode, await output, await error);
    }

    private static string? DotnetRoot()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_ROOT") is { Length: > 0 } set) return set;
        var host = Dotnet == "dotnet"
            ? (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Select(f => Path.Combine(f, "dotnet")).FirstOrDefault(File.Exists)
            : Dotnet;
        if (host is null) return null;
        var resolved = new FileInfo(host).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? host;
        return Path.GetDirectoryName(resolved);
    }
}
