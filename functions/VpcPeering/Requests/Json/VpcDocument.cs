namespace VpcPeering.Requests.Json;

/// <summary>One side's VPC; role ARN and external id belong to the accepter only.</summary>
public sealed record VpcDocument(
    string? VpcId = null,
    string? Region = null,
    string? AccountId = null,
    string? RoleArn = null,
    string? ExternalId = null);
