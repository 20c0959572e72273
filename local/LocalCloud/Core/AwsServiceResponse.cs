using System.Text;

namespace LocalCloud.Core;

/// <summary>A raw HTTP response produced by an emulated service.</summary>
public sealed record AwsServiceResponse(int StatusCode, string ContentType, ReadOnlyMemory<byte> Body)
{
    /// <summary>Extra response headers (for example <c>X-Amz-Function-Error</c>).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>The error code when the response is an error, for the request log.</summary>
    public string? ErrorCode { get; init; }

    /// <summary>A text response.</summary>
    public static AwsServiceResponse Text(int statusCode, string contentType, string body) =>
        new(statusCode, contentType, Encoding.UTF8.GetBytes(body));
}
