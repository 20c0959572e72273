using System.Collections.Concurrent;
using LocalCloud.Core;

namespace LocalCloud.Hosting;

/// <summary>
/// Maps access key ids to principals and secrets. A 12-digit access key id is that account's root
/// (LocalStack's convention) with the default secret; AssumeRole registers temporary session keys here.
/// </summary>
public sealed class CredentialStore(string defaultSecretAccessKey = CredentialStore.DefaultSecret)
{
    /// <summary>The secret access key that every 12-digit access key id signs with unless configured otherwise.</summary>
    public const string DefaultSecret = "test";

    private readonly ConcurrentDictionary<string, IssuedCredentials> _issued = new(StringComparer.Ordinal);

    /// <summary>Registers temporary credentials (an AssumeRole session).</summary>
    public void Register(IssuedCredentials credentials) => _issued[credentials.AccessKeyId] = credentials;

    /// <summary>Resolves an access key id, or null when it is unknown.</summary>
    public IssuedCredentials? Resolve(string accessKeyId)
    {
        if (_issued.TryGetValue(accessKeyId, out var issued))
        {
            return issued;
        }

        return IsAccountId(accessKeyId)
            ? new IssuedCredentials(accessKeyId, defaultSecretAccessKey, null, AwsPrincipal.Root(accessKeyId), null)
            : null;
    }

    /// <summary>True for a 12-digit account id.</summary>
    public static bool IsAccountId(string value) => value.Length == 12 && value.All(char.IsAsciiDigit);
}

/// <summary>A set of credentials the cloud accepts.</summary>
public sealed record IssuedCredentials(
    string AccessKeyId,
    string SecretAccessKey,
    string? SessionToken,
    AwsPrincipal Principal,
    DateTimeOffset? Expiration);
