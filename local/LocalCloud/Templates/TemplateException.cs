namespace LocalCloud.Templates;

/// <summary>One problem in a template, located by its property path (e.g. <c>Resources.PeeringFunction.Properties.Foo</c>).</summary>
/// <param name="Path">Where the problem is, as a dotted path from the template root.</param>
/// <param name="Message">What is wrong and, where it helps, what to do.</param>
public sealed record TemplateError(string Path, string Message)
{
    /// <inheritdoc />
    public override string ToString() => Path.Length == 0 ? Message : $"{Path}: {Message}";
}

/// <summary>A template that cannot be loaded, resolved or deployed; carries every problem found, not just the first.</summary>
public sealed class TemplateException : Exception
{
    /// <summary>Creates the exception for a set of problems.</summary>
    public TemplateException(IReadOnlyList<TemplateError> errors)
        : base(Describe(errors)) => Errors = errors;

    /// <summary>Creates the exception for one problem.</summary>
    public TemplateException(string path, string message)
        : this([new TemplateError(path, message)])
    {
    }

    /// <summary>Creates an exception with a plain message.</summary>
    public TemplateException()
        : this([])
    {
    }

    /// <summary>Creates an exception with a plain message.</summary>
    public TemplateException(string message)
        : this(string.Empty, message)
    {
    }

    /// <summary>Creates an exception with a plain message and its cause.</summary>
    public TemplateException(string message, Exception innerException)
        : base(message, innerException) => Errors = [new TemplateError(string.Empty, message)];

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<TemplateError> Errors { get; }

    private static string Describe(IReadOnlyList<TemplateError> errors) => errors.Count switch
    {
        0 => "The template is not valid.",
        1 => $"Template error: {errors[0]}",
        _ => $"{errors.Count} template errors:{Environment.NewLine}" + string.Join(Environment.NewLine, errors.Select(e => $"  {e}")),
    };
}

/// <summary>Collects errors while a stage keeps going, so a user sees every problem at once.</summary>
internal sealed class TemplateErrors
{
    private readonly List<TemplateError> _errors = [];

    public int Count => _errors.Count;

    public void Add(string path, string message) => _errors.Add(new TemplateError(path, message));

    public void AddRange(IEnumerable<TemplateError> errors) => _errors.AddRange(errors);

    /// <summary>Throws a <see cref="TemplateException"/> with everything collected so far, if anything.</summary>
    public void ThrowIfAny()
    {
        if (_errors.Count > 0)
        {
            throw new TemplateException([.. _errors.Distinct()]);
        }
    }
}
