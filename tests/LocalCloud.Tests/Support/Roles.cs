using LocalCloud.Iam;

namespace LocalCloud.Tests.Support;

/// <summary>Trust and identity policies used across the identity tests.</summary>
internal static class Roles
{
    public static string Trust(string principalJson, string? conditionJson = null, string effect = "Allow") => $$"""
        {
          "Version": "2012-10-17",
          "Statement": [{
            "Effect": "{{effect}}",
            "Principal": {{principalJson}},
            "Action": "sts:AssumeRole"{{(conditionJson is null ? string.Empty : $",\n\"Condition\": {conditionJson}")}}
          }]
        }
        """;

    public static string TrustAccount(string accountId) => Trust($$"""{ "AWS": "arn:aws:iam::{{accountId}}:root" }""");

    public static IamRole Put(EmulatedCloud cloud, string accountId, string roleName, string trustPolicy, params IamPolicy[] policies) =>
        cloud.Iam.Put(new IamRole(accountId, roleName, trustPolicy, policies));
}
