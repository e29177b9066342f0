using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace OpenLedger.Actors.Http.Errors;

/// <summary>
/// Explains a body that JSON binding refused, field by field: it re-reads the (buffered) body and compares it with the
/// operation's body type as the API's serializer sees it — required fields that are missing, nulls where a value is
/// needed, members the type does not have, values of the wrong JSON kind or out of the type's range — and answers
/// <c>request.invalid_fields</c> with an <c>errors</c> member naming each field (JSON paths such as <c>rows[3].label</c>).
/// A body that is not JSON at all is <c>request.malformed_json</c> with its line and position. It names fields and
/// what they must be, never echoes values.
/// </summary>
internal static class BodyExplainer
{
    private const int MaxErrors = 20;
    private const int MaxElementsChecked = 10_000;
    private const int MaxNameLength = 64;

    public sealed record Explanation(string Code, string Detail, IReadOnlyDictionary<string, object?> Extensions);

    public static async Task<Explanation> ExplainAsync(HttpContext context, JsonException bindingError)
    {
        var fallback = new Explanation("request.malformed_json",
            $"The request body could not be read as this operation's JSON{(bindingError.Path is { } p ? $" (at {Clip(p)})" : "")}.", new Dictionary<string, object?>());
        // The exception handler has cleared the request's endpoint; its feature keeps the one that failed.
        var endpoint = context.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>()?.Endpoint ?? context.GetEndpoint();
        var bodyType = endpoint?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
        var body = context.Request.Body;
        if (bodyType is null || !body.CanSeek) return fallback;

        JsonDocument document;
        try
        {
            body.Position = 0;
            document = await JsonDocument.ParseAsync(body, new JsonDocumentOptions { MaxDepth = 64 }, context.RequestAborted);
        }
        catch (JsonException syntax)
        {
            return new Explanation("request.malformed_json",
                $"The request body is not well-formed JSON (line {(syntax.LineNumber ?? 0) + 1}, byte {(syntax.BytePositionInLine ?? 0) + 1} of that line).",
                new Dictionary<string, object?>());
        }
        catch (IOException)
        {
            return fallback;
        }

        using (document)
        {
            var options = context.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
            var errors = new SortedDictionary<string, string[]>(StringComparer.Ordinal);
            Check(document.RootElement, options.GetTypeInfo(bodyType), "", options, errors);
            if (errors.Count == 0) return fallback;
            var summary = string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}"));
            return new Explanation("request.invalid_fields", $"The request body has {errors.Count} field problem{(errors.Count == 1 ? "" : "s")}: {summary}.",
                new Dictionary<string, object?> { ["errors"] = errors });
        }
    }

    private static void Check(JsonElement value, JsonTypeInfo type, string path, JsonSerializerOptions options, SortedDictionary<string, string[]> errors)
    {
        if (errors.Count >= MaxErrors) return;
        var field = path.Length == 0 ? "(body)" : path;
        var expected = Expected(type);
        if (value.ValueKind == JsonValueKind.Null) return; // nullability is checked by the member that holds the value
        if (expected.Kind is { } kind && !Matches(value, kind, type.Type))
        {
            Add(errors, field, $"must be {expected.Description}");
            return;
        }
        switch (type.Kind)
        {
            case JsonTypeInfoKind.Object when value.ValueKind == JsonValueKind.Object:
                CheckObject(value, type, path, options, errors);
                break;
            case JsonTypeInfoKind.Enumerable when value.ValueKind == JsonValueKind.Array && type.ElementType is { } elementType:
                var elementInfo = options.GetTypeInfo(elementType);
                var index = 0;
                foreach (var element in value.EnumerateArray())
                {
                    if (index >= MaxElementsChecked || errors.Count >= MaxErrors) break;
                    var elementPath = $"{path}[{index++}]";
                    if (element.ValueKind == JsonValueKind.Null && elementType.IsValueType && Nullable.GetUnderlyingType(elementType) is null)
                        Add(errors, elementPath, "must not be null");
                    else
                        Check(element, elementInfo, elementPath, options, errors);
                }
                break;
        }
    }

    private static void CheckObject(JsonElement value, JsonTypeInfo type, string path, JsonSerializerOptions options, SortedDictionary<string, string[]> errors)
    {
        var comparison = options.PropertyNameCaseInsensitive ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;
        var known = new HashSet<string>(type.Properties.Select(p => p.Name), comparison);
        foreach (var property in type.Properties)
        {
            var propertyPath = path.Length == 0 ? property.Name : $"{path}.{property.Name}";
            var present = value.EnumerateObject().FirstOrDefault(m => comparison.Equals(m.Name, property.Name));
            if (present.Value.ValueKind == JsonValueKind.Undefined)
            {
                if (property.IsRequired || property.AssociatedParameter is { HasDefaultValue: false })
                    Add(errors, propertyPath, $"is required ({Expected(options.GetTypeInfo(property.PropertyType)).Description})");
                continue;
            }
            if (present.Value.ValueKind == JsonValueKind.Null)
            {
                var nullable = options.RespectNullableAnnotations ? property.IsSetNullable : !property.PropertyType.IsValueType || Nullable.GetUnderlyingType(property.PropertyType) is not null;
                if (!nullable) Add(errors, propertyPath, "must not be null");
                continue;
            }
            Check(present.Value, options.GetTypeInfo(property.PropertyType), propertyPath, options, errors);
        }
        if (type.UnmappedMemberHandling == JsonUnmappedMemberHandling.Disallow || options.UnmappedMemberHandling == JsonUnmappedMemberHandling.Disallow)
        {
            foreach (var member in value.EnumerateObject().Where(m => !known.Contains(m.Name)))
                Add(errors, path.Length == 0 ? Clip(member.Name) : $"{path}.{Clip(member.Name)}", "is not a field of this operation");
        }
    }

    private static void Add(SortedDictionary<string, string[]> errors, string field, string problem)
    {
        if (errors.Count < MaxErrors && !errors.ContainsKey(field)) errors[field] = [problem];
    }

    private static string Clip(string name) => name.Length <= MaxNameLength ? name : name[..MaxNameLength] + "…";

    private enum JsonKind { String, Integer, Number, Boolean, Array, Object, EnumName }

    private static (JsonKind? Kind, string Description) Expected(JsonTypeInfo type)
    {
        var clr = Nullable.GetUnderlyingType(type.Type) ?? type.Type;
        if (clr.IsEnum) return (JsonKind.EnumName, $"one of: {string.Join(", ", Enum.GetNames(clr))}");
        if (clr == typeof(string)) return (JsonKind.String, "a string");
        if (clr == typeof(bool)) return (JsonKind.Boolean, "true or false");
        if (clr == typeof(int)) return (JsonKind.Integer, "a whole number from -2147483648 to 2147483647");
        if (clr == typeof(long)) return (JsonKind.Integer, "a whole number (64-bit)");
        if (clr == typeof(double) || clr == typeof(float) || clr == typeof(decimal)) return (JsonKind.Number, "a number");
        if (clr == typeof(DateTimeOffset) || clr == typeof(DateTime)) return (JsonKind.String, "an ISO 8601 date-time string");
        return type.Kind switch
        {
            JsonTypeInfoKind.Enumerable => (JsonKind.Array, "an array"),
            JsonTypeInfoKind.Object or JsonTypeInfoKind.Dictionary => (JsonKind.Object, "an object"),
            _ => (null, "a value"),
        };
    }

    private static bool Matches(JsonElement value, JsonKind kind, Type type)
    {
        var clr = Nullable.GetUnderlyingType(type) ?? type;
        return kind switch
        {
            JsonKind.String => value.ValueKind == JsonValueKind.String,
            JsonKind.Boolean => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
            JsonKind.Integer => value.ValueKind == JsonValueKind.Number && (clr == typeof(int) ? value.TryGetInt32(out _) : value.TryGetInt64(out _)),
            JsonKind.Number => value.ValueKind == JsonValueKind.Number && (clr != typeof(float) || float.IsFinite(value.GetSingle())),
            JsonKind.Array => value.ValueKind == JsonValueKind.Array,
            JsonKind.Object => value.ValueKind == JsonValueKind.Object,
            JsonKind.EnumName => value.ValueKind == JsonValueKind.String && Enum.GetNames(clr).Contains(value.GetString(), StringComparer.OrdinalIgnoreCase),
            _ => true,
        };
    }
}
