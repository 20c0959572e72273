using System.Text;
using System.Xml.Linq;
using LocalCloud.Core;
using LocalCloud.Protocols;
using static LocalCloud.Ec2.Protocol.Ec2Xml;

namespace LocalCloud.Ec2.Protocol;

/// <summary>
/// The EC2 Query protocol: form-encoded <c>Action</c> requests in, XML in the 2016-11-15 namespace out, errors as
/// <c>&lt;Response&gt;&lt;Errors&gt;&lt;Error&gt;</c> with a RequestID. Every mutating call also emits an
/// "AWS API Call via CloudTrail" event.
/// </summary>
public sealed partial class Ec2QueryProtocol : IAwsServiceProtocol
{
    private readonly Ec2Model _model;
    private readonly ICloudEventSink _events;
    private readonly Dictionary<string, Func<QueryParameters, Ec2Scope, IEnumerable<object?>>> _actions;

    /// <summary>Serves a model; CloudTrail events go to <paramref name="events"/>.</summary>
    public Ec2QueryProtocol(Ec2Model model, ICloudEventSink? events = null)
    {
        _model = model;
        _events = events ?? NullCloudEventSink.Instance;
        _actions = new(StringComparer.Ordinal);
        RegisterNetworkActions();
        RegisterSecurityActions();
        RegisterPeeringActions();
    }

    /// <summary>The state model this protocol serves.</summary>
    public Ec2Model Model => _model;

    /// <summary>The actions this protocol serves.</summary>
    public IReadOnlyCollection<string> Actions => _actions.Keys;

    /// <inheritdoc />
    public string SigningName => "ec2";

    /// <inheritdoc />
    public string? ResolveAction(AwsServiceRequest request) => QueryParameters.From(request).Action;

    /// <inheritdoc />
    public Task<AwsServiceResponse> HandleAsync(AwsServiceRequest request, AwsCallContext context, CancellationToken cancellationToken)
    {
        var parameters = QueryParameters.From(request);
        var action = parameters.Action;
        if (action is null || !_actions.TryGetValue(action, out var handler))
        {
            throw new AwsServiceException("InvalidAction", $"The action {action ?? "(none)"} is not valid for this web service.");
        }

        if (parameters.GetBool("DryRun") == true)
        {
            throw new AwsServiceException("DryRunOperation", "Request would have succeeded, but DryRun flag is set.", 412);
        }

        var scope = new Ec2Scope(context.AccountId, context.Region);
        XElement response;
        try
        {
            response = E(action + "Response", E("requestId", context.RequestId), handler(parameters, scope));
        }
        catch (AwsServiceException error) when (IsMutating(action))
        {
            _events.Publish(CloudTrailEvent.For(context, action, parameters, null, error));
            throw;
        }

        if (IsMutating(action))
        {
            _events.Publish(CloudTrailEvent.For(context, action, parameters, response, null));
        }

        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + response.ToString(SaveOptions.DisableFormatting);
        return Task.FromResult(new AwsServiceResponse(200, "text/xml;charset=UTF-8", Encoding.UTF8.GetBytes(xml)));
    }

    /// <inheritdoc />
    public AwsServiceResponse RenderError(AwsServiceException error, AwsCallContext context)
    {
        var xml = new XElement("Response",
            new XElement("Errors", new XElement("Error", new XElement("Code", error.Code), new XElement("Message", error.Message))),
            new XElement("RequestID", context.RequestId));
        return AwsServiceResponse.Text(error.StatusCode, "text/xml;charset=UTF-8",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + xml.ToString(SaveOptions.DisableFormatting)) with { ErrorCode = error.Code };
    }

    private static bool IsMutating(string action) => !action.StartsWith("Describe", StringComparison.Ordinal);

    private void Add(string action, Func<QueryParameters, Ec2Scope, IEnumerable<object?>> handler) => _actions[action] = handler;

    private static IEnumerable<object?> Return() => [Bool("return", true)];

    private static IEnumerable<object?> Paged<T>(string setName, Ec2Page<T> page, Func<T, IEnumerable<object?>> render) =>
        [Set(setName, page.Items, render), Opt("nextToken", page.NextToken)];
}
