using BenchmarkDotNet.Running;
using StatesLanguage.Benchmarks;

if (args is ["--check"])
{
    // A quick functional check of the benchmarked execution, without measuring.
    var benchmark = new ExecutionBenchmark();
    benchmark.Setup();
    var result = await benchmark.RunOnce();
    Console.WriteLine($"{result.Status} {result.Error} {result.Cause} {result.OutputJson}");
    var cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
    var watch = System.Diagnostics.Stopwatch.StartNew();
    for (var i = 0; i < 2000; i++)
    {
        await benchmark.RunOnce();
    }

    var cpuUsed = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpu;
    Console.WriteLine($"{watch.Elapsed.TotalMilliseconds / 2000:F3} ms wall, {cpuUsed.TotalMilliseconds / 2000:F3} ms CPU per execution (2000 runs)");
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(ExecutionBenchmark).Assembly).Run(args);
