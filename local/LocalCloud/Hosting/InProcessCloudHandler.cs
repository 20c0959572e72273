using System.Net.Http.Headers;
using LocalCloud.Core;

namespace LocalCloud.Hosting;

/// <summary>Serves HTTP requests from AWS SDK clients directly from the cloud, without a socket.</summary>
internal sealed class InProcessCloudHandler(EmulatedCloud cloud) : HttpMessageHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in request.Headers)
        {
            headers[name] = string.Join(",", values);
        }

        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        if (request.Content is not null)
        {
            foreach (var (name, values) in request.Content.Headers)
            {
                headers[name] = string.Join(",", values);
            }
        }

        var uri = request.RequestUri ?? throw new InvalidOperationException("The request has no URI.");
        headers["Host"] = uri.IsDefaultPort ? uri.Host : $"{uri.Host}:{uri.Port}";
        var serviceRequest = new AwsServiceRequest(request.Method.Method, uri.AbsolutePath, uri.Query.TrimStart('?'), headers, body);
        var response = await cloud.DispatchAsync(serviceRequest, cancellationToken).ConfigureAwait(false);

        var message = new HttpResponseMessage((System.Net.HttpStatusCode)response.StatusCode)
        {
            RequestMessage = request,
            Content = new ByteArrayContent(response.Body.ToArray()),
        };
        message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(response.ContentType);
        foreach (var (name, value) in response.Headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        return message;
    }
}
