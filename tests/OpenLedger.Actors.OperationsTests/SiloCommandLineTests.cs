using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using OpenLedger.Actors.Silo.Hosting;
using OpenLedger.Actors.TestSupport;

namespace OpenLedger.Actors.OperationsTests;

/// <summary>
/// The silo host's command line: the parser on its own, and the built program as a user starts it (help that starts
/// nothing, a misspelt option refused, a taken port named with the setting that chose it).
/// </summary>
public sealed class SiloCommandLineTests
{
    [Fact]
    public void Demo_flag_does_not_take_the_next_argument_as_its_value()
    {
        var line = SiloCommandLine.Parse(["--demo", "--Urls", "http://127.0.0.1:5999", "--demo-inferences", "40"]);

        Assert.Empty(line.Errors);
        Assert.Equal(40, line.Demo!.Inferences);
        Assert.True(line.Demo.Text);
        Assert.Equal(["--Urls", "http://127.0.0.1:5999"], line.ConfigurationArguments);
        Assert.False(SiloCommandLine.Parse(["--demo", "--demo-no-text"]).Demo!.Text);
    }

    [Fact]
    public void Port_options_become_configuration_overrides()
    {
        var line = SiloCommandLine.Parse(["--http-port", "5081", "--silo-port", "11112", "--gateway-port", "30001", "--management-port", "5091"]);

        Assert.Empty(line.Errors);
        var overrides = line.PortOverrides().ToDictionary();
        Assert.Equal("http://127.0.0.1:5081", overrides["Urls"]);
        Assert.Equal("11112", overrides["OpenLedger:Clustering:SiloPort"]);
        Assert.Equal("30001", overrides["OpenLedger:Clustering:GatewayPort"]);
        Assert.Equal("http://127.0.0.1:5091", overrides["OpenLedger:Operations:ManagementUrls"]);
        Assert.Null(line.Demo);
    }

    [Theory]
    [InlineData("--demo-inferencs", "Unknown option '--demo-inferencs'")]
    [InlineData("--demo-exit", "--demo-exit needs --demo")]
    [InlineData("--demo-no-text", "--demo-no-text needs --demo")]
    [InlineData("--http-port 0", "--http-port takes a port from 1 to 65535")]
    [InlineData("--demo --demo-inferences 0", "--demo-inferences takes a whole number from 1 to 1000000")]
    [InlineData("--gateway-port many", "many")]
    public void Bad_command_lines_are_refused_with_a_message_naming_the_option(string arguments, string expected)
    {
        var line = SiloCommandLine.Parse(arguments.Split(' '));

        Assert.Contains(line.Errors, e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Configuration_overrides_in_key_equals_value_form_pass_through()
    {
        // The test host (WebApplicationFactory) passes its settings this way.
        var line = SiloCommandLine.Parse(["--environment=Production", "--OpenLedger:Api:Keys:0:Roles:0=operator", "--contentRoot=/tmp/x"]);

        Assert.Empty(line.Errors);
        Assert.Equal(3, line.ConfigurationArguments.Count);
        Assert.Null(SiloStartup.ContentRoot(line.ConfigurationArguments));
    }

    [Fact]
    public async Task Help_prints_the_options_and_starts_nothing()
    {
        var (exit, output, _) = await RunSiloAsync("--help");

        Assert.Equal(0, exit);
        foreach (var option in new[] { "--http-port", "--silo-port", "--gateway-port", "--profile", "--demo-inferences" })
            Assert.Contains(option, output, StringComparison.Ordinal);
        Assert.DoesNotContain("Now listening", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_port_in_use_is_named_with_its_setting_and_the_silo_exits_2()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var free = FreePorts.Take(3);

        var (exit, _, error) = await RunSiloAsync("--gateway-port", port.ToString(), "--silo-port", free[0].ToString(),
            "--http-port", free[1].ToString(), "--management-port", free[2].ToString());

        Assert.Equal(2, exit);
        Assert.Contains($"port {port} is already in use", error, StringComparison.Ordinal);
        Assert.Contains("--gateway-port", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_misspelt_option_exits_2_before_anything_starts()
    {
        var (exit, output, error) = await RunSiloAsync("--demo", "--demo-inferencs", "5");

        Assert.Equal(2, exit);
        Assert.Contains("--demo-inferencs", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Now listening", output, StringComparison.Ordinal);
    }

    /// <summary>Runs the built silo from a folder that is not the project's (so appsettings.json must be found beside the program).</summary>
    private static async Task<(int Exit, string Output, string Error)> RunSiloAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetTempPath() };
        start.ArgumentList.Add(RepositoryPaths.SiloAssembly);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment.Remove("OPENLEDGER_PROFILE");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"the silo did not exit within 60 s: {await output}");
        }
        return (process.ExitCode, await output, await error);
    }
}
