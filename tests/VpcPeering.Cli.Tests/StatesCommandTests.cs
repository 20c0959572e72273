using System.Text.Json.Nodes;
using Spectre.Console.Cli;
using Spectre.Console.Testing;

namespace VpcPeering.Cli.Tests;

/// <summary><c>vpc-peering states run|validate</c> (issue 3): JSON on stdout, exit 1 with {"Error","Cause"}, no stack traces.</summary>
public sealed class StatesCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("states-tests-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string File(string name, string content)
    {
        var path = Path.Combine(_directory, name);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    private static async Task<(int ExitCode, JsonNode? Json)> Run(params string[] args)
    {
        var console = new TestConsole();
        var app = new CommandApp();
        app.Configure(config =>
        {
            CliConfiguration.Configure(config);
            config.ConfigureConsole(console);
        });

        var exitCode = await app.RunAsync(args);
        return (exitCode, JsonNode.Parse(console.Output));
    }

    [Fact]
    public async Task Run_prints_the_output_and_exits_0()
    {
        var definition = File("wait.asl.json", """
            {"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":86400,"Next":"P"},"P":{"Type":"Pass","Parameters":{"got.$":"$.x"},"End":true}}}
            """);

        var (exitCode, json) = await Run("states", "run", definition, "--input", File("in.json", """{"x":42}"""));

        Assert.Equal(0, exitCode);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"got":42}"""), json));
    }

    [Fact]
    public async Task Run_applies_substitutions()
    {
        var definition = File("sub.asl.json", """{"StartAt":"P","States":{"P":{"Type":"Pass","Result":"${Greeting}","End":true}}}""");

        var (_, json) = await Run("states", "run", definition, "--substitute", "Greeting=hello");

        Assert.Equal("hello", json!.GetValue<string>());
    }

    [Fact]
    public async Task A_failed_execution_prints_Error_and_Cause_and_exits_1()
    {
        var definition = File("fail.asl.json", """{"StartAt":"F","States":{"F":{"Type":"Fail","Error":"Nope","Cause":"because"}}}""");

        var (exitCode, json) = await Run("states", "run", definition);

        Assert.Equal(1, exitCode);
        Assert.Equal("Nope", json!["Error"]!.GetValue<string>());
        Assert.Equal("because", json["Cause"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_task_without_a_handler_fails_naming_the_resource()
    {
        var definition = File("task.asl.json", """
            {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:Check","End":true}}}
            """);

        var (exitCode, json) = await Run("states", "run", definition);

        Assert.Equal(1, exitCode);
        Assert.Contains("function:Check", json!["Cause"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_adds_the_execution_events()
    {
        var definition = File("pass.asl.json", """{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}""");

        var (_, json) = await Run("states", "run", definition, "--history");

        Assert.Equal("ExecutionStarted", json!["Events"]![0]!["type"]!.GetValue<string>());
        Assert.Equal("ExecutionSucceeded", json["Events"]!.AsArray()[^1]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Malformed_input_json_reports_line_and_column()
    {
        var definition = File("pass.asl.json", """{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}""");

        var (exitCode, json) = await Run("states", "run", definition, "--input", File("bad.json", "{\n  \"a\": ,\n}"));

        Assert.Equal(1, exitCode);
        Assert.Contains("line 2", json!["Cause"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_prints_every_problem_with_its_pointer_and_exits_1()
    {
        var definition = File("bad.asl.json", """{"StartAt":"X","States":{"A":{"Type":"Pass"}}}""");

        var (exitCode, json) = await Run("states", "validate", definition);

        Assert.Equal(1, exitCode);
        var pointers = json!["Problems"]!.AsArray().Select(p => p!["Pointer"]!.GetValue<string>()).ToList();
        Assert.Contains("/StartAt", pointers);
        Assert.Contains("/States/A", pointers);
    }

    [Fact]
    public async Task Validate_of_a_valid_definition_exits_0()
    {
        var (exitCode, json) = await Run("states", "validate", File("ok.asl.json", """{"StartAt":"S","States":{"S":{"Type":"Succeed"}}}"""));

        Assert.Equal(0, exitCode);
        Assert.True(json!["Valid"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Malformed_definition_json_reports_line_and_column_without_a_stack_trace()
    {
        var (exitCode, json) = await Run("states", "validate", File("broken.asl.json", "{\n\"StartAt\": \"S\"\n\"States\": {}}"));

        Assert.Equal(1, exitCode);
        Assert.Contains("line 3", json!["Problems"]![0]!["Message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_definition_file_is_reported_as_json()
    {
        var (exitCode, json) = await Run("states", "run", Path.Combine(_directory, "missing.json"));

        Assert.Equal(1, exitCode);
        Assert.Equal("FileNotFound", json!["Error"]!.GetValue<string>());
    }
}
