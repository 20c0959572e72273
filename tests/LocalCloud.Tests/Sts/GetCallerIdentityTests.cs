using Amazon.SecurityToken.Model;
using LocalCloud.Tests.Support;

namespace LocalCloud.Tests.Sts;

/// <summary>
/// Follows the STS API reference, GetCallerIdentity (https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html).
/// </summary>
public sealed class GetCallerIdentityTests
{
    [Fact]
    public async Task A_twelve_digit_access_key_id_is_that_accounts_root()
    {
        var cloud = new EmulatedCloud();
        using var sts = CloudClients.Sts(cloud, "111111111111", "eu-west-1");

        var identity = await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest());

        Assert.Equal("111111111111", identity.Account);
        Assert.Equal("arn:aws:iam::111111111111:root", identity.Arn);
        Assert.Equal("111111111111", identity.UserId);
    }

    [Fact]
    public async Task An_unknown_action_is_answered_with_InvalidAction_in_the_sts_error_format()
    {
        var cloud = new EmulatedCloud();
        var request = SignedRequests.Query(cloud, "111111111111", "sts", "Action=GetSessionTokenX&Version=2011-06-15");

        var response = await cloud.DispatchAsync(request);
        var body = System.Text.Encoding.UTF8.GetString(response.Body.Span);

        Assert.Equal(400, response.StatusCode);
        Assert.Contains(
            "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error><Type>Sender</Type><Code>InvalidAction</Code>",
            body,
            StringComparison.Ordinal);
        Assert.Contains("<RequestId>", body, StringComparison.Ordinal);
    }
}
