using System.Globalization;
using LocalCloud.Core;

namespace LocalCloud.Iam;

/// <summary>The outcome of evaluating policies for one request, per the IAM policy evaluation logic.</summary>
public enum PolicyDecision
{
    /// <summary>No statement allows the request (the default).</summary>
    ImplicitDeny,

    /// <summary>A statement allows the request and none denies it.</summary>
    Allow,

    /// <summary>A Deny statement matches; nothing can override it.</summary>
    ExplicitDeny,
}

/// <summary>Who a resource-based policy (such as a role trust policy) is evaluated for.</summary>
/// <param name="Type">The principal type as written in policies: <c>AWS</c>, <c>Service</c> or <c>Federated</c>.</param>
/// <param name="Identifiers">Every identifier naming this principal: account id, root ARN, role ARN, session ARN, service.</param>
public sealed record PolicyPrincipal(string Type, IReadOnlyCollection<string> Identifiers)
{
    /// <summary>An authenticated caller: its account, its account root, its own ARN and, for a role session, the role ARN.</summary>
    public static PolicyPrincipal ForCaller(AwsPrincipal caller)
    {
        var ids = new List<string> { caller.AccountId, $"arn:aws:iam::{caller.AccountId}:root", caller.Arn };
        if (caller.RoleArn is not null)
        {
            ids.Add(caller.RoleArn);
        }

        return new PolicyPrincipal("AWS", ids);
    }

    /// <summary>An AWS service principal such as <c>lambda.amazonaws.com</c>.</summary>
    public static PolicyPrincipal ForService(string servicePrincipal) => new("Service", [servicePrincipal]);
}

/// <summary>
/// Evaluates IAM policies: an explicit Deny wins, otherwise an Allow is needed. Supports Action/NotAction,
/// Resource/NotResource, Principal/NotPrincipal, <c>*</c> and <c>?</c> wildcards, and the string, ARN, Bool,
/// Null and numeric condition operators (with <c>IfExists</c>).
/// </summary>
public static class PolicyEvaluator
{
    /// <summary>Evaluates identity policies (no Principal element) for an action on a resource.</summary>
    public static PolicyDecision Evaluate(
        IEnumerable<PolicyDocument> policies, string action, string resource, IReadOnlyDictionary<string, string>? context = null) =>
        Decide(policies.SelectMany(p => p.Statements).Where(s => Applies(s, action, resource, context)));

    /// <summary>Evaluates a resource-based policy (for example a trust policy) for a principal.</summary>
    public static PolicyDecision EvaluateResourcePolicy(
        PolicyDocument policy, PolicyPrincipal principal, string action, string? resource = null,
        IReadOnlyDictionary<string, string>? context = null) =>
        Decide(policy.Statements.Where(s => NamesPrincipal(s, principal) && Applies(s, action, resource, context)));

    private static PolicyDecision Decide(IEnumerable<PolicyStatement> matching)
    {
        var decision = PolicyDecision.ImplicitDeny;
        foreach (var statement in matching)
        {
            if (!statement.IsAllow)
            {
                return PolicyDecision.ExplicitDeny;
            }

            decision = PolicyDecision.Allow;
        }

        return decision;
    }

    private static bool Applies(PolicyStatement statement, string action, string? resource, IReadOnlyDictionary<string, string>? context)
    {
        var actionMatches = statement.Action is not null
            ? statement.Action.Any(p => Wildcard.IsMatch(p, action, ignoreCase: true))
            : statement.NotAction is not null && !statement.NotAction.Any(p => Wildcard.IsMatch(p, action, ignoreCase: true));
        if (!actionMatches)
        {
            return false;
        }

        if (resource is not null)
        {
            if (statement.Resource is not null && !statement.Resource.Any(p => Wildcard.IsMatch(p, resource, ignoreCase: false)))
            {
                return false;
            }

            if (statement.NotResource is not null && statement.NotResource.Any(p => Wildcard.IsMatch(p, resource, ignoreCase: false)))
            {
                return false;
            }
        }

        return statement.Conditions.All(c => ConditionHolds(c, context));
    }

