namespace VpcPeering.Requests;

/// <summary>One thing wrong with an input, where it is and what would be right.</summary>
/// <param name="Path">Where: a JSON path such as <c>$.accepter.vpcId</c>, or a tag key such as <c>peering:peer-vpc</c>.</param>
/// <param name="Message">What is wrong.</param>
/// <param name="Expected">What is expected, or how to fix it.</param>
public sealed record Problem(string Path, string Message, string Expected)
{
    public override string ToString() => $"{Path}: {Message}; expected {Expected}";
}
