using System.Text;
using LocalCloud.Events;

namespace LocalCloud.Lambda;

/// <summary>EventBridge targets that are Lambda functions: an asynchronous (Event) invocation with the rendered input.</summary>
internal sealed class LambdaTargetInvoker(LambdaService lambda) : IEventTargetInvoker
{
    public bool CanInvoke(string targetArn) => targetArn.StartsWith("arn:aws:lambda:", StringComparison.Ordinal)
        && targetArn.Contains(":function:", StringComparison.Ordinal);

    public Task InvokeAsync(EventTargetInvocation invocation, CancellationToken cancellationToken) =>
        lambda.InvokeAsync(invocation.Target.Arn, Encoding.UTF8.GetBytes(invocation.Input), LambdaInvocationType.Event, cancellationToken);
}
