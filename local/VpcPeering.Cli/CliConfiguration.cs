using Spectre.Console.Cli;

namespace VpcPeering.Cli;

/// <summary>Registers every `vpc-peering` command; tests build the same app through this.</summary>
internal static class CliConfiguration
{
    public static void Configure(IConfigurator config)
    {
        config.SetApplicationName("vpc-peering");
        config.PropagateExceptions();
        config.ValidateExamples();
        config.AddCommand<Commands.Demo.DemoCommand>("demo")
            .WithDescription("Peer two VPCs end to end in the embedded cloud: deploy, tag, accept, configure, verify.")
            .WithExample("demo")
            .WithExample("demo", "--scenario", "role-mode");
        config.AddCommand<Commands.Run.RunCommand>("run")
            .WithDescription("Run one peering request through the real state machine in the embedded cloud.")
            .WithExample("run", "--input", "examples/demo-request.json");
        config.AddCommand<Commands.Run.PlanCommand>("plan")
            .WithDescription("Dry-run a peering request and show the diff of what would change.")
            .WithExample("plan", "--input", "examples/demo-request.json");
        config.AddCommand<Commands.Bench.BenchCommand>("bench")
            .WithDescription("Run the demo scenarios repeatedly; report EC2 calls, transitions, Lambda invocations, wall time and allocations.")
            .WithExample("bench", "--iterations", "3")
            .WithExample("bench", "--scenario", "same-account", "--json");
        config.AddCommand<Commands.Serve.ServeCommand>("serve");
        config.AddCommand<Commands.Validate.ValidateCommand>("validate")
            .WithDescription("Check template.yaml, every state machine definition and every example request; exit 1 on any problem.");
        config.AddBranch("states", Commands.States.StatesBranch.Configure);
    }
}
