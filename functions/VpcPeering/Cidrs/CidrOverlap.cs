namespace VpcPeering.Cidrs;

/// <summary>A block of one VPC that shares addresses with a block of the other.</summary>
public sealed record CidrOverlap(string RequesterCidr, string AccepterCidr)
{
    public override string ToString() => $"{RequesterCidr} overlaps {AccepterCidr}";
}
