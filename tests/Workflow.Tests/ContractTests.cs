using System.Text.RegularExpressions;
using LocalCloud.Templates;
using StatesLanguage;

namespace Workflow.Tests;

/// <summary>The template, the ASL and the handlers agree with each other.</summary>
public sealed partial class ContractTests
{
    private static readonly Dictionary<string, string> PartnerParameters = new(StringComparer.Ordinal)
    {
        ["PartnerAccountIds"] = "222222222222",
        ["ExternalId"] = "contract-test",
        ["AllowedRequesterAccounts"] = "222222222222",
    };

    [Fact]
    public void Every_handler_in_the_template_is_a_public_Task_of_Stream_method_taking_a_Stream()
    {
        var functions = Resolve().OfType<FunctionResource>().ToList();

        Assert.NotEmpty(functions);
        Assert.All(functions, function =>
        {
            var parts = function.Handler.Split("::");
            Assert.Equal(3, parts.Length);
            var type = typeof(VpcPeering.Functions.Hosting.FunctionServices).Assembly.GetType(parts[1]);
            Assert.True(type is not null, $"{function.LogicalId}: no type {parts[1]}");
            Assert.Equal(parts[0], type.Assembly.GetName().Name);
            var method = type.GetMethod(parts[2], [typeof(Stream)]);
            Assert.True(method is not null && method.IsPublic && method.ReturnType == typeof(Task<Stream>),
                $"{function.LogicalId}: {function.Handler} is not public Task<Stream> {parts[2]}(Stream)");
            Assert.NotNull(type.GetConstructor(Type.EmptyTypes));
        });
    }

    [WorkflowFact]
    public void Every_placeholder_in_the_state_machines_has_a_substitution()
    {
        var machines = Resolve().OfType<StateMachineResource>().ToList();

        Assert.Equal(5, machines.Count);
        Assert.All(machines, machine =>
        {
            var missing = Placeholder().Matches(machine.Definition).Select(m => m.Groups[1].Value)
                .Where(name => !machine.DefinitionSubstitutions.ContainsKey(name)).ToList();
            Assert.True(missing.Count == 0, $"{machine.LogicalId}: no substitution for {string.Join(", ", missing)}");
            var validation = StateMachineDefinition.Validate(machine.Definition, machine.DefinitionSubstitutions);
            Assert.True(validation.IsValid, $"{machine.LogicalId}: {string.Join("; ", validation.Problems)}");
        });
    }

    [WorkflowFact]
    public void The_template_deploys_into_two_accounts_of_one_cloud()
    {
        var cloud = WorkflowCloud.Create("same-account-topology.yaml",
            ("111111111111", PartnerParameters), ("222222222222", new Dictionary<string, string> { ["PartnerAccountIds"] = "111111111111" }));

        foreach (var account in new[] { "111111111111", "222222222222" })
        {
            Assert.Equal(5, cloud.Assembly.StepFunctions.ListStateMachines(account, WorkflowCloud.Region).Count);
            Assert.NotEmpty(cloud.Assembly.Lambda.List(account, WorkflowCloud.Region));
        }
    }

    private static IReadOnlyList<StackResource> Resolve() =>
        CloudFormationTemplate.Load(WorkflowCloud.TemplatePath)
            .Resolve(new StackIdentity("vpc-peering", "111111111111", WorkflowCloud.Region), PartnerParameters).Resources;

    [GeneratedRegex(@"\$\{([A-Za-z0-9_.:-]+)\}")]
    private static partial Regex Placeholder();
}
