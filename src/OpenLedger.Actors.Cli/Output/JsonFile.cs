using System.Text.Json;

namespace OpenLedger.Actors.Cli.Output;

/// <summary>Reads the JSON documents commands take as input files (what the HTTP API answers, camelCase).</summary>
internal static class JsonFile
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    /// <summary>The document in <paramref name="file"/>; an unreadable or null document throws (<see cref="IOException"/>, <see cref="JsonException"/>).</summary>
    public static T Read<T>(FileInfo file) =>
        JsonSerializer.Deserialize<T>(File.ReadAllText(file.FullName), Options) ?? throw new JsonException($"{file.Name} holds null.");
}
