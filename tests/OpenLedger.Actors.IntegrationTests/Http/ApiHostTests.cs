using System.Net;

namespace OpenLedger.Actors.IntegrationTests.Http;

/// <summary>
/// <see cref="ApiHost"/> is the shipped Program, not a copy of it: what Program.cs maps besides the API (operations'
/// health probes, the explorer, /metrics kept off the public port) answers too, and two hosts run side by side.
/// </summary>
public sealed class ApiHostTests
{
    [Fact]
    public async Task Hosts_the_real_program_with_operations_and_explorer_side_by_side()
    {
        await using var first = await ApiHost.StartAsync($"real-{Guid.NewGuid():N}"[..13]);
        await using var second = await ApiHost.StartAsync($"real-{Guid.NewGuid():N}"[..13]);
        Assert.NotEqual(first.BaseAddress, second.BaseAddress);

        foreach (var host in new[] { first, second })
        {
            using var client = host.Client();
            using var live = await client.GetAsync("/health/live");
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
            using var explorer = await client.GetAsync("/explorer");
            Assert.Equal(HttpStatusCode.OK, explorer.StatusCode);
            Assert.Contains("text/html", explorer.Content.Headers.ContentType?.MediaType);
            using var metrics = await client.GetAsync("/metrics");
            Assert.Equal(HttpStatusCode.NotFound, metrics.StatusCode); // served only on the management port
        }
    }
}
