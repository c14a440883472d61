using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using System.Reflection;
using Microsoft.AspNetCore.Builder;

namespace Coffer.Server.Http;

/// <summary>A native-API answer written as JSON, or as YAML when the Accept header asks for it.</summary>
public sealed class NativeResult<T>(T value, JsonTypeInfo<T> type, int status = StatusCodes.Status200OK)
    : IResult, IStatusCodeHttpResult, IValueHttpResult<T>, IValueHttpResult, IEndpointMetadataProvider
{
    public int? StatusCode => status;
    public T Value => value;
    object? IValueHttpResult.Value => value;

    public async Task ExecuteAsync(HttpContext context)
    {
        var response = context.Response;
        response.StatusCode = status;
        if (MediaTypes.WantsYaml(context.Request))
        {
            response.ContentType = MediaTypes.Yaml + "; charset=utf-8";
            var element = JsonSerializer.SerializeToElement(value, type);
            await response.WriteAsync(YamlTranscoder.FromJson(element), context.RequestAborted);
            return;
        }
        response.ContentType = MediaTypes.Json + "; charset=utf-8";
        // Relaxed escaping keeps ' and non-ASCII text readable; it is safe for application/json bodies.
        await using (var writer = new Utf8JsonWriter(response.BodyWriter, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            JsonSerializer.Serialize(writer, value, type);
        await response.BodyWriter.FlushAsync(context.RequestAborted);
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(T), [MediaTypes.Json, MediaTypes.Yaml]));
}

public static class Native
{
    public static NativeResult<T> Ok<T>(T value, JsonTypeInfo<T> type) => new(value, type);

    public static NativeResult<ErrorBody> Error(int status, string code, string message) =>
        new(ErrorBody.Of(code, message), HttpJson.Native.ErrorBody, status);
}
