using System.Text;
using LocalCloud.Core;
using LocalCloud.Hosting;

namespace LocalCloud.Tests.Support;

/// <summary>Raw, correctly signed requests for tests that need to see the wire response itself.</summary>
internal static class SignedRequests
{
    public static AwsServiceRequest Query(
        EmulatedCloud cloud, string accessKeyId, string service, string form, string region = "us-east-1", string secret = "test")
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Content-Type"] = "application/x-www-form-urlencoded; charset=utf-8",
        };
        var request = new AwsServiceRequest("POST", "/", string.Empty, headers, Encoding.UTF8.GetBytes(form));
        return SigV4Signature.Sign(request, accessKeyId, secret, region, service, cloud.Time.GetUtcNow());
    }
}
