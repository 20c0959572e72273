using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using StatesLanguage;

namespace VpcPeering.Functions.Tests;

public sealed partial class ContractTests
{
    private static readonly string Root = FindRoot();

    public static TheoryData<string> StateMachines() => new() { "peering", "teardown", "accept-incoming", "callback-relay", "peering-ended" };

    [Theory]
    [MemberData(nameof(StateMachines))]
    public void Every_substitution_in_the_definition_is_a_DefinitionSubstitution_of_its_state_machine(string name)
    {
        var definition = File.ReadAllText(Path.Combine(Root, "statemachine", $"{name}.asl.json"));
        var declared = DeclaredSubstitutions(name);

        var used = Substitution().Matches(definition).Select(match => match.Groups[1].Value).Distinct();

        Assert.Empty(used.Except(declared));
    }

    [Theory]
    [MemberData(nameof(StateMachines))]
    public void Every_definition_is_valid_ASL_in_the_JSONPath_query_language(string name)
    {
        var definition = File.ReadAllText(Path.Combine(Root, "statemachine", $"{name}.asl.json"));
        var substitutions = DeclaredSubstitutions(name).ToDictionary(key => key, key => key.EndsWith("Name", StringComparison.Ordinal)
            ? "vpc-peering"
            : $"arn:aws:lambda:us-east-1:111111111111:function:{key}");

        var validation = StateMachineDefinition.Validate(definition, substitutions);

        Assert.True(validation.Definition is not null, string.Join(Environment.NewLine, validation.Problems.Select(problem => problem.ToString())));
        Assert.Equal("JSONPath", JsonNode.Parse(definition)!["QueryLanguage"]!.GetValue<string>());
    }

    [Fact]
    public void Every_handler_in_the_template_is_a_sealed_class_with_a_parameterless_constructor_and_Task_of_Stream_Handle_of_Stream()
    {
        var template = File.ReadAllText(Path.Combine(Root, "template.yaml"));
        var handlers = HandlerString().Matches(template).Select(match => match.Groups[1].Value).ToList();

        Assert.NotEmpty(handlers);
        foreach (var typeName in handlers)
        {
            var type = typeof(PreflightFunction).Assembly.GetType(typeName);
            Assert.True(type is { IsSealed: true }, $"{typeName} is not a sealed class in VpcPeering.Functions");
            Assert.NotNull(type!.GetConstructor(Type.EmptyTypes));
            var handle = type.GetMethod("Handle", BindingFlags.Public | BindingFlags.Instance, [typeof(Stream)]);
            Assert.Equal(typeof(Task<Stream>), handle?.ReturnType);
        }
    }

    /// <summary>The DefinitionSubstitutions keys of the state machine whose DefinitionUri is this file (a text read of template.yaml).</summary>
    private static HashSet<string> DeclaredSubstitutions(string name)
    {
        var lines = File.ReadAllLines(Path.Combine(Root, "template.yaml"));
        var uri = Array.FindIndex(lines, line => line.Trim() == $"DefinitionUri: statemachine/{name}.asl.json");
        Assert.True(uri >= 0, $"template.yaml has no state machine with DefinitionUri statemachine/{name}.asl.json");
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var start = Array.FindIndex(lines, uri, line => line.Trim() == "DefinitionSubstitutions:");
        if (start < 0 || lines[(uri + 1)..start].Any(line => line.TrimStart().StartsWith("Type:", StringComparison.Ordinal)))
        {
            return keys;
        }

        var indent = lines[start].Length - lines[start].TrimStart().Length;
        foreach (var line in lines.Skip(start + 1).TakeWhile(line => line.Length - line.TrimStart().Length > indent || line.Trim().Length == 0))
        {
            if (SubstitutionKey().Match(line) is { Success: true } key)
            {
                keys.Add(key.Groups[1].Value);
            }
        }

        return keys;
    }

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "template.yaml")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("template.yaml not found above the test binaries.");
    }

    [GeneratedRegex(@"\$\{([A-Za-z0-9_]+)\}")]
    private static partial Regex Substitution();

    [GeneratedRegex(@"^\s+([A-Za-z0-9_]+):")]
    private static partial Regex SubstitutionKey();

    [GeneratedRegex(@"Handler:\s*VpcPeering\.Functions::([\w.]+)::Handle")]
    private static partial Regex HandlerString();
}
