using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using VpcPeering.Functions.Errors;

namespace VpcPeering.Functions.Hosting;

/// <summary>What every handler does around its step: read the input, run, write the output, name the failure and log it.</summary>
internal static class FunctionPipeline
{
    public static async Task<Stream> RunAsync<TInput, TOutput>(
        Stream input,
        JsonTypeInfo<TInput> inputType,
        JsonTypeInfo<TOutput> outputType,
        FunctionLog log,
        Func<TInput, string?> executionName,
        Func<TInput, InvocationLog, Task<TOutput>> step)
    {
        TInput request;
        try
        {
            request = await JsonSerializer.DeserializeAsync(input, inputType)
                ?? throw new InvalidPeeringRequest("The step's input is null; pass the JSON object the state machine builds.");
        }
        catch (JsonException ex)
        {
            throw new InvalidPeeringRequest($"The step's input is not the expected JSON ({ex.Message}). Pass the object the state machine builds.", ex);
        }

        var invocation = log.For(executionName(request));
        TOutput result;
        try
        {
            result = await step(request, invocation);
        }
        catch (Exception ex) when (AwsErrors.Translate(ex) is { } named)
        {
            invocation.Error("failed", named.ErrorName, named.Message);
            if (ReferenceEquals(named, ex))
            {
                throw;
            }

            throw named;
        }

        var output = new MemoryStream();
        await JsonSerializer.SerializeAsync(output, result, outputType);
        output.Position = 0;
        return output;
    }
}
