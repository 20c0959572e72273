using LocalCloud.Templates;
using static LocalCloud.Tests.Templates.TemplateFixtures;

namespace LocalCloud.Tests.Templates;

// Follows the CloudFormation User Guide, "Intrinsic function reference" and "Pseudo parameters reference".
public sealed class IntrinsicFunctionTests
{
    [Theory]
    [InlineData("!Ref Stage", "dev")]
    [InlineData("!Ref AWS::AccountId", "111111111111")]
    [InlineData("!Ref AWS::Region", "us-east-1")]
    [InlineData("!Ref AWS::Partition", "aws")]
    [InlineData("!Ref AWS::StackName", "test")]
    [InlineData("!Ref AWS::URLSuffix", "amazonaws.com")]
    [InlineData("!Ref Other", "other")]
    [InlineData("!GetAtt Other.Arn", "arn:aws:events:us-east-1:111111111111:event-bus/other")]
    [InlineData("!GetAtt [Other, Name]", "other")]
    [InlineData("{ \"Fn::GetAtt\": [Other, Arn] }", "arn:aws:events:us-east-1:111111111111:event-bus/other")]
    [InlineData("!Sub ${AWS::StackName}-${AWS::Region}", "test-us-east-1")]
    [InlineData("!Sub ${Other.Arn}", "arn:aws:events:us-east-1:111111111111:event-bus/other")]
    [InlineData("!Sub ${Stage}/${Other}", "dev/other")]
    [InlineData("!Sub ${!Literal}-${Stage}", "${Literal}-dev")]
    [InlineData("!Sub [\"${A}-${AWS::AccountId}\", { A: !Ref Stage }]", "dev-111111111111")]
    [InlineData("{ \"Fn::Sub\": \"x-${Stage}\" }", "x-dev")]
    [InlineData("!Join [\":\", [a, !Ref Stage, 3]]", "a:dev:3")]
    [InlineData("!Join [\",\", !Ref Partners]", "a,b")]
    [InlineData("!Join [\"\", []]", "")]
    [InlineData("!Select [1, !Split [\",\", \"x,y,z\"]]", "y")]
    [InlineData("!Select [\"0\", !Ref Partners]", "a")]
    [InlineData("!Select [2, !GetAZs \"\"]", "us-east-1c")]
    [InlineData("!FindInMap [M, !Ref Stage, Key]", "from-map")]
    [InlineData("!If [IsProd, p, d]", "d")]
    [InlineData("!If [IsDev, !Sub \"${Stage}-d\", p]", "dev-d")]
    [InlineData("{ \"Fn::If\": [IsProd, p, { \"Fn::Join\": [\"-\", [x, y]] }] }", "x-y")]
    [InlineData("!Base64 abc", "YWJj")]
    [InlineData("!Join [\"\", [!Select [0, !Split [\"/\", !Sub \"${AWS::Region}/x\"]]]]", "us-east-1")]
    public void Intrinsic_functions_resolve_as_CloudFormation_documents(string expression, string expected) =>
        Assert.Equal(expected, Evaluate(expression));

    [Theory]
    [InlineData("cn-north-1", "aws-cn", "amazonaws.com.cn")]
    [InlineData("us-gov-west-1", "aws-us-gov", "amazonaws.com")]
    [InlineData("eu-west-1", "aws", "amazonaws.com")]
    public void Partition_and_url_suffix_follow_the_region(string region, string partition, string suffix) =>
        Assert.Equal($"{partition}|{suffix}", Evaluate("!Sub ${AWS::Partition}|${AWS::URLSuffix}", stack: new StackIdentity("s", Requester, region)));

    [Fact]
    public void Stack_id_is_a_cloudformation_arn_that_survives_redeploys()
    {
        var first = Evaluate("!Ref AWS::StackId");

        Assert.StartsWith("arn:aws:cloudformation:us-east-1:111111111111:stack/test/", first, StringComparison.Ordinal);
        Assert.Equal(first, Evaluate("!Ref AWS::StackId"));
    }

    [Theory]
    [InlineData("dev", "!If [IsProd, p, !Ref AWS::NoValue]", null)]
    [InlineData("prod", "!If [IsProd, p, !Ref AWS::NoValue]", "p")]
    public void No_value_removes_the_property(string stage, string expression, string? expected)
    {
        var template = Snippet($$"""
              Probe:
                Type: AWS::Logs::LogGroup
                Properties:
                  LogGroupName: {{expression}}
            """);

        var name = template.Resolve(Stack(), new Dictionary<string, string> { ["Stage"] = stage }).Get<LogGroupResource>("Probe").LogGroupName;

        Assert.Equal(expected ?? Stack().GenerateName("Probe", 512), name);
    }

    [Theory]
    [InlineData("!Equals [a, a]", true)]
    [InlineData("!Equals [a, b]", false)]
    [InlineData("!Equals [!Ref Stage, dev]", true)]
    [InlineData("!Equals [!Join [\"\", !Ref Partners], \"ab\"]", true)]
    [InlineData("!Not [!Equals [a, a]]", false)]
    [InlineData("!And [!Condition IsDev, !Equals [1, 1]]", true)]
    [InlineData("!And [!Condition IsDev, !Condition IsProd]", false)]
    [InlineData("!Or [!Condition IsProd, !Equals [x, y]]", false)]
    [InlineData("!Or [!Condition IsProd, !Condition IsDev, !Condition IsProd]", true)]
    [InlineData("{ \"Fn::Not\": [{ \"Condition\": \"IsProd\" }] }", true)]
    public void Conditions_evaluate_with_equals_not_and_or(string condition, bool expected)
    {
        var yaml = $$"""
            Parameters:
              Stage:
                Type: String
                Default: dev
              Partners:
                Type: CommaDelimitedList
                Default: "a,b"
            Conditions:
              IsProd: !Equals [!Ref Stage, prod]
              IsDev: !Not [!Condition IsProd]
              Probe: {{condition}}
            Resources:
              Logs:
                Type: AWS::Logs::LogGroup
            """;

        var conditions = CloudFormationTemplate.Parse(yaml, TestDirectory).Resolve(Stack()).Conditions;

        Assert.Equal(expected, conditions["Probe"]);
    }

    [Theory]
    [InlineData("!Select [5, !Ref Partners]", "out of range")]
    [InlineData("!FindInMap [M, prod, Key]", "has no value for [prod, Key]")]
    [InlineData("!FindInMap [Nope, dev, Key]", "mapping 'Nope' is not declared")]
    [InlineData("!GetAtt Other.Nope", "has no attribute 'Nope'")]
    [InlineData("!Ref Nowhere", "Unresolved resource dependencies [Nowhere]")]
    [InlineData("!Sub ${Nowhere}", "Unresolved resource dependencies [Nowhere]")]
    [InlineData("!If [Unknown, a, b]", "condition 'Unknown' is not declared")]
    [InlineData("!ImportValue SharedValue", "Fn::ImportValue is not supported")]
    [InlineData("!Join [!Ref Stage, [a, b]]", "the delimiter cannot be a function")]
    [InlineData("!Sub [\"${A}\", { A: !Ref Partners }]", "must be a string")]
    public void Bad_intrinsics_are_errors_at_the_property_path(string expression, string message)
    {
        var errors = ErrorsOf(() => Evaluate(expression));

        var error = Assert.Single(errors);
        Assert.StartsWith("Resources.Probe.Properties.LogGroupName", error.Path, StringComparison.Ordinal);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
