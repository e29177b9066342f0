using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace OpenLedger.Actors.IntegrationTests.Http;

/// <summary>A response read in full: status, media type, headers and the JSON body (if any).</summary>
internal sealed record ApiResponse(HttpStatusCode Status, string? MediaType, HttpResponseHeaders Headers, string Text)
{
    public JsonElement Body => JsonDocument.Parse(Text).RootElement;

    public bool IsProblem => MediaType == "application/problem+json";

    /// <summary>The ProblemDetails <c>code</c>, or null when the response is not a problem.</summary>
    public string? Code => IsProblem && Body.TryGetProperty("code", out var code) ? code.GetString() : null;

    public T As<T>() => JsonSerializer.Deserialize<T>(Text, ApiHost.Json)!;

    public override string ToString() => $"{(int)Status} {MediaType} {Text[..Math.Min(Text.Length, 400)]}";
}

internal static class ApiCalls
{
    public static Task<ApiResponse> GetApiAsync(this HttpClient client, string path) => client.SendJsonAsync(HttpMethod.Get, path);

    public static Task<ApiResponse> SendJsonAsync(this HttpClient client, HttpMethod method, string path, object? body = null, string? idempotencyKey = null) =>
        client.SendRawAsync(method, path, body is null ? null : JsonSerializer.Serialize(body, ApiHost.Json), idempotencyKey);

    public static async Task<ApiResponse> SendRawAsync(this HttpClient client, HttpMethod method, string path, string? json,
        string? idempotencyKey = null, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, MediaTypeHeaderValue.Parse(contentType));
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        using var response = await client.SendAsync(request);
        return new ApiResponse(response.StatusCode, response.Content.Headers.ContentType?.MediaType, response.Headers, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Starts a training job (202 with its Location) and polls the Location until the job has succeeded.</summary>
    public static async Task<ApiResponse> TrainAndWaitAsync(this HttpClient client, string modelId, object body, string? idempotencyKey = null)
    {
        var started = (await client.SendJsonAsync(HttpMethod.Post, $"/api/v1/models/{modelId}/training", body, idempotencyKey)).Expect(HttpStatusCode.Accepted);
        var location = started.Headers.Location?.ToString() ?? throw new Xunit.Sdk.XunitException("202 without a Location header");
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (true)
        {
            var job = (await client.GetApiAsync(location)).Expect(HttpStatusCode.OK);
            var status = job.Body.GetProperty("status").GetString();
            if (status == "Succeeded") return job;
            Assert.True(status != "Failed" && DateTime.UtcNow < deadline, $"training job did not succeed: {job}");
            await Task.Delay(200);
        }
    }

    /// <summary>Fails with the response text when the status is not the one expected.</summary>
    public static ApiResponse Expect(this ApiResponse response, HttpStatusCode status)
    {
        Assert.True(response.Status == status, $"expected {(int)status}, got {response}");
        return response;
    }
}
