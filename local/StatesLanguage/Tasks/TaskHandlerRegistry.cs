using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace StatesLanguage.Tasks;

/// <summary>
/// Maps Task resources to handlers: exact ARNs first, then <c>*</c> patterns in registration order. Lambda functions are
/// registered separately with <see cref="RegisterFunction(string, ITaskHandler)"/>; the engine then serves both a plain function
/// ARN Resource and <c>arn:aws:states:::lambda:invoke</c> from them.
/// </summary>
/// <remarks>
/// A <c>.waitForTaskToken</c> resource with no handler of its own falls back to the handler of the resource without the suffix
/// (the call is the same; only the waiting differs). A <c>.sync</c> resource needs a handler registered for it. Thread-safe.
/// </remarks>
public sealed class TaskHandlerRegistry
{
    private readonly ConcurrentDictionary<string, ITaskHandler> _exact = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ITaskHandler> _functions = new(StringComparer.Ordinal);
    private readonly List<(Regex Pattern, ITaskHandler Handler)> _patterns = [];
    private readonly Lock _lock = new();

    /// <summary>Registers (or replaces) the handler for one exact resource ARN.</summary>
    public void Register(string resource, ITaskHandler handler)
    {
        ArgumentException.ThrowIfNullOrEmpty(resource);
        ArgumentNullException.ThrowIfNull(handler);
        _exact[resource] = handler;
    }

    /// <summary>Registers a delegate for one exact resource ARN.</summary>
    public void Register(string resource, Func<TaskInvocation, CancellationToken, Task<JsonNode?>> handler) =>
        Register(resource, new DelegateTaskHandler(handler));

    /// <summary>Registers a handler for every resource matching <paramref name="pattern"/>, where <c>*</c> matches any text
    /// (e.g. <c>arn:aws:states:::aws-sdk:ec2:*</c>).</summary>
    public void RegisterPattern(string pattern, ITaskHandler handler)
    {
        ArgumentException.ThrowIfNullOrEmpty(pattern);
        ArgumentNullException.ThrowIfNull(handler);
        var regex = new Regex("^" + Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal) + "$",
            RegexOptions.CultureInvariant | RegexOptions.Singleline);
        lock (_lock)
        {
            _patterns.Add((regex, handler));
        }
    }

    /// <summary>Registers a delegate for every resource matching <paramref name="pattern"/>.</summary>
    public void RegisterPattern(string pattern, Func<TaskInvocation, CancellationToken, Task<JsonNode?>> handler) =>
        RegisterPattern(pattern, new DelegateTaskHandler(handler));

    /// <summary>
    /// Registers a Lambda function by ARN (<c>arn:aws:lambda:REGION:ACCOUNT:function:NAME</c>) or by name. The handler receives the
    /// payload as <see cref="TaskInvocation.Input"/> and returns the function's response.
    /// </summary>
    public void RegisterFunction(string functionArnOrName, ITaskHandler handler)
    {
        ArgumentException.ThrowIfNullOrEmpty(functionArnOrName);
        ArgumentNullException.ThrowIfNull(handler);
        _functions[FunctionName(functionArnOrName)] = handler;
    }

    /// <summary>Registers a delegate as a Lambda function (see <see cref="RegisterFunction(string, ITaskHandler)"/>).</summary>
    public void RegisterFunction(string functionArnOrName, Func<TaskInvocation, CancellationToken, Task<JsonNode?>> handler) =>
        RegisterFunction(functionArnOrName, new DelegateTaskHandler(handler));

    /// <summary>Finds the handler for a resource ARN as written in a Task state.</summary>
    public bool TryResolve(string resource, out ITaskHandler? handler)
    {
        if (_exact.TryGetValue(resource, out handler))
        {
            return true;
        }

        lock (_lock)
        {
            foreach (var (pattern, candidate) in _patterns)
            {
                if (pattern.IsMatch(resource))
                {
                    handler = candidate;
                    return true;
                }
            }
        }

        handler = null;
        return false;
    }

    /// <summary>Finds a registered Lambda function by ARN (qualified or not), partial ARN or name.</summary>
    public bool TryResolveFunction(string functionArnOrName, out ITaskHandler? handler) =>
        _functions.TryGetValue(FunctionName(functionArnOrName), out handler);

    /// <summary>The function name inside a function ARN, partial ARN (<c>ACCOUNT:function:NAME</c>) or plain name.</summary>
    internal static string FunctionName(string arnOrName)
    {
        var at = arnOrName.IndexOf(":function:", StringComparison.Ordinal);
        var name = at >= 0 ? arnOrName[(at + 10)..] : arnOrName;
        var qualifier = name.IndexOf(':', StringComparison.Ordinal);
        return qualifier >= 0 ? name[..qualifier] : name;
    }
}
