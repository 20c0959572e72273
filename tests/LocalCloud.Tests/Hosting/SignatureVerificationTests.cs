using System.Text;
using Amazon.Runtime;
using Amazon.SecurityToken.Model;
using LocalCloud.Core;
using LocalCloud.Tests.Support;

namespace LocalCloud.Tests.Hosting;

/// <summary>
/// Follows "Create a signed AWS API request" and "Elements of an AWS API request signature" in the IAM user guide
/// (https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html) and the STS common errors
/// (https://docs.aws.amazon.com/STS/latest/APIReference/CommonErrors.html).
/// </summary>
public sealed class SignatureVerificationTests
{
    private readonly EmulatedCloud _cloud = new();

    [Fact]
    public async Task A_request_signed_with_the_wrong_secret_is_SignatureDoesNotMatch()
    {
        using var sts = CloudClients.Sts(_cloud, new BasicAWSCredentials("111111111111", "not-the-secret"));

        var error = await Assert.ThrowsAnyAsync<AmazonServiceException>(() => sts.GetCallerIdentityAsync(new GetCallerIdentityRequest()));

        Assert.Equal("SignatureDoesNotMatch", error.ErrorCode);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, error.StatusCode);
    }

    [Fact]
    public async Task An_access_key_id_the_cloud_never_issued_is_InvalidClientTokenId()
    {
        using var sts = CloudClients.Sts(_cloud, new BasicAWSCredentials("AKIAIOSFODNN7EXAMPLE", "test"));

        var error = await Assert.ThrowsAnyAsync<AmazonServiceException>(() => sts.GetCallerIdentityAsync(new GetCallerIdentityRequest()));

        Assert.Equal("InvalidClientTokenId", error.ErrorCode);
    }

    [Fact]
    public async Task Session_keys_without_their_session_token_are_InvalidClientTokenId()
    {
        Roles.Put(_cloud, "222222222222", "Target", Roles.TrustAccount("111111111111"));
        using var sts = CloudClients.Sts(_cloud, "111111111111");
        var session = await sts.AssumeRoleAsync(
            new AssumeRoleRequest { RoleArn = "arn:aws:iam::222222222222:role/Target", RoleSessionName = "s1" });
        using var withoutToken = CloudClients.Sts(_cloud,
            new BasicAWSCredentials(session.Credentials.AccessKeyId, session.Credentials.SecretAccessKey));

        var error = await Assert.ThrowsAnyAsync<AmazonServiceException>(
            () => withoutToken.GetCallerIdentityAsync(new GetCallerIdentityRequest()));

        Assert.Equal("InvalidClientTokenId", error.ErrorCode);
    }

    [Fact]
    public async Task A_body_changed_after_signing_is_SignatureDoesNotMatch()
    {
        var signed = SignedRequests.Query(_cloud, "111111111111", "sts", "Action=GetCallerIdentity&Version=2011-06-15");
        var tampered = signed with { Body = Encoding.UTF8.GetBytes("Action=AssumeRole&Version=2011-06-15") };

        var accepted = await _cloud.DispatchAsync(signed);
        var rejected = await _cloud.DispatchAsync(tampered);

        Assert.Equal(200, accepted.StatusCode);
        Assert.Equal("SignatureDoesNotMatch", rejected.ErrorCode);
        Assert.Contains("<Code>SignatureDoesNotMatch</Code>", Encoding.UTF8.GetString(rejected.Body.Span), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unsigned_payload_declared_in_x_amz_content_sha256_is_accepted()
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Content-Type"] = "application/x-www-form-urlencoded",
            ["X-Amz-Content-Sha256"] = "UNSIGNED-PAYLOAD",
        };
        var body = Encoding.UTF8.GetBytes("Action=GetCallerIdentity&Version=2011-06-15");
        var request = LocalCloud.Hosting.SigV4Signature.Sign(
            new AwsServiceRequest("POST", "/", string.Empty, headers, body),
            "111111111111", "test", "us-east-1", "sts", _cloud.Time.GetUtcNow());

        var response = await _cloud.DispatchAsync(request);

        Assert.Equal(200, response.StatusCode);
    }

    [Fact]
    public async Task A_presigned_query_string_request_is_verified()
    {
        var now = _cloud.Time.GetUtcNow();
        var amzDate = now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var credential = Uri.EscapeDataString($"111111111111/{amzDate[..8]}/us-east-1/sts/aws4_request");
        var query = $"Action=GetCallerIdentity&Version=2011-06-15&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential={credential}"
            + $"&X-Amz-Date={amzDate}&X-Amz-Expires=300&X-Amz-SignedHeaders=host";
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Host"] = "localcloud.internal" };
        var unsigned = new AwsServiceRequest("GET", "/", query, headers, ReadOnlyMemory<byte>.Empty);
        var signature = PresignedSignature(unsigned, amzDate);

        var good = await _cloud.DispatchAsync(unsigned with { QueryString = query + "&X-Amz-Signature=" + signature });
        var bad = await _cloud.DispatchAsync(unsigned with { QueryString = query + "&X-Amz-Signature=" + new string('0', 64) });

        Assert.Equal(200, good.StatusCode);
        Assert.Equal("SignatureDoesNotMatch", bad.ErrorCode);
    }

    [Fact]
    public async Task The_real_ec2_client_signs_requests_the_cloud_verifies()
    {
        _cloud.AddService(new StubQueryService("ec2", StubQueryService.Ok));
        using var ec2 = CloudClients.Ec2(_cloud, "111111111111", "eu-central-1");

        await ec2.DescribeVpcsAsync(new Amazon.EC2.Model.DescribeVpcsRequest
        {
            Filters = [new Amazon.EC2.Model.Filter("tag:Name", ["hub vpc*", "ünïcode & more=+"])],
            MaxResults = 5,
        });

        Assert.Equal(("ec2", "eu-central-1", "ok"), (_cloud.RequestLog.Entries[0].Service, _cloud.RequestLog.Entries[0].Region,
            _cloud.RequestLog.Entries[0].Outcome));
    }

    // Independent of the cloud's canonicalization: the canonical request for this fixed shape, written out by hand.
    private static string PresignedSignature(AwsServiceRequest request, string amzDate)
    {
        static byte[] Hmac(byte[] key, string data) => System.Security.Cryptography.HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));
        var sortedQuery = string.Join('&', request.QueryString.Split('&').Order(StringComparer.Ordinal));
        var canonical = $"GET\n/\n{sortedQuery}\nhost:localcloud.internal\n\nhost\nUNSIGNED-PAYLOAD";
        var scope = $"{amzDate[..8]}/us-east-1/sts/aws4_request";
        var canonicalHash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
        var stringToSign = $"AWS4-HMAC-SHA256\n{amzDate}\n{scope}\n{canonicalHash}";
        var key = Hmac(Hmac(Hmac(Hmac(Encoding.UTF8.GetBytes("AWS4test"), amzDate[..8]), "us-east-1"), "sts"), "aws4_request");
        return Convert.ToHexStringLower(Hmac(key, stringToSign));
    }
}
