using System.Globalization;
using System.Xml.Linq;
using LocalCloud.Core;
using LocalCloud.Protocols;

namespace LocalCloud.Sts;

/// <summary>
/// The STS Query protocol: form-encoded <c>Action</c> requests, XML responses in the
/// <c>https://sts.amazonaws.com/doc/2011-06-15/</c> namespace, and <c>ErrorResponse</c> errors.
/// </summary>
public sealed class StsQueryProtocol(SecurityTokenService sts) : IAwsServiceProtocol
{
    /// <summary>The STS XML namespace.</summary>
    public static readonly XNamespace Namespace = "https://sts.amazonaws.com/doc/2011-06-15/";

    /// <inheritdoc />
    public string SigningName => "sts";

    /// <inheritdoc />
    public string? ResolveAction(AwsServiceRequest request) => QueryParameters.From(request).Action;

    /// <inheritdoc />
    public Task<AwsServiceResponse> HandleAsync(AwsServiceRequest request, AwsCallContext context, CancellationToken cancellationToken)
    {
        var parameters = QueryParameters.From(request);
        var action = parameters.Action
            ?? throw new AwsServiceException("MissingAction", "Missing Action");
        var result = action switch
        {
            "AssumeRole" => AssumeRole(parameters, context),
            "GetCallerIdentity" => GetCallerIdentity(context),
            _ => throw new AwsServiceException("InvalidAction", $"Could not find operation {action} for version 2011-06-15"),
        };
        return Task.FromResult(Render(action, result, context));
    }

    /// <inheritdoc />
    public AwsServiceResponse RenderError(AwsServiceException error, AwsCallContext context)
    {
        var document = new XDocument(new XElement(Namespace + "ErrorResponse",
            new XElement(Namespace + "Error",
                new XElement(Namespace + "Type", error.StatusCode >= 500 ? "Receiver" : "Sender"),
                new XElement(Namespace + "Code", error.Code),
                new XElement(Namespace + "Message", error.Message)),
            new XElement(Namespace + "RequestId", context.RequestId)));
        return AwsServiceResponse.Text(error.StatusCode, "text/xml", document.ToString(SaveOptions.DisableFormatting)) with
        {
            ErrorCode = error.Code,
        };
    }

    private XElement[] AssumeRole(QueryParameters parameters, AwsCallContext context)
    {
        var input = new AssumeRoleInput(
            Required(parameters, "RoleArn"),
            Required(parameters, "RoleSessionName"),
            parameters.GetInt("DurationSeconds"),
            parameters.Get("ExternalId"));
        var session = sts.AssumeRole(context.Caller, input);
        var credentials = session.Credentials;
        return
        [
            new XElement(Namespace + "AssumedRoleUser",
                new XElement(Namespace + "AssumedRoleId", session.AssumedRoleId),
                new XElement(Namespace + "Arn", session.AssumedRoleArn)),
            new XElement(Namespace + "Credentials",
                new XElement(Namespace + "AccessKeyId", credentials.AccessKeyId),
                new XElement(Namespace + "SecretAccessKey", credentials.SecretAccessKey),
                new XElement(Namespace + "SessionToken", credentials.SessionToken),
                new XElement(Namespace + "Expiration",
                    session.Expiration.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture))),
        ];
    }

    private static XElement[] GetCallerIdentity(AwsCallContext context)
    {
        var identity = SecurityTokenService.GetCallerIdentity(context.Caller);
        return
        [
            new XElement(Namespace + "Arn", identity.Arn),
            new XElement(Namespace + "UserId", identity.UserId),
            new XElement(Namespace + "Account", identity.Account),
        ];
    }

    private static string Required(QueryParameters parameters, string name) =>
        parameters.Get(name) is { Length: > 0 } value
            ? value
            : throw new AwsServiceException("ValidationError", $"1 validation error detected: Value null at "
                + $"'{char.ToLowerInvariant(name[0])}{name[1..]}' failed to satisfy constraint: Member must not be null");

    private static AwsServiceResponse Render(string action, XElement[] result, AwsCallContext context)
    {
        var document = new XDocument(new XElement(Namespace + $"{action}Response",
            new XElement(Namespace + $"{action}Result", result),
            new XElement(Namespace + "ResponseMetadata", new XElement(Namespace + "RequestId", context.RequestId))));
        return AwsServiceResponse.Text(200, "text/xml", document.ToString(SaveOptions.DisableFormatting));
    }
}
