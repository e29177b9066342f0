using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenLedger.Actors.Cli.Cluster;

/// <summary>
/// A connection profile: one JSON file that names the cluster once instead of on every command, given with
/// <c>--profile FILE</c> or the environment variable <c>OPENLEDGER_PROFILE</c>:
/// <c>{"gateway": "host:port"}</c> or <c>{"azureStorage": "…"}</c>, and optionally <c>clusterId</c>, <c>serviceId</c>,
/// <c>tlsDir</c> (relative to the profile's folder), <c>timeout</c> and <c>connectTimeout</c> (seconds); and <c>apiUrl</c>, the
/// HTTP API's base address for the commands that go through it (<c>stake</c>, <c>key</c>; the key itself never goes in the file). An option on the
/// command line wins over its environment variable, which wins over the profile. Unknown members are refused, so a typo
/// is not silently ignored.
/// </summary>
internal sealed record ConnectionProfile(string? Gateway, string? AzureStorage, string? ClusterId, string? ServiceId, string? TlsDir, int? Timeout, int? ConnectTimeout,
    string? ApiUrl = null)
{
    public const string Variable = "OPENLEDGER_PROFILE";

    public static readonly ConnectionProfile None = new(null, null, null, null, null, null, null);

    /// <summary>The profile named by <c>--profile</c> or, without it, by <see cref="Variable"/> (none if neither).</summary>
    public static ConnectionProfile Load(FileInfo? option) => Load(option?.FullName ?? Environment.GetEnvironmentVariable(Variable));

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>The profile at <paramref name="path"/> (none if null); a file that cannot be read or parsed is a <see cref="FormatException"/>.</summary>
    public static ConnectionProfile Load(string? path)
    {
        if (string.IsNullOrEmpty(path)) return None;
        ConnectionProfile profile;
        try
        {
            profile = JsonSerializer.Deserialize<ConnectionProfile>(File.ReadAllText(path), Json) ?? None;
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            throw new FormatException($"The connection profile '{path}' cannot be used: {e.Message}", e);
        }
        if (profile.Gateway is not null && profile.AzureStorage is not null)
            throw new FormatException($"The connection profile '{path}' gives both gateway and azureStorage; keep one.");
        return profile.TlsDir is { Length: > 0 } tls
            ? profile with { TlsDir = Path.GetFullPath(tls, Path.GetDirectoryName(Path.GetFullPath(path))!) }
            : profile;
    }
}
