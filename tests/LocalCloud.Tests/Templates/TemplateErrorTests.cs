using LocalCloud.Templates;
using static LocalCloud.Tests.Templates.TemplateFixtures;

namespace LocalCloud.Tests.Templates;

public sealed class TemplateErrorTests
{
    [Fact]
    public void An_unknown_resource_type_names_the_logical_id()
    {
        var template = Snippet("""
              Queue:
                Type: AWS::SQS::Queue
            """);

        var error = Assert.Single(ErrorsOf(() => template.Resolve(Stack())));

        Assert.Equal("Resources.Queue.Type", error.Path);
        Assert.Contains("'AWS::SQS::Queue' is not supported", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unsupported_properties_are_reported_with_their_paths_all_at_once()
    {
        var template = Snippet("""
              PeeringFunction:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: A::B.C::Handle
                  Runtime: dotnet10
                  CodeUri: src/
                  Foo: 1
                  Environment:
                    Bar: 2
              Machine:
                Type: AWS::Serverless::StateMachine
                Properties:
                  Definition: { StartAt: Done, States: { Done: { Type: Succeed } } }
                  Events:
                    OnEvent:
                      Type: EventBridgeRule
                      Properties:
                        Pattern: { source: [x] }
                        Colour: blue
              Rule:
                Type: AWS::Events::Rule
                Properties:
                  ScheduleExpression: rate(1 hour)
                  Targets:
                    - Id: T
                      Arn: arn:aws:lambda:us-east-1:111111111111:function:f
                      Extra: true
            """);

        var paths = ErrorsOf(() => template.Resolve(Stack())).Select(e => e.Path).ToList();

        Assert.Equal(
            [
                "Resources.PeeringFunction.Properties.Foo",
                "Resources.PeeringFunction.Properties.Environment.Bar",
                "Resources.Machine.Properties.Events.OnEvent.Properties.Colour",
                "Resources.Rule.Properties.Targets[0].Extra",
            ],
            paths);
    }

    [Fact]
    public void Unsupported_event_sources_and_policy_templates_are_named()
    {
        var template = Snippet("""
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: A::B.C::Handle
                  Runtime: dotnet10
                  CodeUri: src/
                  Policies:
                    - DynamoDBCrudPolicy: { TableName: t }
                    - LambdaInvokePolicy: {}
                  Events:
                    Upload:
                      Type: S3
                      Properties: { Bucket: b }
            """);

        var errors = ErrorsOf(() => template.Resolve(Stack()));

        Assert.Contains(errors, e => e.Path == "Resources.Worker.Properties.Policies[0].DynamoDBCrudPolicy" && e.Message.Contains("not a SAM policy template", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Path == "Resources.Worker.Properties.Policies[1].LambdaInvokePolicy" && e.Message.Contains("needs parameter 'FunctionName'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Path == "Resources.Worker.Properties.Events.Upload.Type" && e.Message.Contains("'S3' is not supported", StringComparison.Ordinal));
    }

    [Fact]
    public void A_reference_cycle_is_reported_with_the_resources_in_it()
    {
        var template = Snippet("""
              A:
                Type: AWS::Logs::LogGroup
                Properties:
                  LogGroupName: !Ref B
              B:
                Type: AWS::Logs::LogGroup
                Properties:
                  LogGroupName: !Sub ${C}-b
              C:
                Type: AWS::Logs::LogGroup
                DependsOn: A
              D:
                Type: AWS::Logs::LogGroup
                Properties:
                  LogGroupName: !Ref A
            """);

        var error = Assert.Single(ErrorsOf(() => template.Resolve(Stack())));

        Assert.Equal("Circular dependency between resources: [A, B, C]", error.Message);
    }

    [Fact]
    public void Referring_to_a_resource_whose_condition_is_false_is_an_error_unless_guarded()
    {
        var template = Snippet("""
              ProdLogs:
                Type: AWS::Logs::LogGroup
                Condition: IsProd
              Guarded:
                Type: AWS::Logs::LogGroup
                Properties:
                  LogGroupName: !If [IsProd, !Ref ProdLogs, dev]
              Unguarded:
                Type: AWS::Logs::LogGroup
                Properties:
                  LogGroupName: !Ref ProdLogs
            """);

        var error = Assert.Single(ErrorsOf(() => template.Resolve(Stack())));

        Assert.Equal("Resources.Unguarded.Properties.LogGroupName.Ref", error.Path);
        Assert.Contains("'ProdLogs' is not created", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Resources:\n  A: !Bogus x\n", "unknown tag !Bogus")]
    [InlineData("Resources:\n  A: 1\n  A: 2\n", "line 3")]
    [InlineData("Resources: [\n", "not valid YAML")]
    public void Malformed_yaml_is_reported_with_where_it_is(string yaml, string message)
    {
        var error = Assert.Throws<TemplateException>(() => CloudFormationTemplate.Parse(yaml, TestDirectory));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Serverless_types_without_the_transform_are_an_error()
    {
        var template = CloudFormationTemplate.Parse(
            "Resources:\n  F:\n    Type: AWS::Serverless::Function\n    Properties: {}\n", TestDirectory);

        var errors = ErrorsOf(() => template.Resolve(Stack()));

        Assert.Contains(errors, e => e.Path == "Resources.F.Type" && e.Message.Contains("need Transform", StringComparison.Ordinal));
    }

    [Fact]
    public void A_missing_definition_file_names_the_definition_uri()
    {
        var template = Snippet("""
              Machine:
                Type: AWS::Serverless::StateMachine
                Properties:
                  DefinitionUri: statemachine/missing.asl.json
            """);

        var error = Assert.Single(ErrorsOf(() => template.Resolve(Stack())));

        Assert.Equal("Resources.Machine.Properties.DefinitionUri", error.Path);
    }
}
