namespace VpcPeering.Requests;

/// <summary>Either a valid value or every problem found with the input, never both.</summary>
public sealed record Validated<T>
    where T : class
{
    private Validated(T? value, IReadOnlyList<Problem> problems)
    {
        Value = value;
        Problems = problems;
    }

    /// <summary>The value; null when there are problems.</summary>
    public T? Value { get; }

    public IReadOnlyList<Problem> Problems { get; }

    public bool IsValid => Value is not null;

    public static Validated<T> Success(T value) => new(value, []);

    public static Validated<T> Failure(IReadOnlyList<Problem> problems) =>
        problems.Count == 0 ? throw new ArgumentException("A failure needs at least one problem.", nameof(problems)) : new(null, problems);

    /// <summary>The value, or an <see cref="InvalidPeeringRequestException"/> listing every problem.</summary>
    public T GetValueOrThrow() => Value ?? throw new InvalidPeeringRequestException(Problems);
}
