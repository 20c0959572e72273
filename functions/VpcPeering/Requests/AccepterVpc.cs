namespace VpcPeering.Requests;

/// <summary>The accepting VPC; with a role ARN the tool accepts through that role, otherwise by event.</summary>
public sealed record AccepterVpc(string VpcId, string Region, string AccountId, string? RoleArn, string? ExternalId);
