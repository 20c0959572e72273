namespace LocalCloud.Hosting;

/// <summary>The parts of a SigV4 <c>Authorization</c> header that route a request.</summary>
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
    private const string Algorithm = "AWS4-HMAC-SHA256";

    /// <summary>Parses <c>AWS4-HMAC-SHA256 Credential=AKID/DATE/REGION/SERVICE/aws4_request, SignedHeaders=a;b, Signature=hex</c>.</summary>
    public static SigV4CredentialScope? TryParse(string? authorization)
    {
        if (authorization is null || !authorization.StartsWith(Algorithm, StringComparison.Ordinal))
        {
            return null;
        }

        string? credential = null, signedHeaders = null, signature = null;
        foreach (var part in authorization[Algorithm.Length..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
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

        var scope = credential?.Split('/');
        if (scope is not { Length: 5 } || scope[4] != "aws4_request" || signedHeaders is null || signature is null)
        {
            return null;
        }

        return new SigV4CredentialScope(scope[0], scope[1], scope[2], scope[3], signedHeaders.Split(';'), signature);
    }
}
