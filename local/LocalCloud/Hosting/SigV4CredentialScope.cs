using LocalCloud.Core;

namespace LocalCloud.Hosting;

/// <summary>The parts of a SigV4 signature that route and authenticate a request (header or presigned query form).</summary>
/// <param name="AccessKeyId">The access key id.</param>
/// <param name="Date">The scope date (yyyyMMdd).</param>
/// <param name="Region">The region that signed the request.</param>
/// <param name="Service">The signing name of the service.</param>
/// <param name="SignedHeaders">The signed header names, lower case.</param>
/// <param name="Signature">The hex signature.</param>
public sealed record SigV4CredentialScope(
    string AccessKeyId,
    string Date,
    string Region,
    string Service,
    IReadOnlyList<string> SignedHeaders,
    string Signature)
{
    /// <summary>The only signing algorithm the cloud accepts.</summary>
    public const string Algorithm = "AWS4-HMAC-SHA256";

    /// <summary>True when the signature came in the query string (a presigned URL).</summary>
    public bool IsPresigned { get; init; }

    /// <summary>The request timestamp (<c>yyyyMMddTHHmmssZ</c>) from <c>X-Amz-Date</c>, when present.</summary>
    public string? AmzDate { get; init; }

    /// <summary>The session token (<c>X-Amz-Security-Token</c>) sent with temporary credentials.</summary>
    public string? SecurityToken { get; init; }

    /// <summary><c>DATE/REGION/SERVICE/aws4_request</c>.</summary>
    public string Scope => $"{Date}/{Region}/{Service}/aws4_request";

    /// <summary>
    /// Parses <c>AWS4-HMAC-SHA256 Credential=AKID/DATE/REGION/SERVICE/aws4_request, SignedHeaders=a;b, Signature=hex</c>.
    /// </summary>
    public static SigV4CredentialScope? TryParse(string? authorization)
    {
        if (authorization is null || !authorization.StartsWith(Algorithm, StringComparison.Ordinal))
        {
            return null;
        }

        string? credential = null, signedHeaders = null, signature = null;
        var parts = authorization[Algorithm.Length..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        foreach (var part in parts)
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0)
            {
                continue;
            }

            var value = part[(equals + 1)..];
            switch (part[..equals])
            {
                case "Credential": credential = value; break;
                case "SignedHeaders": signedHeaders = value; break;
                case "Signature": signature = value; break;
            }
        }

        return Create(credential, signedHeaders, signature);
    }

    /// <summary>Parses the signature of a request: the <c>Authorization</c> header, else the presigned query parameters.</summary>
    public static SigV4CredentialScope? TryParse(AwsServiceRequest request)
    {
        if (TryParse(request.Header("Authorization")) is { } fromHeader)
        {
            return fromHeader with { AmzDate = request.Header("X-Amz-Date"), SecurityToken = request.Header("X-Amz-Security-Token") };
        }

        var query = SigV4Signature.ParseQuery(request.QueryString);
        if (query.GetValueOrDefault("X-Amz-Algorithm") != Algorithm)
        {
            return null;
        }

        return Create(query.GetValueOrDefault("X-Amz-Credential"), query.GetValueOrDefault("X-Amz-SignedHeaders"),
            query.GetValueOrDefault("X-Amz-Signature")) is { } presigned
            ? presigned with
            {
                IsPresigned = true,
                AmzDate = query.GetValueOrDefault("X-Amz-Date"),
                SecurityToken = query.GetValueOrDefault("X-Amz-Security-Token"),
            }
            : null;
    }

    private static SigV4CredentialScope? Create(string? credential, string? signedHeaders, string? signature)
    {
        var scope = credential?.Split('/');
        if (scope is not { Length: 5 } || scope[4] != "aws4_request" || signedHeaders is null || signature is null)
        {
            return null;
        }

        return new SigV4CredentialScope(scope[0], scope[1], scope[2], scope[3], signedHeaders.Split(';'), signature);
    }
}
