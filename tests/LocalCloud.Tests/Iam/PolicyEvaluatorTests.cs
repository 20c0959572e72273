using LocalCloud.Iam;
using LocalCloud.Tests.Support;

namespace LocalCloud.Tests.Iam;

/// <summary>
/// Follows the IAM policy evaluation logic (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html)
/// and the JSON element reference for Action/NotAction, Resource and Condition
/// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements.html).
/// </summary>
public sealed class PolicyEvaluatorTests
{
    private const string PeeringPolicy = """
        {
          "Version": "2012-10-17",
          "Statement": [
            { "Effect": "Allow", "Action": ["ec2:CreateVpcPeeringConnection", "ec2:Describe*"], "Resource": "*" },
            { "Effect": "Allow", "Action": "ec2:CreateRoute", "Resource": "arn:aws:ec2:*:111111111111:route-table/*" },
            { "Effect": "Deny", "Action": "ec2:DeleteVpcPeeringConnection", "Resource": "*" },
            {
              "Effect": "Allow", "Action": "ec2:CreateTags", "Resource": "*",
              "Condition": { "StringEquals": { "ec2:CreateAction": "CreateVpcPeeringConnection" } }
            }
          ]
        }
        """;

    private readonly EmulatedCloud _cloud = new();
    private readonly string _roleArn;

    public PolicyEvaluatorTests() =>
        _roleArn = Roles.Put(
            _cloud, "111111111111", "Peering", Roles.TrustAccount("111111111111"), new IamPolicy("peering", PeeringPolicy)).Arn;

    [Theory]
    [InlineData("ec2:CreateVpcPeeringConnection", "*", PolicyDecision.Allow)]
    [InlineData("EC2:describevpcs", "*", PolicyDecision.Allow)]
    [InlineData("ec2:CreateRoute", "arn:aws:ec2:us-east-1:111111111111:route-table/rtb-1", PolicyDecision.Allow)]
    [InlineData("ec2:CreateRoute", "arn:aws:ec2:us-east-1:222222222222:route-table/rtb-1", PolicyDecision.ImplicitDeny)]
    [InlineData("ec2:DeleteVpcPeeringConnection", "*", PolicyDecision.ExplicitDeny)]
    [InlineData("ec2:DeleteVpc", "*", PolicyDecision.ImplicitDeny)]
    public void Actions_and_resources_match_with_wildcards_and_an_explicit_deny_wins(
        string action, string resource, PolicyDecision expected)
    {
        Assert.Equal(expected, _cloud.Iam.Evaluate(_roleArn, action, resource));
    }

    [Fact]
    public void A_condition_must_hold_for_its_statement_to_allow()
    {
        var withContext = new Dictionary<string, string> { ["ec2:CreateAction"] = "CreateVpcPeeringConnection" };

        Assert.True(_cloud.Iam.IsAllowed(_roleArn, "ec2:CreateTags", "*", withContext));
        Assert.False(_cloud.Iam.IsAllowed(_roleArn, "ec2:CreateTags", "*"));
    }

    [Fact]
    public void NotAction_allows_everything_except_the_listed_actions()
    {
        var policy = PolicyDocument.Parse("""
            { "Statement": { "Effect": "Allow", "NotAction": "iam:*", "Resource": "*" } }
            """);

        Assert.Equal(PolicyDecision.Allow, PolicyEvaluator.Evaluate([policy], "ec2:AcceptVpcPeeringConnection", "*"));
        Assert.Equal(PolicyDecision.ImplicitDeny, PolicyEvaluator.Evaluate([policy], "iam:CreateRole", "*"));
    }

    [Fact]
    public void An_unknown_role_is_implicitly_denied()
    {
        Assert.Equal(PolicyDecision.ImplicitDeny, _cloud.Iam.Evaluate("arn:aws:iam::111111111111:role/Nope", "ec2:DescribeVpcs", "*"));
    }
}
