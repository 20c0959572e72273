using LocalCloud.Templates;
using static LocalCloud.Tests.Templates.TemplateFixtures;

namespace LocalCloud.Tests.Templates;

// Follows the CloudFormation User Guide, "Parameters" (types, AllowedValues, AllowedPattern, NoEcho), and the SAM CLI
// configuration file reference for samconfig.toml.
public sealed class ParameterTests
{
    private const string Declarations = """
        Parameters:
          Stage:
            Type: String
            AllowedValues: [dev, prod]
          Count:
            Type: Number
            Default: 2
            MaxValue: 5
          Accounts:
            Type: CommaDelimitedList
            Default: ""
            AllowedPattern: ^(|\d{12})$
            ConstraintDescription: 12-digit account ids
          Secret:
            Type: String
            Default: ""
            NoEcho: true
          Vpc:
            Type: AWS::EC2::VPC::Id
            Default: vpc-1
        Resources:
          Logs:
            Type: AWS::Logs::LogGroup
            Properties:
              LogGroupName: !Join ["/", [!Ref Stage, !Ref Count, !Join [",", !Ref Accounts], !Ref Vpc]]
        """;

    private static ResolvedStack Resolve(Dictionary<string, string> values) =>
        CloudFormationTemplate.Parse(Declarations, TestDirectory).Resolve(Stack(), values);

    [Fact]
    public void Overrides_and_defaults_give_the_values_ref_sees()
    {
        var stack = Resolve(new() { ["Stage"] = "prod", ["Accounts"] = "111111111111, 222222222222", ["Secret"] = "s3cr3t" });

        Assert.Equal("prod/2/111111111111,222222222222/vpc-1", stack.Get<LogGroupResource>("Logs").LogGroupName);
        Assert.Equal("****", stack.Parameters["Secret"]);
    }

    [Theory]
    [InlineData("Stage", "test", "must be one of AllowedValues [dev, prod]")]
    [InlineData("Count", "many", "must be a number")]
    [InlineData("Count", "9", "must be between")]
    [InlineData("Accounts", "111111111111,12", "failed to satisfy constraint: 12-digit account ids")]
    public void A_value_that_breaks_a_constraint_is_a_clear_error(string name, string value, string message)
    {
        var values = new Dictionary<string, string> { ["Stage"] = "dev", [name] = value };

        var error = Assert.Single(ErrorsOf(() => Resolve(values)));

        Assert.Equal($"Parameters.{name}", error.Path);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_and_unknown_parameters_are_reported_together()
    {
        var errors = ErrorsOf(() => Resolve(new() { ["Colour"] = "blue" }));

        Assert.Contains(errors, e => e.Message == "Parameters: [Colour] do not exist in the template");
        Assert.Contains(errors, e => e.Message == "Parameters: [Stage] must have values");
    }

    [Fact]
    public void A_no_echo_value_is_masked_in_errors()
    {
        var template = CloudFormationTemplate.Parse(
            "Parameters:\n  Secret:\n    Type: String\n    NoEcho: true\n    AllowedPattern: ^[a-z]+$\nResources:\n  Logs:\n    Type: AWS::Logs::LogGroup\n",
            TestDirectory);

        var error = Assert.Single(ErrorsOf(() => template.Resolve(Stack(), new Dictionary<string, string> { ["Secret"] = "HUNTER2" })));

        Assert.DoesNotContain("HUNTER2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parameter_overrides_parse_like_the_sam_cli()
    {
        var values = SamConfig.ParseParameterOverrides("A=1 B=\"two words\" C='x,y' D= E=a=b");

        Assert.Equal(["1", "two words", "x,y", "", "a=b"], values.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => v.Value));
    }

    [Fact]
    public void Samconfig_environments_give_their_own_deploy_options()
    {
        var config = SamConfig.Parse("""
            version = 0.1
            [default.global.parameters]
            stack_name = "app" # comment
            [default.deploy.parameters]
            capabilities = "CAPABILITY_IAM"
            parameter_overrides = "Stage=dev Count=3"
            [prod.deploy.parameters]
            stack_name = "app-prod"
            region = 'eu-west-1'
            confirm_changeset = false
            parameter_overrides = [
              "Stage=prod",
              "Accounts=111111111111,222222222222",
            ]
            """);

        Assert.Equal(["default", "prod"], config.Environments);
        Assert.Equal("app", config.StackName());
        Assert.Equal("3", config.ParameterOverrides()["Count"]);
        Assert.Equal("app-prod", config.StackName("prod"));
        Assert.Equal("eu-west-1", config.Region("prod"));
        Assert.Equal(false, config.Options("prod")["confirm_changeset"]);
        Assert.Equal("111111111111,222222222222", config.ParameterOverrides("prod")["Accounts"]);
    }

    [Fact]
    public void Explicit_overrides_win_over_samconfig()
    {
        var deployment = new StackDeployment("app", Requester, Region)
        {
            SamConfig = SamConfig.Parse("[default.deploy.parameters]\nparameter_overrides = \"Stage=dev Count=3\"\n"),
            ParameterOverrides = new Dictionary<string, string> { ["Count"] = "4" },
        };

        var stack = CloudFormationTemplate.Parse(Declarations, TestDirectory).Resolve(Stack(), deployment.EffectiveParameters());

        Assert.Equal("dev/4//vpc-1", stack.Get<LogGroupResource>("Logs").LogGroupName);
    }

    [Theory]
    [InlineData("[[tables]]\n", "arrays of tables")]
    [InlineData("a.b = 1\n", "dotted keys")]
    [InlineData("x = \"\"\"multi\"\"\"\n", "multi-line strings")]
    [InlineData("x = \"open\n", "unterminated string")]
    public void Unsupported_toml_is_reported_with_its_line(string text, string message)
    {
        var error = Assert.Throws<TemplateException>(() => SamConfig.Parse(text));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Contains("line 1", error.Message, StringComparison.Ordinal);
    }
}
