namespace VpcPeering.Requests;

/// <summary>
/// A request or tag set that cannot be carried out. The type name is the Step Functions error name;
/// the message lists every problem with its path.
/// </summary>
public sealed class InvalidPeeringRequestException : Exception
{
    public InvalidPeeringRequestException()
        : this([])
    {
    }

    public InvalidPeeringRequestException(string message)
        : base(message)
    {
        Problems = [];
    }

    public InvalidPeeringRequestException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [];
    }

    public InvalidPeeringRequestException(IReadOnlyList<Problem> problems)
        : base(Describe(problems))
    {
        Problems = problems;
    }

    public IReadOnlyList<Problem> Problems { get; }

    private static string Describe(IReadOnlyList<Problem> problems) =>
        $"The peering request has {problems.Count} problem(s):"
        + string.Concat(problems.Select(problem => $"{Environment.NewLine}- {problem}"));
}
