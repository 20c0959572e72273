namespace VpcPeering.Requests;

/// <summary>The requesting VPC. Without an account id it is the caller's own account.</summary>
public sealed record RequesterVpc(string VpcId, string Region, string? AccountId);
