using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace LocalCloud.Tests.Events;

/// <summary>
/// A plain HttpClient into the cloud that signs each request with SigV4 (IAM user guide, "Create a signed AWS API
/// request"), written independently of the cloud's verifier. Used for wire tests of services whose SDK is not available.
/// </summary>
internal sealed class SignedHttpClient(EmulatedCloud cloud, string accessKeyId, string region, string secret = "test") : IDisposable
{
    private const string Host = "localcloud.internal";
    private readonly HttpClient _http = new(cloud.CreateHttpMessageHandler()) { BaseAddress = new Uri($"http://{Host}") };

    public Task<HttpResponseMessage> SendAsync(
        string service, HttpMethod method, string path, string? body, string? contentType, IReadOnlyDictionary<string, string>? headers = null)
    {
        var bytes = Encoding.UTF8.GetBytes(body ?? string.Empty);
        var amzDate = cloud.Time.GetUtcNow().UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var signed = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["host"] = Host, ["x-amz-date"] = amzDate };
        if (contentType is not null)
        {
            signed["content-type"] = contentType;
        }

        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            signed[name.ToLowerInvariant()] = value;
        }

        var signedHeaders = string.Join(';', signed.Keys);
        var canonicalUri = string.Join('/', path.Split('/').Select(s => Uri.EscapeDataString(Uri.EscapeDataString(Uri.UnescapeDataString(s)))));
        var canonical = string.Join('\n', method.Method, canonicalUri, string.Empty,
            string.Concat(signed.Select(h => $"{h.Key}:{h.Value.Trim()}\n")), signedHeaders, Hex(SHA256.HashData(bytes)));
        var scope = $"{amzDate[..8]}/{region}/{service}/aws4_request";
        var stringToSign = string.Join('\n', "AWS4-HMAC-SHA256", amzDate, scope, Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonical))));
        var key = Encoding.UTF8.GetBytes("AWS4" + secret);
        foreach (var part in new[] { amzDate[..8], region, service, "aws4_request" })
        {
            key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(part));
        }

        var signature = Hex(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));
        var request = new HttpRequestMessage(method, path) { Content = new ByteArrayContent(bytes) };
        if (contentType is not null)
        {
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        request.Headers.TryAddWithoutValidation("X-Amz-Date", amzDate);
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        request.Headers.TryAddWithoutValidation("Authorization",
            $"AWS4-HMAC-SHA256 Credential={accessKeyId}/{scope}, SignedHeaders={signedHeaders}, Signature={signature}");
        return _http.SendAsync(request);
    }

    /// <summary>An AWS JSON 1.1 call (<c>X-Amz-Target: prefix.Action</c>).</summary>
    public async Task<(int Status, string Body)> JsonAsync(string service, string target, string body)
    {
        using var response = await SendAsync(service, HttpMethod.Post, "/", body, "application/x-amz-json-1.1",
            new Dictionary<string, string> { ["X-Amz-Target"] = target });
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public void Dispose() => _http.Dispose();

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
