using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using LocalCloud.Core;

namespace LocalCloud.Hosting;

/// <summary>
/// Recomputes a Signature Version 4 signature the way AWS does: canonical request, string to sign, and the
/// HMAC chain <c>AWS4+secret → date → region → service → aws4_request</c> (IAM user guide, "Create a signed AWS API request").
/// </summary>
internal static class SigV4Signature
{
    private const string UnsignedPayload = "UNSIGNED-PAYLOAD";

    /// <summary>True when the request carries a valid signature for the secret.</summary>
    public static bool Verify(AwsServiceRequest request, SigV4CredentialScope scope, string secretAccessKey)
    {
        var amzDate = scope.AmzDate ?? FromHttpDate(request.Header("Date"));
        if (amzDate is null)
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(scope.Signature.ToLowerInvariant());
        foreach (var uri in CanonicalUris(request.Path))
        {
            foreach (var payload in PayloadHashes(request, scope))
            {
                var actual = Encoding.ASCII.GetBytes(Compute(request, scope, amzDate, secretAccessKey, uri, payload));
                if (CryptographicOperations.FixedTimeEquals(actual, expected))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// Signs a request with an <c>Authorization</c> header (adds <c>Host</c> when missing, <c>X-Amz-Date</c> and, for
    /// temporary credentials, <c>X-Amz-Security-Token</c>); for raw-request tests and internal callers.
    /// </summary>
    public static AwsServiceRequest Sign(
        AwsServiceRequest request, string accessKeyId, string secretAccessKey, string region, string service, DateTimeOffset time,
        string? sessionToken = null)
    {
        var amzDate = time.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var headers = new Dictionary<string, string>(request.Headers, StringComparer.OrdinalIgnoreCase) { ["X-Amz-Date"] = amzDate };
        headers.TryAdd("Host", "localcloud.internal");
        if (sessionToken is not null)
        {
            headers["X-Amz-Security-Token"] = sessionToken;
        }

        var signed = request with { Headers = headers };
        var names = headers.Keys
            .Select(k => k.ToLowerInvariant())
            .Where(k => k is "host" or "content-type" || k.StartsWith("x-amz-", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToArray();
        var scope = new SigV4CredentialScope(accessKeyId, amzDate[..8], region, service, names, string.Empty);
        var signature = Compute(
            signed, scope, amzDate, secretAccessKey, CanonicalUris(request.Path).First(), PayloadHashes(signed, scope).First());
        headers["Authorization"] = $"{SigV4CredentialScope.Algorithm} Credential={accessKeyId}/{scope.Scope}, "
            + $"SignedHeaders={string.Join(';', names)}, Signature={signature}";
        return signed;
    }

    /// <summary>Decodes a query string into name/value pairs (last one wins), without treating <c>+</c> as a space.</summary>
    public static Dictionary<string, string> ParseQuery(string query)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in Pairs(query))
        {
            values[name] = value;
        }

        return values;
    }

    private static string Compute(
        AwsServiceRequest request,
        SigV4CredentialScope scope,
        string amzDate,
        string secretAccessKey,
        string canonicalUri,
        string payloadHash)
    {
        var canonical = string.Join('\n',
            request.Method.ToUpperInvariant(), canonicalUri, CanonicalQuery(request.QueryString, scope.IsPresigned),
            CanonicalHeaders(request, scope.SignedHeaders), string.Join(';', scope.SignedHeaders), payloadHash);
        var stringToSign = string.Join('\n',
            SigV4CredentialScope.Algorithm, amzDate, scope.Scope, Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonical))));
        return Hex(HMACSHA256.HashData(SigningKey(secretAccessKey, scope), Encoding.UTF8.GetBytes(stringToSign)));
    }

    private static byte[] SigningKey(string secret, SigV4CredentialScope scope)
    {
        var key = Encoding.UTF8.GetBytes("AWS4" + secret);
        foreach (var part in new[] { scope.Date, scope.Region, scope.Service, "aws4_request" })
        {
            key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(part));
        }

        return key;
    }

    // Non-S3 services sign the path encoded twice; transports may or may not have decoded it, so both forms are tried.
    private static IEnumerable<string> CanonicalUris(string path)
    {
        var segments = (string.IsNullOrEmpty(path) ? "/" : path).Split('/').Select(Uri.UnescapeDataString).ToArray();
        var once = string.Join('/', segments.Select(s => UriEncode(s)));
        var twice = string.Join('/', segments.Select(s => UriEncode(UriEncode(s))));
        return once == twice ? [once] : [twice, once];
    }

    private static IEnumerable<string> PayloadHashes(AwsServiceRequest request, SigV4CredentialScope scope)
    {
        var declared = request.Header("X-Amz-Content-Sha256");
        if (declared is not null && (declared == UnsignedPayload || declared.StartsWith("STREAMING-", StringComparison.Ordinal)))
        {
            return [declared];
        }

        var bodyHash = Hex(SHA256.HashData(request.Body.Span));
        return scope.IsPresigned ? [UnsignedPayload, bodyHash] : [bodyHash];
    }

    private static string CanonicalQuery(string query, bool presigned) =>
        string.Join('&', Pairs(query)
            .Where(p => !(presigned && p.Name == "X-Amz-Signature"))
            .Select(p => (Name: UriEncode(p.Name), Value: UriEncode(p.Value)))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => $"{p.Name}={p.Value}"));

    private static string CanonicalHeaders(AwsServiceRequest request, IReadOnlyList<string> signedHeaders)
    {
        var builder = new StringBuilder();
        foreach (var name in signedHeaders)
        {
            var value = request.Header(name)
                ?? (name == "content-length" ? request.Body.Length.ToString(CultureInfo.InvariantCulture) : string.Empty);
            builder.Append(name).Append(':').Append(string.Join(' ', value.Split(' ', StringSplitOptions.RemoveEmptyEntries))).Append('\n');
        }

        return builder.ToString();
    }

    private static IEnumerable<(string Name, string Value)> Pairs(string query)
    {
        foreach (var pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            yield return equals < 0
                ? (Uri.UnescapeDataString(pair), string.Empty)
                : (Uri.UnescapeDataString(pair[..equals]), Uri.UnescapeDataString(pair[(equals + 1)..]));
        }
    }

    private static string UriEncode(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    private static string? FromHttpDate(string? date) =>
        DateTimeOffset.TryParse(date, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal, out var parsed)
            ? parsed.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)
            : null;

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
