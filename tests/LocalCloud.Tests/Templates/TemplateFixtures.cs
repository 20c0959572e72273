using LocalCloud.Templates;

namespace LocalCloud.Tests.Templates;

/// <summary>Paths and small templates shared by the template engine tests.</summary>
internal static class TemplateFixtures
{
    public const string Requester = "111111111111";
    public const string Accepter = "222222222222";
    public const string Region = "us-east-1";

    /// <summary>This folder in the source tree (found from the test binaries, so deterministic CI paths do not matter).</summary>
    public static string TestDirectory => Path.Combine(RepositoryRoot, "tests", "LocalCloud.Tests", "Templates");

    public static string RepositoryRoot
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Serverless.sln")))
            {
                directory = directory.Parent;
            }

            return directory?.FullName ?? throw new InvalidOperationException("Serverless.sln not found above the tests.");
        }
    }

    public static StackIdentity Stack(string account = Requester, string name = "test") => new(name, account, Region);

    public static CloudFormationTemplate TestTemplate() => CloudFormationTemplate.Load(Path.Combine(TestDirectory, "test-template.yaml"));

    /// <summary>The product template; state machine files not written yet read as a minimal definition.</summary>
    public static CloudFormationTemplate ProductTemplate() => CloudFormationTemplate.Load(
        Path.Combine(RepositoryRoot, "template.yaml"),
        path => File.Exists(path) ? File.ReadAllText(path) : """{"StartAt":"Done","States":{"Done":{"Type":"Succeed"}}}""");

    public static SamConfig ProductSamConfig() => SamConfig.Load(Path.Combine(RepositoryRoot, "samconfig.toml"));

    /// <summary>A template with common parameters, a mapping, a condition and a bus; <paramref name="resources"/> is appended.</summary>
    public static CloudFormationTemplate Snippet(string resources, string extraSections = "") => CloudFormationTemplate.Parse(
        $$"""
        Transform: AWS::Serverless-2016-10-31
        Parameters:
          Stage:
            Type: String
            Default: dev
          Partners:
            Type: CommaDelimitedList
            Default: "a,b"
        Mappings:
          M:
            dev:
              Key: from-map
        Conditions:
          IsProd: !Equals [!Ref Stage, prod]
          IsDev: !Not [!Condition IsProd]
        {{extraSections}}
        Resources:
          Other:
            Type: AWS::Events::EventBus
            Properties:
              Name: other
        {{resources}}
        """,
        TestDirectory);

    /// <summary>Resolves <paramref name="expression"/> as a log group's name and returns it.</summary>
    public static string Evaluate(string expression, IReadOnlyDictionary<string, string>? parameters = null, StackIdentity? stack = null)
    {
        var template = Snippet($$"""
              Probe:
                Type: AWS::Logs::LogGroup
                Properties:
                  LogGroupName: {{expression}}
            """);
        return template.Resolve(stack ?? Stack(), parameters).Get<LogGroupResource>("Probe").LogGroupName;
    }

    /// <summary>The errors resolving a template gives.</summary>
    public static IReadOnlyList<TemplateError> ErrorsOf(Func<object> resolve) => Assert.Throws<TemplateException>(resolve).Errors;
}
