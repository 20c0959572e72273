using System.Text.Json.Serialization.Metadata;
using VpcPeering.Functions.Contracts;
using VpcPeering.Functions.Steps;

namespace VpcPeering.Functions.Hosting;

/// <summary>
/// The base of every handler: per-container services (clients, role sessions, configuration) and the pipeline that
/// reads the input, runs the step, writes the output and turns failures into named errors.
/// </summary>
public abstract class StepFunction(FunctionServices services, string name)
{
    /// <summary>Shared by every invocation of this container.</summary>
    protected StepServices Services { get; } = new(services, name);

    protected Task<Stream> Run<TOutput>(Stream input, JsonTypeInfo<TOutput> output, Func<StepInput, InvocationLog, Task<TOutput>> step) =>
        FunctionPipeline.RunAsync(input, FunctionJsonContext.Default.StepInput, output, Services.Log, request => request.ExecutionName, step);
}
