using System.Text.Json.Nodes;

namespace StatesLanguage.Json;

/// <summary>
/// A compiled Parameters / ResultSelector / ItemSelector / Assign / Credentials value: fields whose names end in <c>.$</c> take
/// their value from a path or an intrinsic function; everything else is copied as written.
/// </summary>
internal abstract class PayloadTemplate
{
    public abstract JsonNode? Evaluate(in DataScope scope, Random random);

    /// <summary>Compiles <paramref name="template"/>, adding a problem per invalid <c>.$</c> value (pointer, message).</summary>
    public static PayloadTemplate Compile(JsonNode? template, string pointer, List<(string Pointer, string Message)> problems)
    {
        switch (template)
        {
            case JsonObject obj when HasDynamicFieldsDeep(obj):
                var fields = new List<(string Name, string Field, PayloadTemplate Value)>(obj.Count);
                foreach (var (key, value) in obj)
                {
                    var childPointer = $"{pointer}/{Pointer.Escape(key)}";
                    if (key.EndsWith(".$", StringComparison.Ordinal))
                    {
                        fields.Add((key[..^2], key, CompileExpression(value, childPointer, key, problems)));
                    }
                    else
                    {
                        fields.Add((key, key, Compile(value, childPointer, problems)));
                    }
                }

                return new ObjectTemplate([.. fields]);
            case JsonArray array when array.Any(item => item is JsonObject or JsonArray && HasDynamicFieldsDeep(item)):
                return new ArrayTemplate([.. array.Select((item, i) => Compile(item, $"{pointer}/{i}", problems))]);
            default:
                return new StaticTemplate(template?.DeepClone());
        }
    }

    private static PayloadTemplate CompileExpression(JsonNode? value, string pointer, string field, List<(string, string)> problems)
    {
        if (!JsonText.TryGetString(value, out var text))
        {
            problems.Add((pointer, $"The value of '{field}' must be a JSONPath or an intrinsic function call string."));
            return new StaticTemplate(null);
        }

        if (IntrinsicFunction.LooksLikeCall(text))
        {
            if (IntrinsicFunction.TryParse(text, out var function, out var error))
            {
                return new IntrinsicTemplate(function!);
            }

            problems.Add((pointer, error!));
            return new StaticTemplate(null);
        }

        if (JsonPath.TryParse(text, out var path, out var pathError))
        {
            return new PathTemplate(path!, field);
        }

        problems.Add((pointer, pathError!));
        return new StaticTemplate(null);
    }

    private static bool HasDynamicFieldsDeep(JsonNode? node) => node switch
    {
        JsonObject obj => obj.Any(p => p.Key.EndsWith(".$", StringComparison.Ordinal) || HasDynamicFieldsDeep(p.Value)),
        JsonArray array => array.Any(HasDynamicFieldsDeep),
        _ => false,
    };

    private sealed class StaticTemplate(JsonNode? value) : PayloadTemplate
    {
        public override JsonNode? Evaluate(in DataScope scope, Random random) => value?.DeepClone();
    }

    private sealed class PathTemplate(JsonPath path, string field) : PayloadTemplate
    {
        public override JsonNode? Evaluate(in DataScope scope, Random random) => scope.Resolve(path, field)?.DeepClone();
    }

    private sealed class IntrinsicTemplate(IntrinsicFunction function) : PayloadTemplate
    {
        public override JsonNode? Evaluate(in DataScope scope, Random random) => function.Evaluate(scope, random);
    }

    private sealed class ObjectTemplate((string Name, string Field, PayloadTemplate Value)[] fields) : PayloadTemplate
    {
        public override JsonNode? Evaluate(in DataScope scope, Random random)
        {
            var result = new JsonObject();
            foreach (var (name, _, value) in fields)
            {
                result[name] = value.Evaluate(scope, random);
            }

            return result;
        }
    }

    private sealed class ArrayTemplate(PayloadTemplate[] items) : PayloadTemplate
    {
        public override JsonNode? Evaluate(in DataScope scope, Random random)
        {
            var result = new JsonArray();
            foreach (var item in items)
            {
                result.Add(item.Evaluate(scope, random));
            }

            return result;
        }
    }
}

/// <summary>JSON pointer (RFC 6901) helpers for problem locations.</summary>
internal static class Pointer
{
    public static string Escape(string name) => name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}