    private static bool NamesPrincipal(PolicyStatement statement, PolicyPrincipal principal)
    {
        if (statement.Principal is not null)
        {
            return Matches(statement.Principal, principal);
        }

        return statement.NotPrincipal is not null && !Matches(statement.NotPrincipal, principal);
    }

    private static bool Matches(IReadOnlyDictionary<string, IReadOnlyList<string>> principals, PolicyPrincipal principal)
    {
        foreach (var (type, values) in principals)
        {
            if (type == "*" && values.Contains("*"))
            {
                return true;
            }

            if (!string.Equals(type, principal.Type, StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var value in values)
            {
                var normalized = value.Length == 12 && value.All(char.IsAsciiDigit) ? $"arn:aws:iam::{value}:root" : value;
                if (value == "*" || principal.Identifiers.Contains(normalized, StringComparer.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool ConditionHolds(PolicyCondition condition, IReadOnlyDictionary<string, string>? context)
    {
        var op = condition.Operator;
        var colon = op.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            op = op[(colon + 1)..];
        }

        var ifExists = op.EndsWith("IfExists", StringComparison.Ordinal);
        if (ifExists)
        {
            op = op[..^"IfExists".Length];
        }

        var value = Lookup(context, condition.Key);
        if (op == "Null")
        {
            var mustBeAbsent = condition.Values.Any(v => string.Equals(v, "true", StringComparison.OrdinalIgnoreCase));
            return mustBeAbsent == (value is null);
        }

        var negated = op.Contains("Not", StringComparison.Ordinal);
        if (value is null)
        {
            return ifExists || negated;
        }

        var positive = op.Replace("Not", string.Empty, StringComparison.Ordinal);
        var any = condition.Values.Any(expected => Compare(positive, expected, value));
        return negated ? !any : any;
    }

    private static bool Compare(string op, string expected, string actual) => op switch
    {
        "StringEquals" or "ArnEquals" => string.Equals(expected, actual, StringComparison.Ordinal),
        "StringEqualsIgnoreCase" => string.Equals(expected, actual, StringComparison.OrdinalIgnoreCase),
        "StringLike" or "ArnLike" => Wildcard.IsMatch(expected, actual, ignoreCase: false),
        "Bool" => string.Equals(expected, actual, StringComparison.OrdinalIgnoreCase),
        "NumericEquals" => Numeric(expected, actual) is { } n && n == 0,
        "NumericLessThan" => Numeric(expected, actual) is { } n && n > 0,
        "NumericLessThanEquals" => Numeric(expected, actual) is { } n && n >= 0,
        "NumericGreaterThan" => Numeric(expected, actual) is { } n && n < 0,
        "NumericGreaterThanEquals" => Numeric(expected, actual) is { } n && n <= 0,
        _ => false,
    };

    private static int? Numeric(string expected, string actual) =>
        double.TryParse(expected, NumberStyles.Float, CultureInfo.InvariantCulture, out var e)
        && double.TryParse(actual, NumberStyles.Float, CultureInfo.InvariantCulture, out var a)
            ? e.CompareTo(a)
            : null;

    private static string? Lookup(IReadOnlyDictionary<string, string>? context, string key)
    {
        if (context is null)
        {
            return null;
        }

        foreach (var (name, value) in context)
        {
            if (string.Equals(name, key, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return null;
    }
}

/// <summary>IAM's wildcard matching: <c>*</c> matches any run of characters, <c>?</c> any single character.</summary>
public static class Wildcard
{
    /// <summary>True when <paramref name="value"/> matches <paramref name="pattern"/>.</summary>
    public static bool IsMatch(string pattern, string value, bool ignoreCase)
    {
        int p = 0, v = 0, star = -1, mark = 0;
        while (v < value.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || Same(pattern[p], value[v], ignoreCase)))
            {
                p++;
                v++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                mark = v;
            }
            else if (star >= 0)
            {
                p = star + 1;
                v = ++mark;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }

    private static bool Same(char a, char b, bool ignoreCase) =>
        a == b || (ignoreCase && char.ToUpperInvariant(a) == char.ToUpperInvariant(b));
}
